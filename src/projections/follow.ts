/**
 * `epic projection run --follow`: the projector as a long-running process,
 * the service that keeps the read tables current for everyone.
 *
 * Each round is a catch-up (one transaction per batch, checkpoint included),
 * so stopping between rounds or between batches loses nothing and applies
 * nothing twice. Between rounds it waits for news of the log: on
 * EventStoreDB a catch-up subscription says when an event arrives (with a
 * slow poll as a safety net); elsewhere it polls every `intervalMs`.
 *
 * A backend out of reach (the log or the read database: `isOutage`) does not
 * end it: it says so (`onOutage`), waits, and tries again, 250 ms after the
 * first failure, doubling up to `maxRetryMs` (5 s): once the backend is back,
 * the follower is current again within that much and one round. The
 * subscription is opened anew. Any other error (a bug) ends it. `onAlive`
 * runs after every round that reached the head, at least every 10 s while
 * idle and never during an outage: a health check can watch it.
 */

import { BackendUnavailable } from '../errors.js';
import type { LogFollower } from '../events/esdb/follow.js';
import type { EventStore } from '../events/event-store.js';
import { msg } from '../i18n/message.js';
import type { CatchUpOptions, CatchUpResult } from './projector.js';
import { catchUp } from './projector.js';
import type { ReadDb } from './read-db/open-read-db.js';

export const DEFAULT_POLL_MS = 500;
/** With a subscription telling when to run, a poll this rare only covers what it might miss. */
const SUBSCRIBED_POLL_MS = 10_000;
export const DEFAULT_MAX_RETRY_MS = 5_000;
const FIRST_RETRY_MS = 250;

export interface Outage {
  readonly error: unknown;
  /** Failed rounds in a row, this one included. */
  readonly failures: number;
  /** The wait before the next try. */
  readonly retryInMs: number;
}

export interface FollowLogOptions extends CatchUpOptions {
  /** Ends the follow after the batch in progress commits (or at once, while waiting). */
  readonly signal: AbortSignal;
  /** Between two polls of the log (without a subscription); default 500 ms. */
  readonly intervalMs?: number;
  /** After every round that applied something. */
  readonly onRound?: (result: CatchUpResult) => void;
  /** After every round that reached the head. */
  readonly onAlive?: (result: CatchUpResult) => void;
  /** A round failed on a backend out of reach; the follower waits `retryInMs` and tries again. */
  readonly onOutage?: (outage: Outage) => void;
  /** The first round that worked after an outage. */
  readonly onRecovered?: (outage: { readonly failures: number; readonly ms: number }) => void;
  /** Which errors mean a backend out of reach (default: BackendUnavailable); any other ends the follow. */
  readonly isOutage?: (error: unknown) => boolean;
  /** The longest wait between two tries during an outage; default 5000 ms. */
  readonly maxRetryMs?: number;
}

/** Follows the log until `signal` aborts; returns the totals and where the projections stand. */
export async function followLog(store: EventStore, readDb: ReadDb, options: FollowLogOptions): Promise<CatchUpResult> {
  const { signal } = options;
  const isOutage = options.isOutage ?? ((error: unknown) => error instanceof BackendUnavailable);
  const maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
  let events = 0;
  let batches = 0;
  let position = 0;
  let failures = 0;
  let downSince = 0;
  let news: News | undefined;
  const interval = isFollower(store) ? SUBSCRIBED_POLL_MS : (options.intervalMs ?? DEFAULT_POLL_MS);
  for (;;) {
    try {
      if (isFollower(store)) news ??= subscribe(store, signal);
      const round = await catchUp(store, readDb, options);
      events += round.events;
      batches += round.batches;
      position = round.position;
      if (failures > 0) options.onRecovered?.({ failures, ms: Math.round(performance.now() - downSince) });
      failures = 0;
      if (round.events > 0) options.onRound?.(round);
      if (signal.aborted) return { events, batches, position };
      options.onAlive?.(round);
      await news?.failure();
      await waitFor(interval, signal, news?.next());
    } catch (error) {
      if (!isOutage(error)) throw error;
      news?.stop();
      news = undefined;
      if (signal.aborted) return { events, batches, position };
      if (failures === 0) downSince = performance.now();
      failures += 1;
      const retryInMs = Math.min(maxRetryMs, FIRST_RETRY_MS * 2 ** (failures - 1));
      options.onOutage?.({ error, failures, retryInMs });
      await waitFor(retryInMs, signal);
    }
    if (signal.aborted) return { events, batches, position };
  }
}

interface News {
  /** Resolves when an event arrives after this call (or one arrived since the last round). */
  next(): Promise<void>;
  /** Throws what broke the subscription, if it broke. */
  failure(): Promise<void>;
  /** Ends the subscription (a broken one, before opening a new one). */
  stop(): void;
}

function isFollower(store: EventStore): store is EventStore & LogFollower {
  return typeof (store as Partial<LogFollower>).followAll === 'function';
}

function subscribe(store: EventStore & LogFollower, outer: AbortSignal): News {
  let pending = false;
  let wake: (() => void) | undefined;
  let broken: unknown;
  const controller = new AbortController();
  const stop = () => controller.abort();
  outer.addEventListener('abort', stop, { once: true });
  const { signal } = controller;
  const done = (async () => {
    // From the head: the catch-up rounds read the log themselves; the subscription only says "there is more".
    const after = await store.headPosition();
    for await (const message of store.followAll({ after, signal })) {
      if (message.kind !== 'event') continue;
      pending = true;
      wake?.();
    }
    // Ended without being asked to: as good as broken, so that a new one is opened.
    if (!signal.aborted) throw new BackendUnavailable(msg('readSide.subscriptionEnded'));
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
    stop() {
      outer.removeEventListener('abort', stop);
      stop();
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
