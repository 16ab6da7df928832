/**
 * The team event store: the log in a MySQL (or MariaDB) database, InnoDB.
 *
 * Global order (docs/mysql.md, "Global order"): positions are not
 * AUTO_INCREMENT values. Every append locks the one row of `log_head`
 * (`SELECT ... FOR UPDATE`) before anything else, takes its positions from
 * that row (head + 1, head + 2, ...), writes them back and commits; InnoDB
 * keeps the row lock until the commit. So appends that write take turns: the
 * next one reads the head only after the previous one committed, and position
 * order is commit order. A reader that sees position p can already see every
 * position below p; a projector reading `readAll({ after: checkpoint })` never
 * skips an event that commits later with a smaller position, because there is
 * no such event. A failed append rolls its head update back with its events,
 * so positions have no gaps either.
 *
 * Concurrency per stream: under the log lock the append reads the stream's
 * head row (`streams`, locked too) and checks the expected version against it;
 * UNIQUE (stream_id, version) is the last line of defense and maps to
 * WrongExpectedVersion. Reads (readStream, readAll, streamHeads) take no lock:
 * each is one statement over one consistent snapshot.
 *
 * Idempotency, as in every adapter (retried-batch.ts): an append whose first
 * event id is already recorded returns the recorded result, whatever the
 * expected version; the id is looked up in the events table's unique index.
 *
 * Exactness: `data` and `metadata` are stored as the JSON text written
 * (LONGTEXT, not MySQL's JSON type, which reorders keys and reformats
 * numbers), identifiers in a binary collation without padding, and `at_ms` is
 * the event's instant in epoch milliseconds, so `until` compares instants.
 *
 * The chain: each event's hash is its keyed link (keyed-chain.ts) over the
 * texts as inserted and the instant `at_ms` holds. A log written before the
 * keyed chain switches over in one transaction under the log lock
 * (chain-keeper.ts): the heads are read, the credentials bound and the record
 * written together.
 */
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { type MysqlTarget, parseMysqlUrl } from '../../config/mysql-url.js';
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
import { instantMs } from '../instant.js';
import { keyedLink } from '../keyed-chain.js';
import { type PreparedEvent, prepareEvent } from '../prepared-event.js';
import { retriedBatch } from '../retried-batch.js';
import { WrongExpectedVersion } from '../wrong-expected-version.js';
import { isMysqlDriverError, toBackendError } from './backend-error.js';
import { credentialsSchema, MysqlCredentialStore } from './credential-store.js';
import { MysqlDatabase, type MysqlDatabaseOptions, type TransactionOutcome } from './database.js';

export interface MysqlEventStoreOptions extends MysqlDatabaseOptions, EventStoreOptions {}

/** The longest stream id, event id or type a VARCHAR(255) column holds, in characters. */
const MAX_IDENTIFIER_LENGTH = 255;

/** Rows per INSERT, and a budget of JSON characters per INSERT to stay well under max_allowed_packet. */
const INSERT_ROWS = 500;
const INSERT_CHARS = 4_000_000;

const TABLES = ['events', 'streams', 'log_head', 'credentials'] as const;

function schema(collation: string): string[] {
  const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;
  return [
    `CREATE TABLE IF NOT EXISTS events (
  position BIGINT NOT NULL COMMENT 'from log_head, in commit order',
  id VARCHAR(255) NOT NULL,
  stream_id VARCHAR(255) NOT NULL,
  version INT NOT NULL,
  type VARCHAR(255) NOT NULL,
  schema_version INT NOT NULL,
  data LONGTEXT NOT NULL COMMENT 'JSON text, exactly as written',
  metadata MEDIUMTEXT NOT NULL COMMENT 'JSON text: actor, at, commandId',
  at_ms BIGINT NOT NULL COMMENT 'metadata.at in epoch milliseconds',
  prev_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (position),
  UNIQUE KEY events_id (id),
  UNIQUE KEY events_stream_version (stream_id, version),
  KEY events_type_position (type, position)
) ${table}`,
    `CREATE TABLE IF NOT EXISTS streams (
  stream_id VARCHAR(255) NOT NULL,
  version INT NOT NULL,
  hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  position BIGINT NOT NULL COMMENT 'of the stream''s last event',
  PRIMARY KEY (stream_id)
) ${table}`,
    `CREATE TABLE IF NOT EXISTS log_head (
  id TINYINT NOT NULL COMMENT 'always 1: the row every append locks',
  position BIGINT NOT NULL COMMENT 'of the last event in the log',
  PRIMARY KEY (id)
) ${table}`,
    'INSERT INTO log_head (id, position) VALUES (1, 0) ON DUPLICATE KEY UPDATE id = id',
    credentialsSchema(collation),
  ];
}

