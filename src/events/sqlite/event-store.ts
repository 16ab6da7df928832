/**
 * The embedded event store: one SQLite file (WAL), one `events` table.
 *
 * Concurrency: every append is one `BEGIN IMMEDIATE` transaction. IMMEDIATE
 * takes SQLite's write lock before the stream head is read, so two processes
 * appending at once are serialized: the second waits (up to the busy timeout),
 * then reads the head the first one committed and checks its expected version
 * against it. Positions come from the INTEGER PRIMARY KEY AUTOINCREMENT, given
 * out under that same lock, so position order is commit order and a reader
 * never sees a gap fill in later.
 *
 * Idempotency, as in every adapter (retried-batch.ts): an append whose first
 * event id is already recorded returns the recorded result, whatever the
 * expected version; the id is looked up in the events table's unique index,
 * under the same write lock.
 *
 * The chain: each event's hash is its keyed link (keyed-chain.ts) over the
 * texts and the `at` column as inserted. A log written before the keyed chain
 * switches over in one transaction under the write lock (chain-keeper.ts):
 * the heads are read, the credentials bound and the record written together.
 */
import Database from 'better-sqlite3';
import { Conflict } from '../../errors.js';
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
  type JsonObject,
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
import { toInstant } from '../instant.js';
import { keyedLink } from '../keyed-chain.js';
import { type PreparedEvent, prepareEvent } from '../prepared-event.js';
import { retriedBatch } from '../retried-batch.js';
import { WrongExpectedVersion } from '../wrong-expected-version.js';
import { type SqliteContext, toBackendError } from './backend-error.js';
import { SqliteCredentialStore } from './credential-store.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openSqliteDatabase, type SqliteSynchronous } from './database.js';

export interface SqliteEventStoreOptions extends EventStoreOptions {
  /** FULL (default): every committed event survives a power cut. NORMAL: faster, may lose the last commits on power loss. */
  readonly synchronous?: SqliteSynchronous;
  /** How long an append waits for another process's write lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

/**
 * `at` duplicates metadata.at, normalized to `toISOString()` form, so that
 * `until` compares instants: raw ISO strings in different shapes
 * ("...:00Z" and "...:00.000Z") do not sort as the instants they name.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (stream_id, version)
);
CREATE INDEX IF NOT EXISTS events_type_position ON events (type, position);
`;

const COLUMNS = 'position, id, stream_id, version, type, schema_version, data, metadata, prev_hash, hash';
const STORED_COLUMNS = `${COLUMNS}, at`;

/**
 * An event's row as the reads get it: an array in `COLUMNS` order, not an
 * object (better-sqlite3's raw mode). No object with ten named properties is
 * built per row only to be copied into the event: reading a 10,000-event
 * stream takes 20 ms instead of 34 (in process, best of 7), for every read of
 * the log (history, catch-up, rebuild, verify).
 */
type EventRow = readonly [
  position: number,
  id: string,
  stream_id: string,
  version: number,
  type: string,
  schema_version: number,
  data: string,
  metadata: string,
  prev_hash: string,
  hash: string,
];

/** `STORED_COLUMNS`: the columns of an `EventRow`, then `at`. */
type StoredRow = readonly [...EventRow, at: string];

interface HeadRow {
  readonly version: number;
  readonly hash: string;
  readonly position: number;
}

/** Prepared once per store: better-sqlite3 statements are reusable and compiling them is the slow part. */
class Statements {
  readonly head;
  readonly insert;
  readonly findById;
  readonly readStream;
  readonly readStreamUntil;
  readonly readAll;
  readonly readAllOfTypes;
  readonly headPosition;
  readonly streamHeads;
  readonly readStored;
  readonly streamsWithEvents;

