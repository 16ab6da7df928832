import type { DomainEvent } from '../domain/decider.js';
import { type HoldingEvent, holdingsStream } from '../domain/users/holding-events.js';
import { BackendUnavailable, Conflict } from '../errors.js';
import type { EventActor, EventStore, NewEvent, RecordedEvent, StreamAppend } from '../events/event-store.js';
import { WrongExpectedVersion } from '../events/wrong-expected-version.js';
import { msg } from '../i18n/message.js';
import { toNewEvents } from './new-events.js';

/** A decision taken on one stream, kept until the command commits. */
export interface StagedDecision {
  readonly streamId: string;
  /** The number of this append within the command (part of the event ids). */
  readonly append: number;
  readonly actor: EventActor;
  /** Loads the stream again and takes the same decision on what it holds now (after a concurrent change). */
  readonly redecide: () => Promise<Decided>;
}

export interface Decided {
  readonly events: readonly DomainEvent[];
  /** The stream's version the decision saw. */
  readonly version: number;
}

/**
 * Everything one change command decided, appended at once with its
 * command-log entry: the decisions are staged as the handler takes them
 * (decide-on-stream.ts) and nothing reaches the store until `commit`, so a
 * command is in the log whole, with its entry, or not at all.
 *
 * Besides decisions, a unit may hold checks: a stream that must still be at
 * the version a decision relied on, without being written to.
 */
export class UnitOfWork {
  readonly #staged: { decision: StagedDecision; decided: Decided }[] = [];
  /** Checks a decision made (taken again with it): the version each stream must still be at. */
  readonly #checks = new Map<string, number>();
  /** Checks made before the decisions, which a new decision cannot repeat: a change there fails the command. */
  readonly #fixed = new Map<string, number>();
  /** The holdings the decisions take, per user (holding-events.ts), with who takes them. */
  readonly #holdings = new Map<string, { actor: EventActor; events: HoldingEvent[] }>();
  readonly #afterCommit: (() => Promise<void>)[] = [];
  #replay = false;

  /** A stream already holds this command's events: an earlier run under the same idempotency key was saved. */
  replaying(): void {
    this.#replay = true;
  }

  stage(decision: StagedDecision, decided: Decided): void {
    if (this.#staged.some((staged) => staged.decision.streamId === decision.streamId)) {
      throw new Error(`stream ${decision.streamId} decided twice in one command`);
    }
    this.#staged.push({ decision, decided });
  }

  /**
   * The stream must still be at `version` when the command commits (checked
   * in the same transaction). Called from a decision: when it is taken again
   * on a concurrent change, it requires the version it sees then.
   */
  require(streamId: string, version: number): void {
    this.#checks.set(streamId, version);
  }

  /**
   * The stream must still be at `version` when the command commits, or the
   * command fails with exit 6: for what the handler read before deciding
   * (a user's holdings before scanning their portfolio), which deciding
   * again would not read again.
   */
  requireUnchanged(streamId: string, version: number): void {
    this.#fixed.set(streamId, version);
  }

  /** True when a change of `streamId` cannot be reconciled by deciding again. */
  isFixed(streamId: string): boolean {
    return this.#fixed.has(streamId);
  }

  /** A decision gives a record to a user: a `HoldingTaken` in their holdings stream, in the same append. */
  hold(actor: EventActor, event: HoldingEvent): void {
    const held = this.#holdings.get(event.data.userId) ?? { actor, events: [] };
    held.events.push(event);
    this.#holdings.set(event.data.userId, held);
  }

  /** Runs once the command's events are in the log (a password hash bound to the event that records it). */
  afterCommit(work: () => Promise<void>): void {
    this.#afterCommit.push(work);
  }

  /** What runs after the commit: nothing for a replay, whose first run did it (a password stored again would be a change). */
  get afterCommitWork(): readonly (() => Promise<void>)[] {
    return this.#replay ? [] : this.#afterCommit;
  }

