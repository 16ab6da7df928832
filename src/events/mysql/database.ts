/**
 * One mysql2 pool shared by the MySQL event store and its credential store:
 * sessions set up alike, transactions that never hand a broken connection
 * back to the pool, and the collation the tables use for identifiers.
 */
import { createPool } from 'mysql2';
import type { Pool, PoolConnection, QueryValues, RowDataPacket } from 'mysql2/promise';
import type { MysqlTarget } from '../../config/mysql-url.js';
import type { StoreLabel } from '../store-problems.js';
import type { MysqlContext } from './backend-error.js';

export interface MysqlDatabaseOptions {
  /** How long opening a connection (DNS, TCP, handshake, authentication) may take; default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** How long an append waits for another writer's lock on the log; default 10 s. */
  readonly lockWaitTimeoutSeconds?: number;
  /** Connections the pool may open; default 4 (appends take turns on the log anyway). */
  readonly connectionLimit?: number;
}

/** What a transaction body resolves to: its value, and whether what it wrote is kept. */
export interface TransactionOutcome<T> {
  readonly value: T;
  /** False: roll back whatever the body wrote, and still resolve to `value`. */
  readonly commit: boolean;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_LOCK_WAIT_TIMEOUT_SECONDS = 10;

/**
 * Set on every connection before its first statement: a known SQL mode
 * (strict, so an oversized value fails instead of being truncated; without
 * NO_BACKSLASH_ESCAPES or ANSI_QUOTES, which would change how the driver's
 * escaped values parse), the lock wait, and READ COMMITTED so that every read
 * inside an append sees the latest committed rows.
 */
function sessionSetup(lockWaitTimeoutSeconds: number): readonly string[] {
  return [
    `SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION', SESSION innodb_lock_wait_timeout = ${lockWaitTimeoutSeconds}`,
    'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
  ];
}

/**
 * Binary collations without trailing-space padding, best first: identifiers
 * (stream ids, event ids, types, user ids) compare byte for byte, as they do
 * in SQLite, so "a" and "a " or "A" are different streams. utf8mb4_bin pads
 * (ignores trailing spaces) and is only the last resort of old servers.
 */
const IDENTIFIER_COLLATIONS = ['utf8mb4_0900_bin', 'utf8mb4_nopad_bin'] as const;
const FALLBACK_COLLATION = 'utf8mb4_bin';

export class MysqlDatabase {
  readonly context: MysqlContext;
  readonly #pool: Pool;
  readonly #setup: readonly string[];
  /** Physical connections that already ran the session setup. */
  readonly #prepared = new WeakSet<object>();
  #collation: string | undefined;
  #closed = false;

  constructor(target: MysqlTarget, label: StoreLabel, options: MysqlDatabaseOptions = {}) {
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const lockWaitTimeoutSeconds = options.lockWaitTimeoutSeconds ?? DEFAULT_LOCK_WAIT_TIMEOUT_SECONDS;
    if (!Number.isSafeInteger(lockWaitTimeoutSeconds) || lockWaitTimeoutSeconds < 1) {
      throw new RangeError(`lockWaitTimeoutSeconds must be a positive integer, got ${lockWaitTimeoutSeconds}`);
    }
    this.context = {
      label,
      display: target.display,
      user: target.user,
      database: target.database,
      connectTimeoutMs,
      lockWaitTimeoutSeconds,
    };
    this.#setup = sessionSetup(lockWaitTimeoutSeconds);
    this.#pool = createPool({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database,
      connectTimeout: connectTimeoutMs,
      connectionLimit: options.connectionLimit ?? 4,
      maxIdle: options.connectionLimit ?? 4,
      idleTimeout: 60_000,
      enableKeepAlive: true,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      // BIGINT positions as numbers while they are safe integers, as strings beyond (and refused by the store).
      supportBigNumbers: true,
      bigNumberStrings: false,
    }).promise();
  }

  /** One statement on a pooled connection; resolves to its rows. */
  async query<Row extends RowDataPacket>(sql: string, values?: QueryValues): Promise<Row[]> {
    return this.withConnection(async (connection) => (await connection.query<Row[]>(sql, values))[0]);
  }

  /** One statement that changes rows, on a pooled connection. */
  async execute(sql: string, values?: QueryValues): Promise<void> {
    await this.withConnection((connection) => connection.query(sql, values));
  }

  /** Lends a set-up connection to `work`; a connection the driver calls broken is destroyed, not pooled again. */
  async withConnection<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    const connection = await this.#acquire();
    let healthy = false;
    try {
      const result = await work(connection);
      healthy = true;
      return result;
    } catch (error) {
      // A statement error (a duplicate key, a syntax error) leaves the session usable.
      healthy = !isFatal(error);
      throw error;
    } finally {
      if (healthy) connection.release();
      else connection.destroy();
    }
  }

  /**
   * Runs `work` on one connection inside a transaction, then COMMITs or ROLLs
   * BACK as its outcome says and resolves to its value; a throw rolls back and
   * rejects. A connection whose transaction could not be ended cleanly is
   * destroyed (the server then rolls back) rather than handed back to the pool.
   */
  async transaction<T>(work: (connection: PoolConnection) => Promise<TransactionOutcome<T>>): Promise<T> {
    const connection = await this.#acquire();
    let healthy = false;
    try {
      await connection.beginTransaction();
      let outcome: TransactionOutcome<T>;
      try {
        outcome = await work(connection);
      } catch (error) {
        if (!isFatal(error)) healthy = await rollback(connection);
        throw error;
      }
      if (outcome.commit) await connection.commit();
      else await connection.rollback();
      healthy = true;
      return outcome.value;
    } finally {
      if (healthy) connection.release();
      else connection.destroy();
    }
  }

  /** A pooled connection that has run the session setup. */
  async #acquire(): Promise<PoolConnection> {
    const connection = await this.#pool.getConnection();
    if (this.#prepared.has(connection.connection)) return connection;
    try {
      for (const statement of this.#setup) await connection.query(statement);
    } catch (error) {
      connection.destroy();
      throw error;
    }
    this.#prepared.add(connection.connection);
    return connection;
  }

  /** The identifier collation this server offers (see IDENTIFIER_COLLATIONS); asked once. */
  async identifierCollation(): Promise<string> {
    if (this.#collation === undefined) {
      const rows = await this.query<RowDataPacket & { name: string }>(
        'SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (?)',
        [IDENTIFIER_COLLATIONS],
      );
      const offered = new Set(rows.map((row) => row.name));
      this.#collation = IDENTIFIER_COLLATIONS.find((name) => offered.has(name)) ?? FALLBACK_COLLATION;
    }
    return this.#collation;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

function isFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { fatal?: unknown }).fatal === true;
}

/**
 * Rolls back after a failed transaction body; false when even that fails. The
 * body's error is the one worth reporting, so the rollback's own error is not
 * rethrown: the caller destroys the connection instead, which makes the server
 * roll the transaction back when the session ends.
 */
async function rollback(connection: PoolConnection): Promise<boolean> {
  try {
    await connection.rollback();
    return true;
  } catch {
    return false;
  }
}