  constructor(db: Database.Database) {
    this.head = db.prepare<[string], HeadRow>(
      'SELECT version, hash, position FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1',
    );
    this.insert = db.prepare<[string, string, number, string, number, string, string, string, string, string]>(
      `INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findById = db.prepare<[string], { stream_id: string; version: number }>('SELECT stream_id, version FROM events WHERE id = ?');
    this.readStream = db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`,
      )
      .raw();
    this.readStreamUntil = db
      .prepare<[string, number, string, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND at <= ? ORDER BY version LIMIT ?`,
      )
      .raw();
    this.readAll = db
      .prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw();
    // One statement for any number of types: the list travels as one JSON array parameter.
    this.readAllOfTypes = db
      .prepare<[number, string, number], EventRow>(
        `SELECT ${COLUMNS} FROM events
       WHERE position > ? AND type IN (SELECT value FROM json_each(?))
       ORDER BY position LIMIT ?`,
      )
      .raw();
    this.headPosition = db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck();
    // SQLite documents that a bare column next to max() comes from the row holding the max.
    this.streamHeads = db.prepare<[], { stream_id: string; version: number; hash: string }>(
      'SELECT stream_id, max(version) AS version, hash FROM events GROUP BY stream_id ORDER BY stream_id',
    );
    this.readStored = db
      .prepare<[number, number], StoredRow>(`SELECT ${STORED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw();
    // A stream that exists has its version 1: one look-up in the (stream_id, version) index per id.
    this.streamsWithEvents = db
      .prepare<[string], string>('SELECT stream_id FROM events WHERE version = 1 AND stream_id IN (SELECT value FROM json_each(?))')
      .pluck();
  }
}

/** An event made ready for the insert outside the write lock: only its version and chain wait for the head. */
type AppendTransaction = Database.Transaction<
  (key: AuditKey | undefined, streamId: string, prepared: readonly PreparedEvent[], expected: ExpectedVersion) => AppendResult
>;

function checkExpected(expected: ExpectedVersion): void {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
  }
}

/** One entry of a multi-stream append, its events prepared outside the lock. */
interface PreparedAppend {
  readonly streamId: string;
  readonly prepared: readonly PreparedEvent[];
  readonly expected: ExpectedVersion;
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #context: SqliteContext;
  readonly #append: AppendTransaction;
  readonly #appendBatch: Database.Transaction<
    (
      key: AuditKey | undefined,
      appends: readonly { streamId: string; prepared: readonly PreparedEvent[]; expected: ExpectedVersion }[],
    ) => AppendResult[]
  >;
  readonly #appendMany: Database.Transaction<(key: AuditKey | undefined, entries: readonly PreparedAppend[]) => AppendResult[]>;
  readonly #switchOver: Database.Transaction<(key: AuditKey, trigger: EventMetadata) => void>;
  readonly #keeper: ChainKeeper;
  readonly #credentialLog: CredentialLog | undefined;
  #statements: Statements | undefined;
  #credentials: SqliteCredentialStore | undefined;

