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
 */

import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import { BackendUnavailable, InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { toBackendError } from './backend-error.js';

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

export class EsdbConnection {
  readonly timeoutMs: number;
  readonly #connectionString: string;
  #handle: ClientHandle | undefined;
  #closed = false;

  /** Parses the connection string at once (InvalidInput when malformed) but connects only on the first call. */
  constructor(connectionString: string, options: EsdbConnectionOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? esdbTimeoutFromEnv();
    if (!Number.isSafeInteger(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new RangeError(`timeoutMs must be a positive integer, got ${this.timeoutMs}`);
    }
    this.#connectionString = connectionString;
    this.#handle = this.#open();
  }

  /** One unary call (append, metadata write): the whole of it within the timeout. */
  async call<T>(what: string, work: (client: EventStoreDBClient) => Promise<T>): Promise<T> {
    const handle = this.current();
    try {
      return await this.within(what, handle, work(handle.client));
    } catch (error) {
      throw toBackendError(error, what);
    }
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
        const next = await this.within(what, handle, iterator.next());
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
    if (handle.retired) throw new BackendUnavailable(msg('store.esdb.connectionReset', { what }));
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
   */
  async within<T>(what: string, handle: ClientHandle, work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.#timedOut(what)), this.timeoutMs);
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

  /** Disposes the client and closes its channel; the next call opens a new client. */
  async retire(handle: ClientHandle): Promise<void> {
    if (handle.retired) return;
    handle.retired = true;
    if (this.#handle === handle) this.#handle = undefined;
    // dispose() waits for every cancelled stream to finish; the channel close fails what it cannot cancel.
    await settleWithin(handle.client.dispose(), 1000);
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
      throw new InvalidInput(msg('store.esdb.urlInvalid', { kind: errorKind(error) }));
    }
  }

  #timedOut(what: string): BackendUnavailable {
    return new BackendUnavailable(msg('store.esdb.timedOut', { ms: this.timeoutMs, what }), { cause: TIMED_OUT });
  }
}

/** The cause of every timeout, to tell our own timer from a server's BackendUnavailable. */
const TIMED_OUT = Symbol('EventStoreDB call timed out');

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

function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
