import { type Aggregate, type DomainEvent, fold } from '../domain/decider.js';
import { Conflict } from '../errors.js';
import type { EventActor, RecordedEvent } from '../events/event-store.js';
import { WrongExpectedVersion } from '../events/wrong-expected-version.js';
import { msg } from '../i18n/message.js';
import type { CommandContext } from './handler-context.js';
import { toNewEvents } from './new-events.js';
import { backoff, MAX_ATTEMPTS } from './unit-of-work.js';

export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

export async function loadStream<S, E extends DomainEvent>(
  context: Pick<CommandContext, 'store'>,
  streamId: string,
  aggregate: Aggregate<S, E>,
  until?: string,
): Promise<Loaded<S>> {
  const events = await context.store.readStream(streamId, until === undefined ? {} : { until });
  return { state: fold(aggregate, events), version: events.at(-1)?.version ?? 0 };
}

/**
 * The stream as the decision must see it: inside a unit of work, up to this
 * command's own events, when an earlier run under the same command id (the
 * same idempotency key) already recorded them. The decision is then taken again as it was, its
 * events carry the same ids, and the store answers with what it recorded
 * instead of writing them twice.
 */
export async function loadForDecision<S, E extends DomainEvent>(
  context: Pick<CommandContext, 'store' | 'commandId' | 'unit'>,
  streamId: string,
  aggregate: Aggregate<S, E>,
): Promise<Loaded<S>> {
  const events = await context.store.readStream(streamId);
  // Only a unit of work decides each stream once: a command appending as it goes (an import) reads its own earlier rows.
  const own = context.unit ? events.findIndex((event) => event.metadata.commandId === context.commandId) : -1;
  if (own !== -1) context.unit?.replaying();
  const seen = own === -1 ? events : events.slice(0, own);
  return { state: fold(aggregate, seen), version: seen.at(-1)?.version ?? 0 };
}

/**
 * Load the stream, fold it, decide. Inside a change command (a context with a
 * unit of work) the decision is staged and appended when the command commits,
 * with every other decision of the command and its command-log entry
 * (unit-of-work.ts); the events returned are then empty and `context.recorded`
 * fills at the commit. Otherwise the events are appended at once with the
 * version the decision saw. On a concurrent change the stream is reloaded and
 * the decision taken again (the decision may throw a domain error on the new
 * state: a payment that no longer fits is refused rather than recorded twice).
 */
export async function decideOnStream<S, E extends DomainEvent>(
  context: CommandContext,
  actor: EventActor,
  streamId: string,
  aggregate: Aggregate<S, E>,
  decide: (state: S, version: number) => E[] | Promise<E[]>,
): Promise<{ state: S; events: readonly RecordedEvent[] }> {
  const append = appendCounter(context);
  const { unit } = context;
  if (unit) {
    const { state, version } = await loadForDecision(context, streamId, aggregate);
    const events = await decide(state, version);
    if (events.length === 0) return { state, events: [] };
    const redecide = async () => {
      const again = await loadForDecision(context, streamId, aggregate);
      return { events: await decide(again.state, again.version), version: again.version };
    };
    unit.stage({ streamId, append, actor, redecide }, { events, version });
    const at = context.now().toISOString();
    let next = state;
    for (const event of events) next = aggregate.evolve(next, event, at);
    return { state: next, events: [] };
  }
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await loadForDecision(context, streamId, aggregate);
    const events = await decide(state, version);
    if (events.length === 0) return { state, events: [] };
    const at = context.now().toISOString();
    const newEvents = toNewEvents(events, { streamId, commandId: context.commandId, append, actor, at });
    try {
      const result = await context.store.append(streamId, newEvents, version === 0 ? 'no_stream' : version);
      context.recorded.push(...result.events);
      let next = state;
      for (const event of events) next = aggregate.evolve(next, event, at);
      return { state: next, events: result.events };
    } catch (error) {
      if (error instanceof WrongExpectedVersion && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      if (error instanceof WrongExpectedVersion) {
        throw new Conflict(msg('store.gaveUp', { streamId, attempts: attempt }), { cause: error });
      }
      throw error;
    }
  }
}

const counters = new WeakMap<CommandContext, { next: number }>();

/** The number of this append within the command (part of the deterministic event ids). */
export function appendCounter(context: CommandContext): number {
  let counter = counters.get(context);
  if (!counter) {
    counter = { next: 0 };
    counters.set(context, counter);
  }
  return counter.next++;
}