  /** Opens (creating if absent, mode 0600) the file; call init() before use, or use openSqliteEventStore(). */
  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.#context = { label: 'eventStore', path, busyTimeoutMs };
    this.#db = openSqliteDatabase(path, { label: 'eventStore', busyTimeoutMs, synchronous: options.synchronous ?? 'FULL' });
    this.#append = this.#db.transaction(
      (key: AuditKey | undefined, streamId: string, prepared: readonly PreparedEvent[], expected: ExpectedVersion) =>
        this.#appendLocked(key, streamId, prepared, expected),
    );
    this.#appendBatch = this.#db.transaction(
      (
        key: AuditKey | undefined,
        appends: readonly { streamId: string; prepared: readonly PreparedEvent[]; expected: ExpectedVersion }[],
      ) => appends.map(({ streamId, prepared, expected }) => this.#appendLocked(key, streamId, prepared, expected)),
    );
    this.#appendMany = this.#db.transaction((key: AuditKey | undefined, entries: readonly PreparedAppend[]) =>
      this.#appendManyLocked(key, entries),
    );
    this.#switchOver = this.#db.transaction((key: AuditKey, trigger: EventMetadata) => this.#switchOverLocked(key, trigger));
    this.#credentialLog = options.credentialLog;
    this.#keeper = new ChainKeeper(options.keyring, {
      switchOverRecord: async () => this.#run(() => this.#sql.readStream.all(CHAIN_STREAM, 1, 1).map(toRecordedEvent)[0]),
      readStored: async (after, limit) => this.#run(() => this.#sql.readStored.all(after, limit).map(toStoredEvent)),
      switchOver: async (key, trigger) => this.#run(() => this.#switchOver.immediate(key, trigger)),
    });
  }

  /**
   * The switch-over of a log written before the keyed chain (chain-keeper.ts),
   * under the write lock: nothing when another process recorded it first.
   */
  #switchOverLocked(key: AuditKey, trigger: EventMetadata): void {
    const sql = this.#sql;
    if (sql.readStream.all(CHAIN_STREAM, 1, 1).length > 0) return;
    const heads = sql.streamHeads.all().map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }));
    let bound = 0;
    if (this.#credentialLog !== undefined) {
      const credentials = this.credentials();
      const log = sql.readStream.all(this.#credentialLog.streamId, 1, -1).map(toRecordedEvent);
      const bindings = bindLegacyCredentials(key, credentials.rows(), this.#credentialLog.versions(log));
      credentials.writeBindings(bindings);
      bound = bindings.length;
    }
    this.#appendLocked(key, CHAIN_STREAM, switchOverEvents(key, heads, trigger, bound).map(prepareEvent), 'no_stream');
  }

  async init(): Promise<void> {
    this.#run(() => {
      // IMMEDIATE so two processes initializing a fresh file at once take turns.
      this.#db.transaction(() => this.#db.exec(SCHEMA)).immediate();
    });
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    checkExpected(expected);
    const prepared = events.map(prepareEvent);
    // An empty batch only checks the expected version: it needs no key.
    const first = prepared[0];
    const key = first === undefined ? undefined : await this.#keeper.writerKey(first.event.metadata);
    return this.#run(() => this.#append.immediate(key, streamId, prepared, expected));
  }

  /** One transaction, one commit (one fsync) for every stream of the batch; a failure on any leaves all unwritten. */
  async appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    for (const { expected } of appends) checkExpected(expected);
    const prepared = appends.map(({ streamId, events, expected }) => ({ streamId, prepared: events.map(prepareEvent), expected }));
    const first = prepared.find((append) => append.prepared.length > 0)?.prepared[0];
    const key = first === undefined ? undefined : await this.#keeper.writerKey(first.event.metadata);
    return this.#run(() => this.#appendBatch.immediate(key, prepared));
  }

  /** One BEGIN IMMEDIATE transaction for every entry: all of them are written, or none. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const entries = appends.map(({ streamId, events, expected }) => ({ streamId, expected, prepared: events.map(prepareEvent) }));
    const first = entries.find((entry) => entry.prepared.length > 0)?.prepared[0];
    const key = first === undefined ? undefined : await this.#keeper.writerKey(first.event.metadata);
    return this.#run(() => this.#appendMany.immediate(key, entries));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const fromVersion = options.fromVersion ?? 1;
    const limit = options.limit ?? -1; // -1: no limit, in SQLite
    if (!Number.isSafeInteger(fromVersion)) throw new RangeError(`readStream: fromVersion must be an integer, got ${fromVersion}`);
    if (options.limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
      throw new RangeError(`readStream: limit must be a non-negative integer, got ${limit}`);
    }
    const until = options.until === undefined ? undefined : toInstant(options.until, 'until');
    return this.#run(() => {
      const rows =
        until === undefined
          ? this.#sql.readStream.all(streamId, fromVersion, limit)
          : this.#sql.readStreamUntil.all(streamId, fromVersion, until, limit);
      return rows.map(toRecordedEvent);
    });
  }

  /** `types: []` selects no type, so it returns no events. */
  async readAll({ after, limit, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readAll: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
    if (types !== undefined && types.length === 0) return [];
    return this.#run(() => {
      const rows =
        types === undefined ? this.#sql.readAll.all(after, limit) : this.#sql.readAllOfTypes.all(after, JSON.stringify(types), limit);
      return rows.map(toRecordedEvent);
    });
  }

  async streamsWithEvents(streamIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (streamIds.length === 0) return new Set();
    return this.#run(() => new Set(this.#sql.streamsWithEvents.all(JSON.stringify(streamIds))));
  }

  async headPosition(): Promise<number> {
    return this.#run(() => this.#sql.headPosition.get() ?? 0);
  }

  async streamHeads(): Promise<StreamHead[]> {
    return this.#run(() => this.#sql.streamHeads.all().map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash })));
  }

  async readStored({ after, limit }: Pick<ReadAllOptions, 'after' | 'limit'>): Promise<StoredEvent[]> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readStored: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readStored: limit must be a positive integer, got ${limit}`);
    return this.#run(() => this.#sql.readStored.all(after, limit).map(toStoredEvent));
  }

  /**
   * The password hashes, in a `credentials` table of the same file and on the
   * same connection (one file to back up and to keep 0600). Closing it is a
   * no-op: the connection closes with this store.
   */
  credentials(): SqliteCredentialStore {
    this.#credentials ??= this.#run(
      () => new SqliteCredentialStore(this.#db, { context: { ...this.#context, label: 'credentialStore' }, keeper: this.#keeper }),
    );
    return this.#credentials;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /**
   * Under the write lock. A retry is recognised by the first entry that
   * writes: its recorded result, and every other entry's, are returned and
   * nothing is written. Otherwise each entry is appended as `append` would,
   * except that none may be a retry on its own (the batch is one, or none).
   */
  #appendManyLocked(key: AuditKey | undefined, entries: readonly PreparedAppend[]): AppendResult[] {
    const writing = entries.find((entry) => entry.prepared.length > 0);
    const retried = writing && this.#recordedBatch(writing.streamId, writing.prepared);
    if (retried) {
      return entries.map((entry) => {
        if (entry === writing) return retried;
        if (entry.prepared.length === 0) return this.#appendLocked(undefined, entry.streamId, [], 'any');
        const recorded = this.#recordedBatch(entry.streamId, entry.prepared);
        if (recorded) return recorded;
        throw new Conflict(msg('store.eventInOtherBatch', { eventId: entry.prepared[0]?.event.id ?? '', streamId: entry.streamId }));
      });
    }
    return entries.map((entry) => this.#appendLocked(key, entry.streamId, entry.prepared, entry.expected, false));
  }

  /**
   * Runs under the write lock (inside BEGIN IMMEDIATE): any throw rolls the whole batch back. `key` is there unless the batch is empty.
   * `mayBeRetry` false: inside a multi-stream append, where the batch as a whole was found new.
   */
  #appendLocked(
    key: AuditKey | undefined,
    streamId: string,
    prepared: readonly PreparedEvent[],
    expected: ExpectedVersion,
    mayBeRetry = true,
  ): AppendResult {
    const sql = this.#sql;
    // A new stream's events are not preceded by a look-up of its head (B9: two per imported client): they go in from
    // version 1 after the genesis hash, and the (stream_id, version) key refuses the first when the stream exists.
    const fresh = expected === 'no_stream' && prepared.length > 0 && key !== undefined;
    const head = fresh ? undefined : sql.head.get(streamId);
    const actual = head?.version ?? 0;
    if (!satisfies(expected, actual)) {
      const retried = mayBeRetry ? this.#recordedBatch(streamId, prepared) : undefined;
      if (retried) return retried;
      throw new WrongExpectedVersion(streamId, expected, actual);
    }
    // An empty batch only checks the expected version.
    if (prepared.length === 0 || key === undefined) return { version: actual, position: head?.position ?? 0, events: [] };

    const recorded: RecordedEvent[] = [];
    let prevHash = head?.hash ?? GENESIS_HASH;
    let version = actual;
    for (const [index, item] of prepared.entries()) {
      const { event, dataJson, metadataJson, instant } = item;
      version += 1;
      const hash = keyedLink(key, prevHash, item, streamId, version);
      let position: number;
      try {
        const result = sql.insert.run(
          event.id,
          streamId,
          version,
          event.type,
          event.schemaVersion,
          dataJson,
          metadataJson,
          instant,
          prevHash,
          hash,
        );
        position = Number(result.lastInsertRowid);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const notNew = fresh && index === 0 ? sql.head.get(streamId) : undefined;
        if (notNew !== undefined) {
          // The stream was not new: what a look-up of its head first would have found.
          const retried = mayBeRetry ? this.#recordedBatch(streamId, prepared) : undefined;
          if (retried) return retried;
          throw new WrongExpectedVersion(streamId, expected, notNew.version);
        }
        // Otherwise a unique violation here can only be the event id: the version was read under the lock.
        if (index === 0 && mayBeRetry) {
          const retried = this.#recordedBatch(streamId, prepared);
          if (retried) return retried;
        }
        const existing = sql.findById.get(event.id);
        if (!existing) throw error;
        throw new Conflict(msg('store.eventRecorded', { eventId: event.id, streamId: existing.stream_id, version: existing.version }), {
          cause: error,
        });
      }
      recorded.push({
        id: event.id,
        streamId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        version,
        position,
        data: event.data,
        metadata: { ...event.metadata, prevHash, hash },
      });
      prevHash = hash;
    }
    const last = recorded[recorded.length - 1];
    return { version, position: last?.position ?? 0, events: recorded };
  }

  /** The earlier result of this same batch when it is a retry (retried-batch.ts); undefined when its first id is new. */
  #recordedBatch(streamId: string, prepared: readonly PreparedEvent[]): AppendResult | undefined {
    const first = prepared[0]?.event.id;
    const at = first === undefined ? undefined : this.#sql.findById.get(first);
    const found = at && {
      streamId: at.stream_id,
      events: this.#sql.readStream.all(at.stream_id, at.version, prepared.length).map(toRecordedEvent),
    };
    return retriedBatch(streamId, prepared, found);
  }

  /** Statements are prepared on first use, after init() has created the tables they name. */
  get #sql(): Statements {
    this.#statements ??= new Statements(this.#db);
    return this.#statements;
  }

  /** better-sqlite3 is synchronous: run the work and turn "SQLite is unavailable" errors into BackendUnavailable. */
  #run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw toBackendError(error, this.#context);
    }
  }
}

/** Opens the file, creates the tables if needed, and hands back a ready store. */
export async function openSqliteEventStore(path: string, options: SqliteEventStoreOptions = {}): Promise<SqliteEventStore> {
  return initialized(new SqliteEventStore(path, options));
}

function toRecordedEvent([position, id, streamId, version, type, schemaVersion, data, metadata, prevHash, hash]: EventRow): RecordedEvent {
  const { actor, at, commandId } = JSON.parse(metadata) as EventMetadata;
  return {
    id,
    streamId,
    type,
    schemaVersion,
    version,
    position,
    data: JSON.parse(data) as JsonObject,
    metadata: { actor, at, commandId, prevHash, hash },
  };
}

function toStoredEvent([position, id, streamId, version, type, schemaVersion, data, metadata, prevHash, hash, at]: StoredRow): StoredEvent {
  return { position, id, streamId, version, type, schemaVersion, at, metadata, data, prevHash, hash };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
