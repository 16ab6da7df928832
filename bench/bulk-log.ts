/**
 * A bulk path into the SQLite event store's `events` table, for generating
 * benchmark logs quickly: the store creates the file and its schema, then
 * rows are inserted here in large transactions with `synchronous = OFF`.
 * Each row is exactly what SqliteEventStore.append would write (same JSON
 * encodings, `at` normalized, the same per-stream keyed chain through
 * `keyedHash` with the bench's audit key, the test one), so the store, the
 * projector and `epic` read it as their own. With `chain: 'plain'` the rows
 * carry the plain SHA-256 links the release before the keyed chain wrote
 * (B8 verifies such a log next to a keyed one).
 * It exists only because appending a million events one command at a time
 * would take the bench longer than the measurement.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { currentSchemaVersion } from '../src/domain/upcasters.js';
import type { EventActor, JsonObject, NewEvent } from '../src/events/event-store.js';
import { chainHash, GENESIS_HASH } from '../src/events/hash-chain.js';
import { keyedHash } from '../src/events/keyed-chain.js';
import { openSqliteEventStore } from '../src/events/sqlite/event-store.js';
import { TEST_AUDIT_KEY, testKeyring } from '../test/support/audit-key.js';

interface Head {
  version: number;
  hash: string;
}

const ROWS_PER_TRANSACTION = 20_000;

export class BulkLog {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, string, number, string, number, string, string, string, string, string]>;
  readonly #head: Database.Statement<[string], Head>;
  readonly #heads = new Map<string, Head>();
  readonly #chain: 'keyed' | 'plain';
  #pending = 0;
  #written = 0;

  private constructor(db: Database.Database, chain: 'keyed' | 'plain') {
    this.#db = db;
    this.#chain = chain;
    this.#insert = db.prepare(
      `INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#head = db.prepare('SELECT version, hash FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1');
    db.exec('BEGIN');
  }

  /** Creates the store (through its own init) if needed, then opens it for bulk inserts. */
  static async open(path: string, chain: 'keyed' | 'plain' = 'keyed'): Promise<BulkLog> {
    await (await openSqliteEventStore(path, { keyring: testKeyring })).close();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    return new BulkLog(db, chain);
  }

  get written(): number {
    return this.#written;
  }

  /** Appends one event at the end of its stream. */
  append(streamId: string, type: string, data: JsonObject, actor: EventActor, at: Date, commandId: string = randomUUID()): void {
    let head = this.#heads.get(streamId);
    if (!head) {
      head = this.#head.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
      this.#heads.set(streamId, head);
    }
    const metadata = { actor: { id: actor.id, role: actor.role }, at: at.toISOString(), commandId };
    const event: NewEvent = { id: randomUUID(), type, schemaVersion: currentSchemaVersion(type), data, metadata };
    const version = head.version + 1;
    const dataJson = JSON.stringify(data);
    const metadataJson = JSON.stringify(metadata);
    const hash =
      this.#chain === 'plain'
        ? chainHash(head.hash, streamId, version, event)
        : keyedHash(TEST_AUDIT_KEY, head.hash, {
            id: event.id,
            streamId,
            version,
            type,
            schemaVersion: event.schemaVersion,
            at: metadata.at,
            metadata: metadataJson,
            data: dataJson,
          });
    this.#insert.run(event.id, streamId, version, type, event.schemaVersion, dataJson, metadataJson, metadata.at, head.hash, hash);
    head.version = version;
    head.hash = hash;
    this.#written += 1;
    if (++this.#pending >= ROWS_PER_TRANSACTION) {
      this.#db.exec('COMMIT; BEGIN');
      this.#pending = 0;
    }
  }

  close(): void {
    this.#db.exec('COMMIT');
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}
