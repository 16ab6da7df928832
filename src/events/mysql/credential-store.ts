import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { ChainKeeper, CredentialRow } from '../chain-keeper.js';
import type { CredentialStore, StoredCredential } from '../credential-store.js';
import { type MysqlContext, toBackendError } from './backend-error.js';
import type { MysqlDatabase } from './database.js';

/**
 * The `credentials` table, in the event store's database; `collation` is the
 * identifier collation. `version` and `mac` bind each hash to its user and
 * credential change (credential-store.ts); null in rows written before them.
 */
export function credentialsSchema(collation: string): string {
  return `CREATE TABLE IF NOT EXISTS credentials (
  user_id VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  updated_at DATETIME(3) NOT NULL COMMENT 'UTC',
  version INT NULL COMMENT 'of the credential change in the log',
  mac CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'keyed MAC over user, version and hash',
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;
}

/** The columns a `credentials` table made before the keyed chain lacks, as ALTER TABLE adds them. */
const ADDED_COLUMNS = [
  ['version', "INT NULL COMMENT 'of the credential change in the log'"],
  ['mac', "CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'keyed MAC over user, version and hash'"],
] as const;

export interface MysqlCredentialStoreOptions {
  /** The event store's chain: the key the MACs are made and checked with. */
  readonly keeper: ChainKeeper;
  /** The clock for `updated_at`; tests pin it. */
  readonly now?: () => Date;
  /**
   * Whether close() closes the pool. False when the pool belongs to a
   * MysqlEventStore (its `credentials()`), which closes it itself.
   */
  readonly ownsConnection?: boolean;
}

interface Row extends RowDataPacket {
  readonly user_id: string;
  readonly password_hash: string;
  readonly version: number | null;
  readonly mac: string | null;
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
  readonly #keeper: ChainKeeper;
  readonly #now: () => Date;
  readonly #ownsConnection: boolean;

  constructor(db: MysqlDatabase, options: MysqlCredentialStoreOptions) {
    this.#db = db;
    this.#context = { ...db.context, label: 'credentialStore' };
    this.#keeper = options.keeper;
    this.#now = options.now ?? (() => new Date());
    this.#ownsConnection = options.ownsConnection ?? false;
  }

  /** Creates the table if it is missing, and the columns a table made before the keyed chain lacks; safe to call again. */
  async init(): Promise<void> {
    await this.#run(async () => this.#db.execute(credentialsSchema(await this.#db.identifierCollation())));
    await this.addMissingColumns();
  }

  /** Adds `version` and `mac` to a table made before them. */
  async addMissingColumns(): Promise<void> {
    await this.#run(async () => {
      const present = await this.#db.query<RowDataPacket & { name: string }>(
        `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'credentials'`,
      );
      const names = new Set(present.map((row) => row.name.toLowerCase()));
      for (const [name, definition] of ADDED_COLUMNS) {
        // Two processes adding at once: the second's ALTER fails with a duplicate column, which is the state it wanted.
        if (!names.has(name))
          await this.#db.execute(`ALTER TABLE credentials ADD COLUMN ${name} ${definition}`).catch(ignoreDuplicateColumn);
      }
    });
  }

  async get(userId: string): Promise<StoredCredential | null> {
    const [row] = await this.#run(() =>
      this.#db.query<Row>('SELECT user_id, password_hash, version, mac FROM credentials WHERE user_id = ?', [userId]),
    );
    if (row === undefined) return null;
    return { passwordHash: row.password_hash, ...(await this.#keeper.binding(toCredentialRow(row))) };
  }

  async set(userId: string, passwordHash: string, version: number): Promise<void> {
    const mac = await this.#keeper.credentialMac(userId, version, passwordHash);
    const updatedAt = toDatetime(this.#now());
    await this.#run(() =>
      this.#db.execute(
        `INSERT INTO credentials (user_id, password_hash, updated_at, version, mac) VALUES (?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash), updated_at = VALUES(updated_at),
           version = VALUES(version), mac = VALUES(mac)`,
        [userId, passwordHash, updatedAt, version, mac],
      ),
    );
  }

  async delete(userId: string): Promise<void> {
    await this.#run(() => this.#db.execute('DELETE FROM credentials WHERE user_id = ?', [userId]));
  }

  /** Every row, for the switch-over, read inside its transaction (locked, so no hash changes under it). */
  async rows(connection: PoolConnection): Promise<CredentialRow[]> {
    const [rows] = await connection.query<Row[]>(
      'SELECT user_id, password_hash, version, mac FROM credentials ORDER BY user_id FOR UPDATE',
    );
    return rows.map(toCredentialRow);
  }

  /** Writes the MACs a switch-over binds, inside its transaction. */
  async writeBindings(
    connection: PoolConnection,
    bindings: readonly { userId: string; passwordHash: string; version: number; mac: string }[],
  ): Promise<void> {
    for (const { userId, passwordHash, version, mac } of bindings) {
      await connection.query('UPDATE credentials SET version = ?, mac = ? WHERE user_id = ? AND password_hash = ?', [
        version,
        mac,
        userId,
        passwordHash,
      ]);
    }
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

function toCredentialRow(row: Row): CredentialRow {
  return { userId: row.user_id, passwordHash: row.password_hash, version: row.version, mac: row.mac };
}

function ignoreDuplicateColumn(error: unknown): void {
  if ((error as { code?: unknown }).code !== 'ER_DUP_FIELDNAME') throw error;
}

/** A UTC instant as DATETIME(3) text: "2030-01-01 10:00:00.000". */
function toDatetime(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}
