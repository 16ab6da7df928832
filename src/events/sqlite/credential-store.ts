import type Database from 'better-sqlite3';
import type { ChainKeeper, CredentialRow } from '../chain-keeper.js';
import type { CredentialStore, StoredCredential } from '../credential-store.js';
import { type SqliteContext, toBackendError } from './backend-error.js';

/** `version` and `mac` bind each hash to its user and credential change (credential-store.ts); null in rows written before the keyed chain. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS credentials (
  user_id TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER,
  mac TEXT
) WITHOUT ROWID
`;

/** The columns a `credentials` table made before the keyed chain lacks. */
const ADDED_COLUMNS = [
  ['version', 'INTEGER'],
  ['mac', 'TEXT'],
] as const;

export interface SqliteCredentialStoreOptions {
  /** For error messages: which file, and how long a write waits for the lock. */
  readonly context: SqliteContext;
  /** The event store's chain: the key the MACs are made and checked with. */
  readonly keeper: ChainKeeper;
  /** The clock for `updated_at`; tests pin it. */
  readonly now?: () => Date;
  /**
   * Whether close() closes the connection. False when the connection belongs
   * to a SqliteEventStore (its `credentials()`), which closes it itself.
   */
  readonly ownsConnection?: boolean;
}

interface Row {
  readonly user_id: string;
  readonly password_hash: string;
  readonly version: number | null;
  readonly mac: string | null;
}

/**
 * The `credentials` table, on a connection it is given: normally the event
 * store's own (SqliteEventStore.credentials()), so the hashes sit in the same
 * 0600 file and one backup holds everything. Creates its table on construction
 * (idempotent) and adds the MAC columns to a table made before them, so it
 * works on any events.db, old or new.
 */
export class SqliteCredentialStore implements CredentialStore {
  readonly #db: Database.Database;
  readonly #context: SqliteContext;
  readonly #keeper: ChainKeeper;
  readonly #now: () => Date;
  readonly #ownsConnection: boolean;
  readonly #get;
  readonly #set;
  readonly #delete;
  readonly #rows;
  readonly #bind;

  constructor(db: Database.Database, options: SqliteCredentialStoreOptions) {
    this.#db = db;
    this.#context = options.context;
    this.#keeper = options.keeper;
    this.#now = options.now ?? (() => new Date());
    this.#ownsConnection = options.ownsConnection ?? false;
    db.exec(SCHEMA);
    const present = new Set(
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('credentials')`)
        .all()
        .map((c) => c.name),
    );
    for (const [name, type] of ADDED_COLUMNS) if (!present.has(name)) db.exec(`ALTER TABLE credentials ADD COLUMN ${name} ${type}`);
    this.#get = db.prepare<[string], Row>('SELECT user_id, password_hash, version, mac FROM credentials WHERE user_id = ?');
    this.#set = db.prepare<[string, string, string, number, string]>(
      `INSERT INTO credentials (user_id, password_hash, updated_at, version, mac) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at,
         version = excluded.version, mac = excluded.mac`,
    );
    this.#delete = db.prepare<[string]>('DELETE FROM credentials WHERE user_id = ?');
    this.#rows = db.prepare<[], Row>('SELECT user_id, password_hash, version, mac FROM credentials ORDER BY user_id');
    this.#bind = db.prepare<[number, string, string, string]>(
      'UPDATE credentials SET version = ?, mac = ? WHERE user_id = ? AND password_hash = ?',
    );
  }

  async get(userId: string): Promise<StoredCredential | null> {
    const row = this.#run(() => this.#get.get(userId));
    if (row === undefined) return null;
    return { passwordHash: row.password_hash, ...(await this.#keeper.binding(toCredentialRow(row))) };
  }

  async set(userId: string, passwordHash: string, version: number): Promise<void> {
    const mac = await this.#keeper.credentialMac(userId, version, passwordHash);
    this.#run(() => this.#set.run(userId, passwordHash, this.#now().toISOString(), version, mac));
  }

  async delete(userId: string): Promise<void> {
    this.#run(() => this.#delete.run(userId));
  }

  /** Every row, for the switch-over (inside its transaction). */
  rows(): CredentialRow[] {
    return this.#rows.all().map(toCredentialRow);
  }

  /** Writes the MACs a switch-over binds (inside its transaction); a row whose hash changed meanwhile is left alone. */
  writeBindings(bindings: readonly { userId: string; passwordHash: string; version: number; mac: string }[]): void {
    for (const { userId, passwordHash, version, mac } of bindings) this.#bind.run(version, mac, userId, passwordHash);
  }

  async close(): Promise<void> {
    if (this.#ownsConnection && this.#db.open) this.#db.close();
  }

  #run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw toBackendError(error, this.#context);
    }
  }
}

function toCredentialRow(row: Row): CredentialRow {
  return { userId: row.user_id, passwordHash: row.password_hash, version: row.version, mac: row.mac };
}
