/**
 * `epic projection run --follow`: the projector as a long-running process.
 * Each round is a catch-up (one transaction per batch, checkpoint included),
 * so stopping between rounds or between batches loses nothing and applies
 * nothing twice. Between rounds it waits for news of the log: on
 * EventStoreDB a catch-up subscription says when an event arrives (with a
 * slow poll as a safety net); elsewhere it polls every `intervalMs`.
 */

import type { LogFollower } from '../events/esdb/follow.js';
import type { EventStore } from '../events/event-store.js';
import type { CatchUpOptions, CatchUpResult } from './projector.js';
import { catchUp } from './projector.js';
import type { ReadDb } from './read-db/open-read-db.js';

export const DEFAULT_POLL_MS = 500;
/** With a subscription telling when to run, a poll this rare only covers what it might miss. */
const SUBSCRIBED_POLL_MS = 10_000;

export interface FollowLogOptions extends CatchUpOptions {
  /** Ends the follow after the batch in progress commits. */
  readonly signal: AbortSignal;
  /** Between two polls of the log (without a subscription); default 500 ms. */
  readonly intervalMs?: number;
  /** After every round that applied something. */
  readonly onRound?: (result: CatchUpResult) => void;
}

/** Follows the log until `signal` aborts; returns the totals and where the projections stand. */
export async function followLog(store: EventStore, readDb: ReadDb, options: FollowLogOptions): Promise<CatchUpResult> {
  const { signal } = options;
  let events = 0;
  let batches = 0;
  let position = 0;
  const news = isFollower(store) ? subscribe(store, signal) : undefined;
  const interval = news ? SUBSCRIBED_POLL_MS : (options.intervalMs ?? DEFAULT_POLL_MS);
  for (;;) {
    const round = await catchUp(store, readDb, options);
    events += round.events;
    batches += round.batches;
    position = round.position;
    if (round.events > 0) options.onRound?.(round);
    if (signal.aborted) return { events, batches, position };
    await news?.failure();
    await waitFor(interval, signal, news?.next());
  }
}

interface News {
  /** Resolves when an event arrives after this call (or one arrived since the last round). */
  next(): Promise<void>;
  /** Throws what broke the subscription, if it broke. */
  failure(): Promise<void>;
}

function isFollower(store: EventStore): store is EventStore & LogFollower {
  return typeof (store as Partial<LogFollower>).followAll === 'function';
}

function subscribe(store: EventStore & LogFollower, signal: AbortSignal): News {
  let pending = false;
  let wake: (() => void) | undefined;
  let broken: unknown;
  const done = (async () => {
    // From the head: the catch-up rounds read the log themselves; the subscription only says "there is more".
    const after = await store.headPosition();
    for await (const message of store.followAll({ after, signal })) {
      if (message.kind !== 'event') continue;
      pending = true;
      wake?.();
    }
  })().catch((error: unknown) => {
    broken = error;
    wake?.();
  });
  return {
    next() {
      if (pending || broken !== undefined) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        wake = () => {
          wake = undefined;
          pending = false;
          resolve();
        };
      });
    },
    async failure() {
      if (broken !== undefined) {
        await done;
        throw broken;
      }
    },
  };
}

/** Resolves after `ms`, when `signal` aborts, or when `news` comes, whichever is first. */
function waitFor(ms: number, signal: AbortSignal, news?: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
    news?.then(finish, finish);
  });
}
