/**
 * The event store of record for teams: EventStoreDB through
 * `@eventstore/db-client` (`EPIC_EVENT_STORE=esdb://host:2113?tls=false`).
 * docs/eventstoredb.md tells how to run it and what the tests cover.
 *
 * Appends and the hash chain: the chain needs the stream's last hash, which
 * only a read can give. An append reads the stream's tail, computes the
 * versions and hashes from it, and appends with the exact revision it read.
 * If another writer got in between, the server answers "wrong expected
 * version": for `any` and `stream_exists` the append reads the tail again and
 * retries (so the chain never forks); for `no_stream` and a number, the next
 * read shows the version the caller did not expect and the append fails with
 * WrongExpectedVersion (exit 6).
 *
 * Idempotent retries, as in every adapter (retried-batch.ts): an append whose
 * first event id is already recorded at the place the batch belongs returns
 * the recorded result instead of writing it twice. Event ids are the NewEvent ids (deterministic
 * per command). Since the adapter always appends with an exact revision, the
 * server's own id check only covers a writer racing with itself, so the
 * adapter checks:
 * - for `no_stream` or a number, the events right after the expected version
 *   (exact, however long the stream);
 * - for `any` and `stream_exists`, the stream's last `retryWindow` events
 *   (default 64): a retry that comes after more later appends than that is
 *   written again.
 * The same first id with different later ids is a Conflict.
 *
 * Global positions: see position.ts. readAll, headPosition and
 * streamHeads read `$all` and skip EventStoreDB's system events and the
 * credential streams (event-codec.ts, isLogEvent).
 *
 * The chain: each event's hash is its keyed link (keyed-chain.ts) over the
 * data and metadata texts the client sends. EventStoreDB has no transaction
 * across streams, so a log written before the keyed chain switches over in
 * steps that are safe to repeat (chain-keeper.ts): the credentials are bound
 * first, then the record is appended to `audit-chain` as a new stream; a
 * process that loses that race finds the other's record, and no process
 * appends a keyed link before it has seen one.
 */
