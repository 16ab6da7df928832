import type Database from 'better-sqlite3';
import type { CredentialStore } from '../credential-store.js';
import { type SqliteContext, toBackendError } from './backend-error.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credentials (
  user_id TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID
`;

export interface SqliteCredentialStoreOptions {
  /** For error messages: which file, and how long a write waits for the lock. */
  readonly context: SqliteContext;
  /** The clock for `updated_at`; tests pin it. */
  readonly now?: () => Date;
  /**
   * Whether close() closes the connection. False when the connection belongs
   * to a SqliteEventStore (its `credentials()`), which closes it itself.
   */
  readonly ownsConnection?: boolean;
}

/**
 * The `credentials` table, on a connection it is given: normally the event
 * store's own (SqliteEventStore.credentials()), so the hashes sit in the same
 * 0600 file and one backup holds everything. Creates its table on construction
 * (idempotent), so it works on any events.db, old or new.
 */
export class SqliteCredentialStore implements CredentialStore {
  readonly #db: Database.Database;
  readonly #context: SqliteContext;
  readonly #now: () => Date;
  readonly #ownsConnection: boolean;
  readonly #get;
  readonly #set;
  readonly #delete;

  constructor(db: Database.Database, options: SqliteCredentialStoreOptions) {
    this.#db = db;
    this.#context = options.context;
    this.#now = options.now ?? (() => new Date());
    this.#ownsConnection = options.ownsConnection ?? false;
    db.exec(SCHEMA);
    this.#get = db.prepare<[string], string>('SELECT password_hash FROM credentials WHERE user_id = ?').pluck();
    this.#set = db.prepare<[string, string, string]>(
      `INSERT INTO credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
    );
    this.#delete = db.prepare<[string]>('DELETE FROM credentials WHERE user_id = ?');
  }

  async get(userId: string): Promise<string | null> {
    return this.#run(() => this.#get.get(userId) ?? null);
  }

  async set(userId: string, passwordHash: string): Promise<void> {
    this.#run(() => this.#set.run(userId, passwordHash, this.#now().toISOString()));
  }

  async delete(userId: string): Promise<void> {
    this.#run(() => this.#delete.run(userId));
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
