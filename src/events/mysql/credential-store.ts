import type { RowDataPacket } from 'mysql2/promise';
import type { CredentialStore } from '../credential-store.js';
import { type MysqlContext, toBackendError } from './backend-error.js';
import type { MysqlDatabase } from './database.js';

/** The `credentials` table, in the event store's database; `collation` is the identifier collation. */
export function credentialsSchema(collation: string): string {
  return `CREATE TABLE IF NOT EXISTS credentials (
  user_id VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  updated_at DATETIME(3) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;
}

export interface MysqlCredentialStoreOptions {
  /** The clock for `updated_at`; tests pin it. */
  readonly now?: () => Date;
  /**
   * Whether close() closes the pool. False when the pool belongs to a
   * MysqlEventStore (its `credentials()`), which closes it itself.
   */
  readonly ownsConnection?: boolean;
}

/**
 * The `credentials` table, in the same database as the event log (one place
 * to back up and to grant access to), on the pool it is given: normally the
 * event store's own (MysqlEventStore.credentials()). The table is created by
 * init(), which MysqlEventStore.init() runs.
 */
export class MysqlCredentialStore implements CredentialStore {
  readonly #db: MysqlDatabase;
  readonly #context: MysqlContext;
  readonly #now: () => Date;
  readonly #ownsConnection: boolean;

  constructor(db: MysqlDatabase, options: MysqlCredentialStoreOptions = {}) {
    this.#db = db;
    this.#context = { ...db.context, label: 'credentialStore' };
    this.#now = options.now ?? (() => new Date());
    this.#ownsConnection = options.ownsConnection ?? false;
  }

  /** Creates the table if it is missing; safe to call again. */
  async init(): Promise<void> {
    await this.#run(async () => this.#db.execute(credentialsSchema(await this.#db.identifierCollation())));
  }

  async get(userId: string): Promise<string | null> {
    const rows = await this.#run(() =>
      this.#db.query<RowDataPacket & { password_hash: string }>('SELECT password_hash FROM credentials WHERE user_id = ?', [userId]),
    );
    return rows[0]?.password_hash ?? null;
  }

  async set(userId: string, passwordHash: string): Promise<void> {
    const updatedAt = toDatetime(this.#now());
    await this.#run(() =>
      this.#db.execute(
        `INSERT INTO credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash), updated_at = VALUES(updated_at)`,
        [userId, passwordHash, updatedAt],
      ),
    );
  }

  async delete(userId: string): Promise<void> {
    await this.#run(() => this.#db.execute('DELETE FROM credentials WHERE user_id = ?', [userId]));
  }

  async close(): Promise<void> {
    if (this.#ownsConnection) await this.#db.close();
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toBackendError(error, this.#context);
    }
  }
}

/** A UTC instant as DATETIME(3) text: "2030-01-01 10:00:00.000". */
function toDatetime(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}