import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  type Position,
  START,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { Conflict, InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { AuditKey } from '../audit-key.js';
import { bindLegacyCredentials, ChainKeeper } from '../chain-keeper.js';
import { CHAIN_STREAM, switchOverEvents } from '../chain-switch-over.js';
import {
  type AppendResult,
  type CredentialLog,
  checkStreamAppends,
  type EventMetadata,
  type EventStore,
  type EventStoreOptions,
  type ExpectedVersion,
  initialized,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent,
  type StreamAppend,
  type StreamHead,
  satisfies,
} from '../event-store.js';
import { GENESIS_HASH } from '../hash-chain.js';
import { instantMs } from '../instant.js';
import { keyedLink } from '../keyed-chain.js';
import { retriedBatch } from '../retried-batch.js';
import { WrongExpectedVersion } from '../wrong-expected-version.js';
import { EsdbConnection, type EsdbConnectionOptions } from './connection.js';
import { EsdbCredentialStore } from './credential-store.js';
import {
  isLogEvent,
  isLogStream,
  logPosition,
  type PreparedEvent,
  prepareEsdbEvent,
  toEventData,
  toRecordedEvent,
  toStoredEvent,
} from './event-codec.js';
import { type FollowMessage, type FollowOptions, followAll } from './follow.js';
import { serverPosition } from './position.js';

export interface EsdbEventStoreOptions extends EsdbConnectionOptions, EventStoreOptions {
  /** How many of a stream's last events an `any` or `stream_exists` append searches for a retried batch; default 64. */
  readonly retryWindow?: number;
}

/** How often an `any` or `stream_exists` append re-reads the tail after a concurrent change before giving up with a Conflict. */
const MAX_APPEND_ATTEMPTS = 20;
/** Events per `$all` page. */
const PAGE_SIZE = 256;

export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  readonly #connection: EsdbConnection;
  readonly #retryWindow: number;
  readonly #keeper: ChainKeeper;
  readonly #credentialLog: CredentialLog | undefined;
  #credentials: EsdbCredentialStore | undefined;

  /** Parses the connection string; connects on first use. Call init() (or use openEsdbEventStore) to check the server answers. */
  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.#retryWindow = options.retryWindow ?? 64;
    if (!Number.isSafeInteger(this.#retryWindow) || this.#retryWindow < 1) {
      throw new RangeError(`retryWindow must be a positive integer, got ${this.#retryWindow}`);
    }
    this.#connection = new EsdbConnection(connectionString, options);
    this.#credentialLog = options.credentialLog;
    this.#keeper = new ChainKeeper(options.keyring, {
      switchOverRecord: async () => (await this.readStream(CHAIN_STREAM, { limit: 1 }))[0],
      readStored: (after, limit) => this.readStored({ after, limit }),
      // Its steps are safe to repeat: a leader lost midway runs it again.
      switchOver: (key, trigger) => this.#connection.retrying(() => this.#switchOver(key, trigger)),
    });
  }

  /** EventStoreDB creates streams as they are written: init only checks that the server answers. */
  async init(): Promise<void> {
    await this.#connection.collect('connect', (client) => client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
      throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
    }
    if (!isLogStream(streamId)) {
      throw new InvalidInput(msg('store.esdb.streamReserved', { streamId }));
    }
    const prepared = events.map(prepareEsdbEvent);
    // An empty batch only checks the expected version: it needs no key.
    const first = prepared[0];
    const key = first === undefined ? undefined : await this.#keeper.writerKey(first.event.metadata);
    // A leader lost under the append (connection.ts) runs it again from the read of the tail: a batch
    // the lost leader did commit is then found there and returned, not written twice.
    return this.#connection.retrying(() => this.#append(key, streamId, prepared, expected));
  }

  /**
   * EventStoreDB has no transaction across streams: the check-only entries
   * are checked first, then each entry that writes is appended on its own,
   * all or nothing, in the order given. A crash between two leaves the first
   * ones written; run again with the same event ids, the batch finds those
   * recorded and writes only the rest. The command log relies on that order:
   * a command's `CommandRecorded` entry is its last entry (src/commands/unit-of-work.ts),
   * written only once the change is; a command whose process died between
   * the two is completed by its retry under the same idempotency key, which
   * finds the change recorded and writes the missing entry (docs/eventstoredb.md).
   */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const writing = appends.find((entry) => entry.events.length > 0);
    // A retry is recognised by its first entry that writes: the checks were made when it was new.
    const retry = writing !== undefined && (await this.#recorded(writing));
    const checked = new Map<string, AppendResult>();
    for (const { streamId, events, expected } of appends) {
      if (events.length === 0) checked.set(streamId, await this.append(streamId, [], retry ? 'any' : expected));
    }
    const results: AppendResult[] = [];
    for (const { streamId, events, expected } of appends) {
      results.push(checked.get(streamId) ?? (await this.append(streamId, events, expected)));
    }
    return results;
  }

  /** True when the entry's first event is recorded where the entry would have put it (the window `append` searches). */
  async #recorded({ streamId, events, expected }: StreamAppend): Promise<boolean> {
    const first = events[0]?.id;
    const from = typeof expected === 'number' ? expected + 1 : expected === 'no_stream' ? 1 : undefined;
    const found = from === undefined ? await this.#readTail(streamId, this.#retryWindow) : await this.#readRange(streamId, from, 1);
    return found.some((event) => event.id === first);
  }

  async #append(
    key: AuditKey | undefined,
    streamId: string,
    prepared: readonly PreparedEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const searchWindow = prepared.length > 0 && (expected === 'any' || expected === 'stream_exists');
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const tail = await this.#readTail(streamId, searchWindow ? this.#retryWindow : 1);
      const head = tail[0];
      const actual = head?.version ?? 0;
      const retried = await this.#recordedBatch(streamId, prepared, expected, actual, tail);
      if (retried) return retried;
      if (!satisfies(expected, actual)) throw new WrongExpectedVersion(streamId, expected, actual);
      // An empty batch only checks the expected version.
      if (prepared.length === 0 || key === undefined) return { version: actual, position: head?.position ?? 0, events: [] };
      const written = await this.#write(key, streamId, prepared, actual, head?.metadata.hash ?? GENESIS_HASH);
      if (written) return written;
      await backoff(attempt);
    }
    throw new Conflict(msg('store.esdb.gaveUp', { streamId, attempts: MAX_APPEND_ATTEMPTS }));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const fromVersion = options.fromVersion ?? 1;
    if (!Number.isSafeInteger(fromVersion)) throw new RangeError(`readStream: fromVersion must be an integer, got ${fromVersion}`);
    const limit = options.limit;
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
      throw new RangeError(`readStream: limit must be a non-negative integer, got ${limit}`);
    }
    const untilMs = options.until === undefined ? undefined : instantMs(options.until, 'until');
    if (limit === 0) return [];
    const fromRevision = fromVersion <= 1 ? START : BigInt(fromVersion - 1);
    // With `until` the limit applies after the filter: `at` need not grow with versions.
    const maxCount = untilMs === undefined ? limit : undefined;
    const resolved = await this.#connection.collect(
      `read stream ${streamId}`,
      (client) =>
        client.readStream(streamId, {
          fromRevision,
          direction: FORWARDS,
          requiresLeader: true,
          ...(maxCount === undefined ? {} : { maxCount }),
        }),
      'empty',
    );
    const events = resolved.map(toRecordedEvent);
    if (untilMs === undefined) return events;
    const kept = events.filter((event) => Date.parse(event.metadata.at) <= untilMs);
    return limit === undefined ? kept : kept.slice(0, limit);
  }

  /**
   * One batch of the log after `after`, in position order. Types are filtered
   * here, not on the server (the client's `$all` read has no filter), so a
   * rare type can cost a long scan; `types: []` selects nothing.
   */
  async readAll({ after, limit, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readAll: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
    if (types !== undefined && types.length === 0) return [];
    const wanted = types === undefined ? undefined : new Set(types);
    const batch: RecordedEvent[] = [];
    const pageSize = Math.min(Math.max(limit + 1, 32), PAGE_SIZE);
    let from: 'start' | Position = serverPosition(after);
    let seen = after;
    for (;;) {
      const page = await this.#readAllPage(`read $all after ${after}`, from, pageSize, FORWARDS);
      for (const resolved of page) {
        const recorded = resolved.event;
        const position = logPosition(resolved);
        // A read starts at the position it is given: the event at `after` itself comes first.
        if (recorded === undefined || position <= seen) continue;
        if (!isLogEvent(recorded.streamId, recorded.type) || (wanted !== undefined && !wanted.has(recorded.type))) continue;
        batch.push(toRecordedEvent(resolved));
        if (batch.length === limit) return batch;
      }
      const lastRead = page[page.length - 1];
      const last = lastRead?.event?.position;
      if (page.length < pageSize || lastRead === undefined || last === undefined) return batch;
      from = last;
      seen = logPosition(lastRead);
    }
  }

  /** The position of the last event of the log, reading `$all` backwards past system events and credentials. */
  async headPosition(): Promise<number> {
    let from: 'end' | Position = END;
    for (;;) {
      const page = await this.#readAllPage('read the head of $all', from, 32, BACKWARDS);
      for (const resolved of page) {
        const recorded = resolved.event;
        if (recorded !== undefined && isLogEvent(recorded.streamId, recorded.type)) return logPosition(resolved);
      }
      const last = page[page.length - 1]?.event?.position;
      if (page.length < 32 || last === undefined) return 0;
      from = last;
    }
  }

  /**
   * One batch of the log after `after` as stored, in position order. The
   * client hands data and metadata over parsed: the texts are what it parsed,
   * serialized again, which for what epic stores is the text it sent.
   */
  async readStored({ after, limit }: Pick<ReadAllOptions, 'after' | 'limit'>): Promise<StoredEvent[]> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readStored: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readStored: limit must be a positive integer, got ${limit}`);
    const batch: StoredEvent[] = [];
    const pageSize = Math.min(Math.max(limit + 1, 32), PAGE_SIZE);
    let from: 'start' | Position = serverPosition(after);
    let seen = after;
    for (;;) {
      const page = await this.#readAllPage(`read $all after ${after}`, from, pageSize, FORWARDS);
      for (const resolved of page) {
        const recorded = resolved.event;
        const position = logPosition(resolved);
        if (recorded === undefined || position <= seen || !isLogEvent(recorded.streamId, recorded.type)) continue;
        batch.push(toStoredEvent(resolved));
        if (batch.length === limit) return batch;
      }
      const lastRead = page[page.length - 1];
      const last = lastRead?.event?.position;
      if (page.length < pageSize || lastRead === undefined || last === undefined) return batch;
      from = last;
      seen = logPosition(lastRead);
    }
  }

  /** Every stream of the log with its version and last hash: one pass over `$all` (fine for audits, not for every command). */
  async streamHeads(): Promise<StreamHead[]> {
    const heads = new Map<string, StreamHead>();
    for (let after = 0; ; ) {
      const batch = await this.readAll({ after, limit: PAGE_SIZE });
      const last = batch[batch.length - 1];
      if (last === undefined) break;
      for (const event of batch) heads.set(event.streamId, { streamId: event.streamId, version: event.version, hash: event.metadata.hash });
      after = last.position;
    }
    return [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  }

  /**
   * The password hashes, one stream per user on the same connection (see
   * credential-store.ts). Closing it is a no-op: the connection closes
   * with this store.
   */
  credentials(): EsdbCredentialStore {
    this.#credentials ??= new EsdbCredentialStore(this.#connection, { keeper: this.#keeper });
    return this.#credentials;
  }

  /**
   * Follows the log from `after`: the events recorded so far, then each new
   * one as it is recorded, with checkpoints to store while nothing of
   * interest arrives. See follow.ts.
   */
  followAll(options: FollowOptions): AsyncIterable<FollowMessage> {
    return followAll(this.#connection, options);
  }

  /** Disposes the client and closes its channel, so the process can exit. */
  async close(): Promise<void> {
    await this.#connection.close();
  }

  /** The stream's last `count` events, newest first; [] when it does not exist. */
  async #readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    const resolved = await this.#connection.collect(
      `read the end of stream ${streamId}`,
      (client) => client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count, requiresLeader: true }),
      'empty',
    );
    return resolved.map(toRecordedEvent);
  }

  /** Versions `from`..`from + count - 1` of the stream (fewer when it ends sooner). */
  async #readRange(streamId: string, from: number, count: number): Promise<RecordedEvent[]> {
    const resolved = await this.#connection.collect(
      `read stream ${streamId}`,
      (client) =>
        client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(from - 1), maxCount: count, requiresLeader: true }),
      'empty',
    );
    return resolved.map(toRecordedEvent);
  }

  async #readAllPage(what: string, from: 'start' | 'end' | Position, maxCount: number, direction: typeof FORWARDS | typeof BACKWARDS) {
    return this.#connection.collect<AllStreamResolvedEvent>(what, (client) => client.readAll({ fromPosition: from, maxCount, direction }));
  }

  /**
   * The recorded result when this batch was already appended (a retry,
   * retried-batch.ts), or undefined when it was not. Where to look depends on
   * the expected version: see the module comment.
   */
  async #recordedBatch(
    streamId: string,
    prepared: readonly PreparedEvent[],
    expected: ExpectedVersion,
    actual: number,
    tail: readonly RecordedEvent[],
  ): Promise<AppendResult | undefined> {
    const first = prepared[0]?.event.id;
    if (first === undefined) return undefined;
    let events: readonly RecordedEvent[];
    if (expected === 'any' || expected === 'stream_exists') {
      const at = tail.findIndex((event) => event.id === first);
      if (at < 0) return undefined;
      // The tail is newest first: the batch runs from `at` towards index 0.
      events = tail.slice(Math.max(0, at - prepared.length + 1), at + 1).reverse();
    } else {
      const base = expected === 'no_stream' ? 0 : expected;
      if (actual <= base) return undefined;
      events = await this.#readRange(streamId, base + 1, prepared.length);
      if (events[0]?.id !== first) return undefined;
    }
    return retriedBatch(streamId, prepared, { streamId, events });
  }

  /**
   * Appends at exactly revision `actual - 1` with the chain continued from
   * `prevHash`; undefined when the server reports that the stream moved.
   * The result is read back, so its positions are the ones every read returns.
   */
  async #write(
    key: AuditKey,
    streamId: string,
    prepared: readonly PreparedEvent[],
    actual: number,
    prevHash: string,
  ): Promise<AppendResult | undefined> {
    let previous = prevHash;
    const data = prepared.map((item, index) => {
      const hash = keyedLink(key, previous, item, streamId, actual + index + 1);
      const link = { prevHash: previous, hash };
      previous = hash;
      return toEventData(item, link);
    });
    const expectedRevision = actual === 0 ? NO_STREAM : BigInt(actual - 1);
    const appended = await this.#connection.call(`append to stream ${streamId}`, async (client) => {
      try {
        await client.appendToStream(streamId, data, { expectedRevision, requiresLeader: true });
        return true;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) return false;
        throw error;
      }
    });
    if (!appended) return undefined;
    const events = await this.#readRange(streamId, actual + 1, prepared.length);
    if (events.length !== prepared.length || events.some((event, i) => event.id !== prepared[i]?.event.id)) {
      throw new Error(
        `EventStoreDB acknowledged the append to ${streamId} at version ${actual + 1}, but reading it back shows other events`,
      );
    }
    return appendResult(events);
  }

  /**
   * The switch-over of a log written before the keyed chain (chain-keeper.ts),
   * in steps safe to repeat: the credentials are bound first (a row bound by
   * an earlier attempt is left as it is), then the record starts the stream
   * `audit-chain`; when another process started it first, there is nothing
   * left to do.
   */
  async #switchOver(key: AuditKey, trigger: EventMetadata): Promise<void> {
    if ((await this.readStream(CHAIN_STREAM, { limit: 1 })).length > 0) return;
    const heads = await this.streamHeads();
    let bound = 0;
    if (this.#credentialLog !== undefined) {
      const credentials = this.credentials();
      const log = await this.readStream(this.#credentialLog.streamId);
      const bindings = bindLegacyCredentials(key, await credentials.rows(), this.#credentialLog.versions(log));
      await credentials.writeBindings(bindings);
      bound = bindings.length;
    }
    await this.#write(key, CHAIN_STREAM, switchOverEvents(key, heads, trigger, bound).map(prepareEsdbEvent), 0, GENESIS_HASH);
  }
}

/** Opens the store and checks the server answers (BackendUnavailable within the timeout otherwise). */
export async function openEsdbEventStore(connectionString: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> {
  return initialized(new EsdbEventStore(connectionString, options));
}

/** The result of an append that recorded `events` (at least one). */
function appendResult(events: readonly RecordedEvent[]): AppendResult {
  const last = events[events.length - 1];
  if (last === undefined) throw new Error('an append result needs at least one event');
  return { version: last.version, position: last.position, events: [...events] };
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
