/**
 * The event store port. Every adapter (sqlite, mysql, esdb) implements it and
 * passes the same contract suite (test/event-store/contract.ts).
 *
 * Version convention, the same in every adapter: a stream's version is the
 * number of events in it. An empty (absent) stream has version 0; its first
 * event has version 1. Global positions are positive integers that grow with
 * commit order; reading "after 0" starts at the beginning of the log.
 */
import type { AuditKeyring } from './audit-key.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ActorRole = 'gestion' | 'commercial' | 'support' | 'system';

export interface EventActor {
  readonly id: string;
  readonly role: ActorRole;
}

/** What the writer supplies: who, when, and which command caused the event. */
export interface EventMetadata {
  readonly actor: EventActor;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly commandId: string;
}

/** The per-stream hash chain, computed by the store inside the append. */
export interface ChainLink {
  /** Hash of the previous event of the stream (64 zeros for the first). */
  readonly prevHash: string;
  /**
   * HMAC-SHA-256, keyed with the audit key, over prevHash and every stored
   * field of the event (keyed-chain.ts); SHA-256 over the canonical event for
   * events written before the keyed chain (hash-chain.ts).
   */
  readonly hash: string;
}

/**
 * An event's fields exactly as the store keeps them: what the keyed chain
 * covers. `data` and `metadata` are the JSON texts as stored, never a
 * re-serialization of parsed values, so a value stored encrypted is chained
 * as stored and a change to any byte a reader parses shows.
 */
export interface ChainedFields {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  /**
   * The time the store keeps beside the event and compares `until` with
   * (SQLite's `at` column, MySQL's `at_ms`, EventStoreDB's metadata.at), as
   * ISO 8601 UTC with milliseconds.
   */
  readonly at: string;
  /** The metadata's JSON text without the chain: `{actor, at, commandId}` and anything else stored with it. */
  readonly metadata: string;
  /** The data's JSON text. */
  readonly data: string;
}

/** One event of the log as stored, with its place and its link: what `audit verify` reads. */
export interface StoredEvent extends ChainedFields, ChainLink {
  readonly position: number;
}

export interface NewEvent {
  /** Deterministic per command and index, so a retried append is idempotent. */
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** 1-based position in its stream. */
  readonly version: number;
  /** Global position in the log. */
  readonly position: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata & ChainLink;
}

/**
 * - `any`: append whatever the stream holds;
 * - `no_stream`: the stream must not exist (version 0);
 * - `stream_exists`: the stream must hold at least one event;
 * - a number: the stream's version must be exactly this (0 is the same as `no_stream`).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's version after the append. */
  readonly version: number;
  /** Global position of the last appended event. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
}

/** One stream's part of a multi-stream append (`appendMany`, `appendBatch`). */
export interface StreamAppend {
  readonly streamId: string;
  /** Empty: only the expected version is checked (a "check-only" entry), nothing is written to the stream. */
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
}

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 1. */
  readonly fromVersion?: number;
  /** Only events recorded at or before this instant (ISO 8601). */
  readonly until?: string;
  /** At most this many events. */
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive global position to read after; 0 for the beginning. */
  readonly after: number;
  /** Batch size. */
  readonly limit: number;
  /** Only these event types (server-side filter where the adapter can). */
  readonly types?: readonly string[];
}

export interface EventStore {
  readonly kind: 'sqlite' | 'mysql' | 'esdb';
  /** Creates what the store needs (tables, indexes); safe to call again. */
  init(): Promise<void>;
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction, all or nothing: one
   * WrongExpectedVersion (or any failure) and none of them is written. Only
   * where the store can (the embedded SQLite store); callers fall back to
   * `append` stream by stream.
   */
  appendBatch?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /**
   * Which of these streams hold an event, in one query: where the store has it
   * (the embedded SQLite store), for an import's batch not to read one by one
   * the streams it would find empty. A stream written after the answer is
   * caught by the expected version of the append that follows.
   */
  streamsWithEvents?(streamIds: readonly string[]): Promise<ReadonlySet<string>>;
  /**
   * Several streams at once, each with its own expected version and its own
   * hash chain, in the order given (a stream at most once). SQLite and MySQL:
   * one transaction, all or nothing, every expected version checked under the
   * lock. EventStoreDB, which has no multi-stream transaction: the entries are
   * appended one after the other in the order given, each all or nothing (see
   * the adapter for what that means for the command log). A retry — the first
   * event id of the first entry that writes is already recorded — returns the
   * recorded results and writes nothing, whatever the expected versions.
   * Results are in the order of the entries (a check-only entry: its version, no events).
   */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** The stream's events in order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One batch of the global log, in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the log (0 when empty). */
  headPosition(): Promise<number>;
  /** Every stream with its current version and last hash, for audit digests. */
  streamHeads(): Promise<StreamHead[]>;
  /** One batch of the global log as stored (nothing parsed), in position order: what `audit verify` checks. */
  readStored(options: Pick<ReadAllOptions, 'after' | 'limit'>): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** What every adapter takes besides where its store is. */
export interface EventStoreOptions {
  /** Where the audit key is found: appends need it, reads do not (audit-key.ts). Without one, the store refuses to append. */
  readonly keyring?: AuditKeyring;
  /** Which log records credential changes, to bind the stored hashes when a log written before the keyed chain switches over. */
  readonly credentialLog?: CredentialLog;
}

export interface StreamHead {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/** True when a stream at `actual` satisfies `expected`. */
export function satisfies(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return actual === expected;
  }
}

/** Refuses a batch that names a stream twice or a bad expected version: the same checks in every adapter. */
export function checkStreamAppends(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  for (const { streamId, expected } of appends) {
    if (seen.has(streamId)) throw new RangeError(`appendMany: stream ${streamId} is named twice`);
    seen.add(streamId);
    if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
      throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
    }
  }
}

/** Hands back `store` once `init()` has run; closes it when init fails, so an opener never leaks a file or a connection. */
export async function initialized<S extends Pick<EventStore, 'init' | 'close'>>(store: S): Promise<S> {
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Which log records credential changes, so that a store can bind the hashes
 * it already holds when a log written before the keyed chain switches over:
 * the stream, and each user's last credential change in its events.
 */
export interface CredentialLog {
  readonly streamId: string;
  readonly versions: (events: readonly RecordedEvent[]) => ReadonlyMap<string, number>;
}