  /** Takes every decision again on the streams as they are now. */
  async redecide(): Promise<void> {
    this.#checks.clear();
    this.#holdings.clear();
    for (const staged of this.#staged) staged.decided = await staged.decision.redecide();
  }

  /**
   * The entries of the multi-stream append: each decision with the version it
   * saw, the holdings taken, each check that is not also a decision, then
   * `last` (the command-log entry, last so that on EventStoreDB it is written
   * only after the change). The entry lists the decisions' events: a holding
   * is a guard, not a change.
   */
  appends(context: Pick<CommitContext, 'commandId'>, at: string, last: (eventIds: readonly string[]) => StreamAppend): StreamAppend[] {
    const decided = this.#staged
      .filter(({ decided }) => decided.events.length > 0)
      .map(({ decision, decided }) => ({
        streamId: decision.streamId,
        expected: decided.version === 0 ? ('no_stream' as const) : decided.version,
        events: toNewEvents(decided.events, {
          streamId: decision.streamId,
          commandId: context.commandId,
          append: decision.append,
          actor: decision.actor,
          at,
        }),
      }));
    const holdings = [...this.#holdings].map(([userId, { actor, events }]) => {
      const streamId = holdingsStream(userId);
      return {
        streamId,
        expected: 'any' as const,
        events: toNewEvents(events, { streamId, commandId: context.commandId, append: HOLDINGS_APPEND, actor, at }),
      };
    });
    const written = new Set([...decided, ...holdings].map((entry) => entry.streamId));
    const checks = [...this.#checks, ...this.#fixed]
      .filter(([streamId]) => !written.has(streamId))
      .map(([streamId, version]) => ({ streamId, events: [] as NewEvent[], expected: version === 0 ? ('no_stream' as const) : version }));
    const ids = decided.flatMap((entry) => entry.events.map((event) => event.id));
    return [...decided, ...holdings, ...checks, last(ids)];
  }
}

/**
 * What committing a unit needs of the command's context (handler-context.ts's
 * CommandContext has it; named here so that module, which holds a unit, is
 * not imported back).
 */
export interface CommitContext {
  readonly store: Pick<EventStore, 'appendMany'>;
  readonly commandId: string;
  readonly now: () => Date;
  readonly recorded: RecordedEvent[];
}

/** The append number of a command's holdings in their ids (decisions count from 0, the log entry is -1 and -2). */
const HOLDINGS_APPEND = -3;

/** How many times a command is decided again on a concurrent change before giving up with exit 6. */
export const MAX_ATTEMPTS = 20;

/**
 * Appends the unit's decisions and the entry `last` builds in one
 * multi-stream append. On a concurrent change every decision is taken again
 * on the new state (it may now be refused: a payment that no longer fits);
 * when the store does not answer, the same batch is sent once more, so that
 * a commit whose reply was lost is recognised as recorded rather than
 * reported as failed.
 */
export async function commitUnit(
  context: CommitContext,
  unit: UnitOfWork,
  last: (eventIds: readonly string[], at: string) => StreamAppend,
): Promise<void> {
  let resent = false;
  let appends: StreamAppend[] | undefined;
  for (let attempt = 1; ; ) {
    if (appends === undefined) {
      const at = context.now().toISOString();
      appends = unit.appends(context, at, (ids) => last(ids, at));
    }
    try {
      const results = await context.store.appendMany(appends);
      for (const result of results.slice(0, -1)) context.recorded.push(...result.events);
      return;
    } catch (error) {
      if (error instanceof BackendUnavailable && !resent) {
        resent = true;
        await pause(250);
        continue;
      }
      if (!(error instanceof WrongExpectedVersion)) throw error;
      if (unit.isFixed(error.streamId)) throw new Conflict(msg('engine.changedMeanwhile'), { cause: error });
      if (attempt >= MAX_ATTEMPTS)
        throw new Conflict(msg('store.gaveUp', { streamId: error.streamId, attempts: attempt }), { cause: error });
      await backoff(attempt);
      attempt += 1;
      await unit.redecide();
      appends = undefined;
    }
  }
}

export function backoff(attempt: number): Promise<void> {
  return pause(Math.min(50, 2 ** attempt) * (0.5 + Math.random()));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