const COLUMNS = 'position, id, stream_id, version, type, schema_version, data, metadata, prev_hash, hash';
const STORED_COLUMNS = `${COLUMNS}, at_ms`;

interface EventRow extends RowDataPacket {
  readonly position: number | string;
  readonly id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly prev_hash: string;
  readonly hash: string;
}

interface StoredRow extends EventRow {
  readonly at_ms: number | string;
}

interface StreamHeadRow extends RowDataPacket {
  readonly stream_id: string;
  readonly version: number;
  readonly hash: string;
}

interface StreamRow extends StreamHeadRow {
  readonly position: number | string;
}

interface PositionRow extends RowDataPacket {
  readonly position: number | string;
}

interface VersionRow extends RowDataPacket {
  readonly version: number | null;
}

interface RecordedIdRow extends RowDataPacket {
  readonly id: string;
  readonly stream_id: string;
  readonly version: number;
}

/** An event made ready outside the lock: only its version, position and chain wait for the heads. */
export class MysqlEventStore implements EventStore {
  readonly kind = 'mysql' as const;
  readonly #db: MysqlDatabase;
  readonly #keeper: ChainKeeper;
  readonly #credentialLog: CredentialLog | undefined;
  #credentials: MysqlCredentialStore | undefined;

  /** Creates the pool (no connection yet); call init() before use, or use openMysqlEventStore(). */
  constructor(target: MysqlTarget, options: MysqlEventStoreOptions = {}) {
    this.#db = new MysqlDatabase(target, 'eventStore', options);
    this.#credentialLog = options.credentialLog;
    this.#keeper = new ChainKeeper(options.keyring, {
      switchOverRecord: async () => (await this.readStream(CHAIN_STREAM, { limit: 1 }))[0],
      readStored: (after, limit) => this.readStored({ after, limit }),
      switchOver: (key, trigger) =>
        this.#run(() =>
          this.#db.transaction(async (connection) => ({ value: await this.#switchOver(connection, key, trigger), commit: true })),
        ),
    });
  }

  async init(): Promise<void> {
    await this.#run(async () => {
      const present = await this.#db.query<RowDataPacket & { name: string }>(
        'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)',
        [TABLES],
      );
      const headRow = present.some((row) => row.name === 'log_head')
        ? await this.#db.query<PositionRow>('SELECT position FROM log_head WHERE id = 1')
        : [];
      if (present.length !== TABLES.length || headRow.length !== 1) {
        // CREATE TABLE IF NOT EXISTS and the head row's upsert are safe when several processes initialize at once.
        for (const statement of schema(await this.#db.identifierCollation())) await this.#db.execute(statement);
      }
      await this.credentials().addMissingColumns();
    });
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
      throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
    }
    checkIdentifier(streamId, 'stream id');
    const prepared = events.map(prepareMysqlEvent);
    checkDistinctIds(prepared);
    // An empty batch only checks the expected version: it needs no key.
    const first = prepared[0];
    const key = first === undefined ? undefined : await this.#keeper.writerKey(first.event.metadata);
    return this.#run(() => this.#db.transaction((connection) => this.#appendLocked(connection, key, streamId, prepared, expected)));
  }

  /** One transaction for every entry, under the log lock taken once: all of them are committed, or none. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const entries = appends.map(({ streamId, events, expected }) => {
      checkIdentifier(streamId, 'stream id');
      return { streamId, expected, prepared: events.map(prepareMysqlEvent) };
    });
    checkDistinctIds(entries.flatMap((entry) => entry.prepared));
    const first = entries.find((entry) => entry.prepared.length > 0)?.prepared[0];
    const key = first === undefined ? undefined : await this.#keeper.writerKey(first.event.metadata);
    return this.#run(() => this.#db.transaction((connection) => this.#appendManyLocked(connection, key, entries)));
  }

  /**
   * Inside the transaction. A retry is recognised by the first entry that
   * writes: every entry's recorded result is returned and nothing is kept.
   * Otherwise each entry is appended as `append` would (the log lock is taken
   * by the first and held to the commit), except that none may be a retry on
   * its own: the batch is one, or none.
   */
  async #appendManyLocked(
    connection: PoolConnection,
    key: AuditKey | undefined,
    entries: readonly { readonly streamId: string; readonly prepared: readonly PreparedEvent[]; readonly expected: ExpectedVersion }[],
  ): Promise<TransactionOutcome<AppendResult[]>> {
    await connection.query('SELECT position FROM log_head WHERE id = 1 FOR UPDATE');
    const writing = entries.find((entry) => entry.prepared.length > 0);
    const retried = writing && (await recordedBatch(connection, writing.streamId, writing.prepared));
    if (retried) {
      const results: AppendResult[] = [];
      for (const entry of entries) {
        if (entry === writing) results.push(retried);
        else if (entry.prepared.length === 0)
          results.push((await this.#appendLocked(connection, undefined, entry.streamId, [], 'any')).value);
        else {
          const recorded = await recordedBatch(connection, entry.streamId, entry.prepared);
          if (!recorded)
            throw new Conflict(msg('store.eventInOtherBatch', { eventId: entry.prepared[0]?.event.id ?? '', streamId: entry.streamId }));
          results.push(recorded);
        }
      }
      return { value: results, commit: false };
    }
    const results: AppendResult[] = [];
    let commit = false;
    for (const entry of entries) {
      const outcome = await this.#appendLocked(connection, key, entry.streamId, entry.prepared, entry.expected, false);
      results.push(outcome.value);
      commit ||= outcome.commit;
    }
    return { value: results, commit };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const fromVersion = options.fromVersion ?? 1;
    if (!Number.isSafeInteger(fromVersion)) throw new RangeError(`readStream: fromVersion must be an integer, got ${fromVersion}`);
    const { limit } = options;
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
      throw new RangeError(`readStream: limit must be a non-negative integer, got ${limit}`);
    }
    const untilMs = options.until === undefined ? undefined : instantMs(options.until, 'until');
    const rows = await this.#run(() =>
      this.#db.query<EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ?${untilMs === undefined ? '' : ' AND at_ms <= ?'}
         ORDER BY version${limit === undefined ? '' : ' LIMIT ?'}`,
        [streamId, fromVersion, ...(untilMs === undefined ? [] : [untilMs]), ...(limit === undefined ? [] : [limit])],
      ),
    );
    return rows.map(toRecordedEvent);
  }

  /** `types: []` selects no type, so it returns no events. */
  async readAll({ after, limit, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readAll: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
    if (types !== undefined && types.length === 0) return [];
    const rows = await this.#run(() =>
      types === undefined
        ? this.#db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`, [after, limit])
        : this.#db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND type IN (?) ORDER BY position LIMIT ?`, [
            after,
            types,
            limit,
          ]),
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<number> {
    const [row] = await this.#run(() => this.#db.query<PositionRow>('SELECT position FROM log_head WHERE id = 1'));
    return row === undefined ? 0 : toPosition(row.position);
  }

  async streamHeads(): Promise<StreamHead[]> {
    const rows = await this.#run(() => this.#db.query<StreamHeadRow>('SELECT stream_id, version, hash FROM streams ORDER BY stream_id'));
    return rows.map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }));
  }

  async readStored({ after, limit }: Pick<ReadAllOptions, 'after' | 'limit'>): Promise<StoredEvent[]> {
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readStored: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readStored: limit must be a positive integer, got ${limit}`);
    const rows = await this.#run(() =>
      this.#db.query<StoredRow>(`SELECT ${STORED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`, [after, limit]),
    );
    return rows.map(toStoredEvent);
  }

  /**
   * The password hashes, in the `credentials` table of the same database and
   * on the same pool. Closing it is a no-op: the pool closes with this store.
   */
  credentials(): MysqlCredentialStore {
    this.#credentials ??= new MysqlCredentialStore(this.#db, { keeper: this.#keeper });
    return this.#credentials;
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  /**
   * Runs inside the transaction; any throw rolls the whole batch back. A
   * retried batch resolves to its recorded result with `commit: false`, so
   * nothing this attempt inserted before it met its own ids is kept.
   * `mayBeRetry` false: inside a multi-stream append, where the batch as a whole was found new.
   */
  async #appendLocked(
    connection: PoolConnection,
    key: AuditKey | undefined,
    streamId: string,
    prepared: readonly PreparedEvent[],
    expected: ExpectedVersion,
    mayBeRetry = true,
  ): Promise<TransactionOutcome<AppendResult>> {
    // The log lock first, always: appends take turns, so two appends never wait on each other's stream rows.
    const [log] = (await connection.query<PositionRow[]>('SELECT position FROM log_head WHERE id = 1 FOR UPDATE'))[0];
    if (log === undefined) throw new Error('the log_head row is missing: init() has not run on this database');
    const [head] = (
      await connection.query<StreamRow[]>('SELECT stream_id, version, hash, position FROM streams WHERE stream_id = ? FOR UPDATE', [
        streamId,
      ])
    )[0];
    const actual = head?.version ?? 0;
    if (!satisfies(expected, actual)) {
      const retried = mayBeRetry ? await recordedBatch(connection, streamId, prepared) : undefined;
      if (retried) return { value: retried, commit: false };
      throw new WrongExpectedVersion(streamId, expected, actual);
    }
    // An empty batch only checks the expected version.
    if (prepared.length === 0 || key === undefined) {
      return { value: { version: actual, position: head === undefined ? 0 : toPosition(head.position), events: [] }, commit: false };
    }

    const recorded: RecordedEvent[] = [];
    const rows: unknown[][] = [];
    let prevHash = head?.hash ?? GENESIS_HASH;
    let version = actual;
    let position = toPosition(log.position);
    for (const item of prepared) {
      const { event, dataJson, metadataJson, atMs } = item;
      version += 1;
      position += 1;
      const hash = keyedLink(key, prevHash, item, streamId, version);
      rows.push([position, event.id, streamId, version, event.type, event.schemaVersion, dataJson, metadataJson, atMs, prevHash, hash]);
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

    let firstChunk = true;
    try {
      for (const chunk of insertChunks(rows, prepared)) {
        await connection.query(
          'INSERT INTO events (position, id, stream_id, version, type, schema_version, data, metadata, at_ms, prev_hash, hash) VALUES ?',
          [chunk],
        );
        firstChunk = false;
      }
    } catch (error) {
      const explained = await explainDuplicate(connection, error, {
        streamId,
        prepared,
        expected,
        actual,
        mayBeRetry: firstChunk && mayBeRetry,
      });
      if ('retried' in explained) return { value: explained.retried, commit: false };
      throw explained.error;
    }
    if (head === undefined) {
      await connection.query('INSERT INTO streams (stream_id, version, hash, position) VALUES (?, ?, ?, ?)', [
        streamId,
        version,
        prevHash,
        position,
      ]);
    } else {
      await connection.query('UPDATE streams SET version = ?, hash = ?, position = ? WHERE stream_id = ?', [
        version,
        prevHash,
        position,
        streamId,
      ]);
    }
    await connection.query('UPDATE log_head SET position = ? WHERE id = 1', [position]);
    return { value: { version, position, events: recorded }, commit: true };
  }

  /**
   * The switch-over of a log written before the keyed chain (chain-keeper.ts),
   * inside one transaction that holds the log lock first, as appends do:
   * nothing when another process recorded it first.
   */
  async #switchOver(connection: PoolConnection, key: AuditKey, trigger: EventMetadata): Promise<void> {
    await connection.query('SELECT position FROM log_head WHERE id = 1 FOR UPDATE');
    const [recorded] = (await connection.query<RowDataPacket[]>('SELECT 1 FROM events WHERE stream_id = ? LIMIT 1', [CHAIN_STREAM]))[0];
    if (recorded !== undefined) return;
    const heads = (await connection.query<StreamHeadRow[]>('SELECT stream_id, version, hash FROM streams ORDER BY stream_id'))[0].map(
      (row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }),
    );
    let bound = 0;
    if (this.#credentialLog !== undefined) {
      const credentials = this.credentials();
      const log = (
        await connection.query<EventRow[]>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY version`, [
          this.#credentialLog.streamId,
        ])
      )[0].map(toRecordedEvent);
      const bindings = bindLegacyCredentials(key, await credentials.rows(connection), this.#credentialLog.versions(log));
      await credentials.writeBindings(connection, bindings);
      bound = bindings.length;
    }
    const prepared = switchOverEvents(key, heads, trigger, bound).map(prepareMysqlEvent);
    const outcome = await this.#appendLocked(connection, key, CHAIN_STREAM, prepared, 'no_stream');
    if (!outcome.commit) throw new Error('the switch-over record was not written, though its stream was empty under the log lock');
  }

  /** Turns "MySQL cannot serve us right now" errors into BackendUnavailable. */
  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toBackendError(error, this.#db.context);
    }
  }
}

