/**
 * One EventStoreDB connection, shared by the event store and the credential
 * store, with the project's own timeout around every call.
 *
 * Why our own timeout: `@eventstore/db-client` waits forever when something
 * accepts the TCP connection and never answers. Its appends first ask the
 * server which features it supports, with no deadline; its reads and
 * subscriptions run with an infinite deadline. So every call here races a
 * timer (EPIC_ESDB_TIMEOUT_MS, default 5000 ms): an append or a metadata
 * write must finish within it, a read must receive its next message within it
 * (a long read that keeps progressing is fine).
 *
 * When the timer wins, the client is retired: `dispose()` cancels its streams,
 * and its gRPC channel is closed, which fails the calls dispose() does not
 * know about (the feature probe). Without closing the channel a pending probe
 * keeps the process alive forever. The next call opens a fresh client, so a
 * long-running process (the projector's follow mode) recovers when the server
 * comes back.
 *
 * Clusters (connection-string.ts for the URLs): the client finds the leader
 * through gossip, and follows a NotLeader answer to the leader it names. A
 * leader that goes away under a call (NotLeader from a node that stepped
 * down, a dropped connection, a node not ready during an election, a
 * discovery that finds no leader) is retried here: `retrying()` runs an
 * operation again, on the client's new target or on a fresh client, until
 * EPIC_ESDB_TIMEOUT_MS after it began; every call inside it gets only what
 * is left of that time. Past it: BackendUnavailable (exit 7), "no leader".
 * With one node given directly (no gossip to find another), a lost
 * connection fails at once; NotLeader is still followed.
 * Only operations that are safe to run twice are retried: reads, and the
 * event store's append, whose retried batch is recognised by its event ids.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import { BackendUnavailable, InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { CONNECTION_RESET, leaderLoss, toBackendError } from './backend-error.js';
import { esdbTarget } from './connection-string.js';

export const DEFAULT_ESDB_TIMEOUT_MS = 5000;

/** EPIC_ESDB_TIMEOUT_MS, or the default when it is unset or empty. */
export function esdbTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EPIC_ESDB_TIMEOUT_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_ESDB_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidInput(msg('store.esdb.timeoutSetting', { input: raw }));
  }
  return ms;
}

export interface EsdbConnectionOptions {
  /** How long one call (or, for a read, one message) may take; default EPIC_ESDB_TIMEOUT_MS or 5000 ms. */
  readonly timeoutMs?: number;
}

/** A client and whether it has been retired (disposed, channel closed). */
export interface ClientHandle {
  readonly client: EventStoreDBClient;
  retired: boolean;
}

/**
 * `getChannel` is protected in the client's type declarations and a plain
 * property at run time. It is the only way to close the channel, which
 * `dispose()` leaves open.
 */
interface ChannelOwner {
  getChannel(): Promise<{ close(): void }>;
}

/** When the operation in progress (retrying()) must be over, in performance.now() milliseconds. */
interface Budget {
  readonly deadline: number;
}

export class EsdbConnection {
  readonly timeoutMs: number;
  /** Several hosts or discovery: the client finds its node through gossip. */
  readonly cluster: boolean;
  readonly #connectionString: string;
  readonly #budget = new AsyncLocalStorage<Budget>();
  #handle: ClientHandle | undefined;
  #closed = false;

