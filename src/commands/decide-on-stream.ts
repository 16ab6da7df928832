import { type Aggregate, type DomainEvent, fold } from '../domain/decider.js';
import { Conflict } from '../errors.js';
import type { EventActor, RecordedEvent } from '../events/event-store.js';
import { WrongExpectedVersion } from '../events/wrong-expected-version.js';
import { msg } from '../i18n/message.js';
import type { CommandContext } from './handler-context.js';
import { toNewEvents } from './new-events.js';

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

/** How many times a decision is retried on a concurrent change before giving up with exit 6. */
export const MAX_ATTEMPTS = 20;

/**
 * Load the stream, fold it, decide, append with the version the decision saw.
 * On a concurrent change the stream is reloaded and the decision taken again
 * (the decision may throw a domain error on the new state: a payment that no
 * longer fits is refused rather than recorded twice).
 */
export async function decideOnStream<S, E extends DomainEvent>(
  context: CommandContext,
  actor: EventActor,
  streamId: string,
  aggregate: Aggregate<S, E>,
  decide: (state: S, version: number) => E[] | Promise<E[]>,
): Promise<{ state: S; events: readonly RecordedEvent[] }> {
  const append = appendCounter(context);
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await loadStream(context, streamId, aggregate);
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

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