/** Parses the URL, creates the tables if needed, and hands back a ready store. */
export async function openMysqlEventStore(url: string, options: MysqlEventStoreOptions = {}): Promise<MysqlEventStore> {
  return initialized(new MysqlEventStore(parseMysqlUrl(url), options));
}

/** The earlier result of this same batch when it is a retry (retried-batch.ts); undefined when its first id is new. */
async function recordedBatch(
  connection: PoolConnection,
  streamId: string,
  prepared: readonly PreparedEvent[],
): Promise<AppendResult | undefined> {
  const first = prepared[0]?.event.id;
  if (first === undefined) return undefined;
  const [at] = (await connection.query<RecordedIdRow[]>('SELECT id, stream_id, version FROM events WHERE id = ?', [first]))[0];
  if (at === undefined) return undefined;
  const rows = (
    await connection.query<EventRow[]>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`, [
      at.stream_id,
      at.version,
      prepared.length,
    ])
  )[0];
  return retriedBatch(streamId, prepared, { streamId: at.stream_id, events: rows.map(toRecordedEvent) });
}

interface FailedInsert {
  readonly streamId: string;
  readonly prepared: readonly PreparedEvent[];
  readonly expected: ExpectedVersion;
  /** The stream's version before this append: rows of the stream above it are this attempt's own earlier statements. */
  readonly actual: number;
  /** True when the failing INSERT was the batch's first: only then can the first id be an earlier attempt's. */
  readonly mayBeRetry: boolean;
}

/**
 * What a failed INSERT means, read inside the still-open transaction (a
 * failed statement is undone alone): an event id already recorded is a retry
 * (its recorded result) or a Conflict; a taken (stream, version), which the
 * locks make impossible unless the `streams` table lies, is a
 * WrongExpectedVersion against the versions actually in the log. Any other
 * error is returned as it is.
 */
async function explainDuplicate(
  connection: PoolConnection,
  error: unknown,
  { streamId, prepared, expected, actual, mayBeRetry }: FailedInsert,
): Promise<{ readonly retried: AppendResult } | { readonly error: unknown }> {
  const key = duplicateKey(error);
  if (key === 'events_stream_version') {
    const [row] = (await connection.query<VersionRow[]>('SELECT max(version) AS version FROM events WHERE stream_id = ?', [streamId]))[0];
    return { error: new WrongExpectedVersion(streamId, expected, row?.version ?? 0) };
  }
  if (key !== 'events_id') return { error };
  if (mayBeRetry) {
    const retried = await recordedBatch(connection, streamId, prepared);
    if (retried) return { retried };
  }
  const ids = prepared.map((p) => p.event.id);
  const existing = (await connection.query<RecordedIdRow[]>('SELECT id, stream_id, version FROM events WHERE id IN (?)', [ids]))[0];
  const earlier = existing.filter((row) => row.stream_id !== streamId || row.version <= actual);
  const byId = new Map(earlier.map((row) => [row.id, row]));
  const clash = ids.map((id) => byId.get(id)).find((row) => row !== undefined);
  if (clash === undefined) return { error };
  return {
    error: new Conflict(msg('store.eventRecorded', { eventId: clash.id, streamId: clash.stream_id, version: clash.version }), {
      cause: error,
    }),
  };
}

/** The name of the unique key a duplicate-entry error names ("for key 'events_id'", or 'events.events_id' on MySQL 8). */
function duplicateKey(error: unknown): string | undefined {
  if (!isMysqlDriverError(error) || error.code !== 'ER_DUP_ENTRY') return undefined;
  return /for key '(?:[^']*\.)?([^'.]+)'$/.exec(error.sqlMessage ?? error.message)?.[1];
}

/** The rows cut into INSERT statements of at most INSERT_ROWS rows and about INSERT_CHARS characters of JSON. */
function* insertChunks(rows: readonly unknown[][], prepared: readonly PreparedEvent[]): Generator<unknown[][]> {
  let chunk: unknown[][] = [];
  let chars = 0;
  for (const [index, row] of rows.entries()) {
    const size = (prepared[index]?.dataJson.length ?? 0) + (prepared[index]?.metadataJson.length ?? 0);
    if (chunk.length > 0 && (chunk.length >= INSERT_ROWS || chars + size > INSERT_CHARS)) {
      yield chunk;
      chunk = [];
      chars = 0;
    }
    chunk.push(row);
    chars += size;
  }
  if (chunk.length > 0) yield chunk;
}

/** The shared preparation, within what the columns hold: InvalidInput for an id or type too long or malformed, a schema version beyond INT. */
function prepareMysqlEvent(event: NewEvent, index: number): PreparedEvent {
  checkIdentifier(event.id, `event ${index}: id`);
  checkIdentifier(event.type, `event ${index}: type`);
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 0 || event.schemaVersion > 2_147_483_647) {
    throw new InvalidInput(msg('store.mysql.schemaVersionInvalid', { index, type: event.type, value: event.schemaVersion }));
  }
  return prepareEvent(event, index);
}

/** The same id twice in one batch could never be recorded: refused before the log is locked. */
function checkDistinctIds(prepared: readonly PreparedEvent[]): void {
  const seen = new Set<string>();
  for (const { event } of prepared) {
    if (seen.has(event.id)) throw new Conflict(msg('store.eventTwiceInBatch', { eventId: event.id }));
    seen.add(event.id);
  }
}

/** A stream id, event id or type: well-formed Unicode that fits a VARCHAR(255). */
function checkIdentifier(value: string, field: string): void {
  if (/[\uD800-\uDFFF]/u.test(value)) throw new InvalidInput(msg('store.mysql.identifierMalformed', { field }));
  // VARCHAR counts characters (code points), not UTF-16 units.
  if ([...value].length > MAX_IDENTIFIER_LENGTH)
    throw new InvalidInput(msg('store.mysql.identifierTooLong', { field, max: MAX_IDENTIFIER_LENGTH }));
}

function toStoredEvent(row: StoredRow): StoredEvent {
  const atMs = Number(row.at_ms);
  const time = new Date(atMs);
  return {
    position: toPosition(row.position),
    id: row.id,
    streamId: row.stream_id,
    version: row.version,
    type: row.type,
    schemaVersion: row.schema_version,
    // The instant at_ms holds, in the form every adapter chains; a value no Date can hold stays as it is, and fails its link.
    at: Number.isSafeInteger(atMs) && !Number.isNaN(time.getTime()) ? time.toISOString() : String(row.at_ms),
    metadata: row.metadata,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const metadata = JSON.parse(row.metadata) as EventMetadata;
  return {
    id: row.id,
    streamId: row.stream_id,
    type: row.type,
    schemaVersion: row.schema_version,
    version: row.version,
    position: toPosition(row.position),
    data: JSON.parse(row.data) as JsonObject,
    metadata: { actor: metadata.actor, at: metadata.at, commandId: metadata.commandId, prevHash: row.prev_hash, hash: row.hash },
  };
}

/** A BIGINT position: mysql2 gives a number while it is a safe integer, a string beyond, which JavaScript cannot count with. */
function toPosition(value: number | string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new RangeError(`log position ${String(value)} is beyond what a JavaScript number holds exactly`);
}