  /** Parses the connection string at once (InvalidInput when malformed) but connects only on the first call. */
  constructor(connectionString: string, options: EsdbConnectionOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? esdbTimeoutFromEnv();
    if (!Number.isSafeInteger(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new RangeError(`timeoutMs must be a positive integer, got ${this.timeoutMs}`);
    }
    const target = esdbTarget(connectionString, this.timeoutMs);
    this.cluster = target.cluster;
    this.#connectionString = target.connectionString;
    this.#handle = this.#open();
  }

  /**
   * Runs `operation` (one or more calls on this connection), and runs it
   * again while the leader is lost under it, until the timeout after it
   * began; the calls inside share that time. Nested operations run once:
   * the outermost retries. `operation` must be safe to run twice.
   */
  async retrying<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#budget.getStore() !== undefined) return operation();
    const started = performance.now();
    const deadline = started + this.timeoutMs;
    return this.#budget.run({ deadline }, async () => {
      for (let attempt = 1; ; attempt++) {
        const handle = this.current();
        try {
          return await operation();
        } catch (error) {
          // One node given directly and out of reach: no other node to find, fail at once (not after the timeout).
          const found = leaderLoss(error);
          const loss = found === 'reconnecting' && !this.cluster ? undefined : found;
          if (loss === undefined) {
            // Our own timer, while retrying a lost leader: the leader did not come back in time.
            if (attempt > 1 && isTimeout(error)) {
              throw new BackendUnavailable(msg('cluster.noLeader', { ms: Math.round(performance.now() - started), attempts: attempt }), {
                cause: error,
              });
            }
            throw error;
          }
          // NotLeader: the client already points at the leader it was told of. Otherwise a fresh client
          // discovers again (a client whose discovery failed keeps failing: it caches the failure).
          if (loss !== 'not-leader' && handle === this.#handle) await this.retire(handle, { closeChannel: loss === 'stays-open' });
          const pause = retryPause(attempt);
          if (performance.now() + pause >= deadline) {
            throw new BackendUnavailable(msg('cluster.noLeader', { ms: Math.round(performance.now() - started), attempts: attempt }), {
              cause: error,
            });
          }
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
    });
  }

  /** One unary call (append, metadata write): the whole of it within the timeout (or what is left of the operation's). */
  async call<T>(what: string, work: (client: EventStoreDBClient) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const handle = this.current();
      try {
        return await this.within(what, handle, work(handle.client));
      } catch (error) {
        throw toBackendError(error, what);
      }
    });
  }

  /**
   * Every event of one read, each within the timeout of the previous one.
   * A missing stream reads as [] when `missing` is 'empty'.
   */
  async collect<E>(
    what: string,
    open: (client: EventStoreDBClient) => StreamingRead<E>,
    missing: 'empty' | 'throw' = 'throw',
  ): Promise<E[]> {
    return this.retrying(() => this.#collect(what, open, missing));
  }

  async #collect<E>(what: string, open: (client: EventStoreDBClient) => StreamingRead<E>, missing: 'empty' | 'throw'): Promise<E[]> {
    const handle = this.current();
    const events: E[] = [];
    let read: StreamingRead<E>;
    try {
      read = open(handle.client);
    } catch (error) {
      throw toBackendError(error, what);
    }
    const iterator = read[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        // The first answer within what is left of the operation's time; then each message within the timeout.
        const next = await this.within(what, handle, iterator.next(), events.length === 0 ? 'operation' : 'message');
        if (next.done === true) break;
        events.push(next.value);
      }
      finished = true;
    } catch (error) {
      if (missing === 'empty' && error instanceof StreamNotFoundError) return [];
      throw toBackendError(error, what);
    } finally {
      if (!finished) void iterator.return?.().catch(() => undefined);
    }
    // A retired client ends its reads quietly, as if they were complete: they are not.
    if (handle.retired) throw new BackendUnavailable(msg('store.esdb.connectionReset', { what }), { cause: CONNECTION_RESET });
    return events;
  }

  /** The live client, opening a new one if the last was retired. */
  current(): ClientHandle {
    if (this.#closed) throw new Error('the EventStoreDB connection is closed');
    this.#handle ??= this.#open();
    return this.#handle;
  }

  /**
   * Races `work` against the timeout; on timeout retires the handle and
   * rejects with BackendUnavailable. A late rejection of `work` is absorbed.
   * Inside retrying(), `'operation'` work gets only what is left of the
   * operation's time; `'message'` work (the next message of a read that is
   * progressing) gets the whole timeout.
   */
  async within<T>(what: string, handle: ClientHandle, work: Promise<T>, limit: 'operation' | 'message' = 'operation'): Promise<T> {
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const budget = limit === 'operation' ? this.#budget.getStore() : undefined;
    const ms = budget === undefined ? this.timeoutMs : Math.max(0, Math.min(this.timeoutMs, budget.deadline - performance.now()));
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.#timedOut(what)), ms);
    });
    try {
      return await Promise.race([work, expired]);
    } catch (error) {
      if (error instanceof BackendUnavailable && error.cause === TIMED_OUT) await this.retire(handle);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Disposes the client and closes its channel; the next call opens a new
   * client. `closeChannel: false` for a client that has no channel left (it
   * closed it itself, or never opened one): asking for its channel would
   * open one, with a discovery of its own.
   */
  async retire(handle: ClientHandle, { closeChannel = true }: { closeChannel?: boolean } = {}): Promise<void> {
    if (handle.retired) return;
    handle.retired = true;
    if (this.#handle === handle) this.#handle = undefined;
    // dispose() waits for every cancelled stream to finish; the channel close fails what it cannot cancel.
    await settleWithin(handle.client.dispose(), 1000);
    if (!closeChannel) return;
    // Narrow cast: see ChannelOwner.
    const owner = handle.client as unknown as ChannelOwner;
    await settleWithin(
      owner.getChannel().then((channel) => channel.close()),
      1000,
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await this.retire(handle);
  }

  #open(): ClientHandle {
    try {
      return { client: EventStoreDBClient.connectionString(this.#connectionString), retired: false };
    } catch (error) {
      // The client's parse errors quote the whole string, password included: say what is expected instead.
      // Its certificate checks (the files must exist; a user certificate needs its key) quote nothing: tell them apart.
      const files = error instanceof Error && /certificate (key )?file|userCertFile must be given/i.test(error.message);
      throw new InvalidInput(msg('cluster.urlInvalid', { part: files ? 'files' : 'syntax' }));
    }
  }

  #timedOut(what: string): BackendUnavailable {
    return new BackendUnavailable(msg('store.esdb.timedOut', { ms: this.timeoutMs, what }), { cause: TIMED_OUT });
  }
}

/** The cause of every timeout, to tell our own timer from a server's BackendUnavailable. */
const TIMED_OUT = Symbol('EventStoreDB call timed out');

function isTimeout(error: unknown): boolean {
  return error instanceof BackendUnavailable && error.cause === TIMED_OUT;
}

/** Between two attempts of a retried operation: 25, 50, 100, then 200 ms, with jitter (so that clients do not retry in step). */
function retryPause(attempt: number): number {
  return Math.min(200, 25 * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2);
}

/** Waits for `promise` to settle, at most `ms`; never rejects. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
