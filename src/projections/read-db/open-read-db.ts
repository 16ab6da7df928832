/**
 * Opening the read database. Kysely and the drivers are imported here, lazily,
 * so that commands which never touch the read tables start at bare Node speed.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely, MysqlPool, MysqlPoolConnection } from 'kysely';
import { parseReadDbUrl, type ReadDbTarget } from '../../config/read-db-url.js';
import { BackendUnavailable, ReadDbDamaged } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { ReadDbProblem } from '../read-problems.js';
import type { Database, ReadDialect } from './database.js';

export interface ReadDb {
  readonly db: Kysely<Database>;
  readonly dialect: ReadDialect;
  /** SQLite: the file this connection opened (a repair replaces only that one, never one another process already put in its place). */
  readonly file?: { readonly path: string; readonly dev: number; readonly ino: number };
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens `sqlite:<path>` or `mysql://user:pass@host:port/db` and brings its
 * schema up to date. An unreachable server, refused credentials or an
 * unopenable file is a `BackendUnavailable` with a one-line message (never the
 * password); a bad URL is an `InvalidInput`.
 */
export async function openReadDb(url: string): Promise<ReadDb> {
  const target = parseReadDbUrl(url);
  const readDb = target.dialect === 'sqlite' ? await openSqlite(target.path, target.display) : await openMysql(target);
  try {
    await migrate(readDb);
  } catch (error) {
    // The migration's error is the one to report; a failure to close after it adds nothing.
    await readDb.close().catch(() => undefined);
    throw unavailable(target, error) ?? error;
  }
  return readDb;
}

async function openSqlite(path: string, display: string): Promise<ReadDb> {
  const [{ Kysely, SqliteDialect }, { default: SqliteDatabase }] = await Promise.all([import('kysely'), import('better-sqlite3')]);
  let database: InstanceType<typeof SqliteDatabase> | undefined;
  try {
    if (path !== ':memory:') createPrivateFile(path);
    database = new SqliteDatabase(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    // The read database can always be rebuilt from the log: durability of the last commit is not worth an fsync.
    database.pragma('synchronous = NORMAL');
    // Freed bytes are zeroed: a client's values, once erased or replaced, do not linger in free space (docs/privacy.md).
    database.pragma('secure_delete = ON');
  } catch (error) {
    database?.close();
    throw unavailable({ dialect: 'sqlite', path, display }, error) ?? error;
  }
  const target = { dialect: 'sqlite', path, display } as const;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingInserts(faultNaming(database, (error) => unavailable(target, error) ?? error)) }),
  });
  const opened = path === ':memory:' ? undefined : statSync(path);
  return {
    db,
    dialect: 'sqlite',
    ...(opened && { file: { path, dev: opened.dev, ino: opened.ino } }),
    close: () => db.destroy(),
  };
}

/** The little of better-sqlite3's Database that Kysely's SqliteDialect uses. */
interface PreparingDatabase<S> {
  prepare(text: string): S;
  close(): void;
}

/** The little of a better-sqlite3 Statement that Kysely's SqliteConnection uses. */
interface KyselyStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
}

/** A `rollback` with no transaction open: SQLite already rolled it back itself (SQLITE_FULL, SQLITE_IOERR…). */
const NOTHING_TO_ROLL_BACK: KyselyStatement = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/**
 * Two things Kysely's SqliteDialect gets wrong on a failing disk. On
 * SQLITE_FULL and some I/O errors SQLite rolls the transaction back itself;
 * Kysely then sends `rollback`, which fails with "cannot rollback - no
 * transaction is active", and that error replaces the real one: here that
 * `rollback` does nothing, so the real cause surfaces. And a driver error
 * that means the file cannot serve (full, failing, corrupt, a table gone) is
 * turned by `named` into a one-line BackendUnavailable naming the file (a
 * `ReadDbDamaged` when rebuilding it would repair it).
 */
function faultNaming(
  database: PreparingDatabase<KyselyStatement> & { readonly inTransaction: boolean },
  named: (error: unknown) => unknown,
): PreparingDatabase<KyselyStatement> {
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw named(error);
    }
  };
  return {
    prepare(text) {
      if (text === 'rollback' && !database.inTransaction) return NOTHING_TO_ROLL_BACK;
      const statement = guard(() => database.prepare(text));
      return {
        reader: statement.reader,
        all: (parameters) => guard(() => statement.all(parameters)),
        run: (parameters) => guard(() => statement.run(parameters)),
        iterate: (parameters) => guard(() => statement.iterate(parameters)),
      };
    },
    close: () => database.close(),
  };
}

const MAX_CACHED_STATEMENTS = 64;

/**
 * Kysely prepares every statement it runs; a multi-row INSERT of 500 rows
 * holds thousands of placeholders, and a rebuild runs thousands of them with
 * the same few texts (upsert.ts). INSERT statements are kept prepared, by
 * text: they are only ever run to completion (Kysely iterates a statement
 * only when it streams a SELECT), so sharing one is safe.
 */
function cachingInserts<S>(database: PreparingDatabase<S>): PreparingDatabase<S> {
  const statements = new Map<string, S>();
  return {
    prepare(text) {
      if (!text.startsWith('insert ')) return database.prepare(text);
      let statement = statements.get(text);
      if (statement === undefined) {
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}

/** The file and its folder are created private (0600 / 0700); SQLite gives the -wal and -shm files the file's mode. */
function createPrivateFile(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
}

async function openMysql(target: Extract<ReadDbTarget, { dialect: 'mysql' }>): Promise<ReadDb> {
  const [{ Kysely, MysqlDialect }, { createPool }] = await Promise.all([import('kysely'), import('mysql2')]);
  const pool = createPool({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectionLimit: 4,
    charset: 'utf8mb4',
    timezone: 'Z',
    // Exact values back: dates as the strings stored, BIGINT as numbers while they are safe integers.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: damageNaming(pool, target) }) });
  return { db, dialect: 'mysql', close: () => db.destroy() };
}

/** A table or a column the read tables need, gone (`drop table clients`): a rebuild of the tables brings it back. */
const MYSQL_DAMAGED = new Set(['ER_NO_SUCH_TABLE', 'ER_BAD_FIELD_ERROR']);

/**
 * MySQL's counterpart of `faultNaming`: an error that says a read table or one
 * of its columns is gone becomes a `ReadDbDamaged` (the CLI rebuilds the
 * tables from the log, as it does a damaged SQLite file); any other error
 * passes as it is.
 */
function damageNaming(pool: MysqlPool, target: Extract<ReadDbTarget, { dialect: 'mysql' }>): MysqlPool {
  const named = (error: unknown): unknown => {
    const code = errorCode(error);
    if (code === undefined || !MYSQL_DAMAGED.has(code)) return error;
    const detail = error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : code;
    return new ReadDbDamaged(msg('readDb.unavailable', { display: target.display, problem: null, detail }), null, { cause: error });
  };
  // One wrapper per pooled connection: Kysely keeps its connection objects by the pool's, so they stay the same ones.
  const wrappers = new WeakMap<MysqlPoolConnection, MysqlPoolConnection>();
  const wrap = (connection: MysqlPoolConnection): MysqlPoolConnection => {
    let wrapper = wrappers.get(connection);
    if (wrapper === undefined) {
      wrapper = {
        query: ((sql: string, parameters: unknown[], callback?: (error: unknown, result: never) => void) => {
          if (callback === undefined) return connection.query(sql, parameters);
          connection.query(sql, parameters, (error, result) => callback(error ? named(error) : error, result as never));
        }) as MysqlPoolConnection['query'],
        release: () => connection.release(),
      };
      wrappers.set(connection, wrapper);
    }
    return wrapper;
  };
  return {
    getConnection: (callback) => pool.getConnection((error, connection) => callback(error, error ? connection : wrap(connection))),
    end: (callback) => pool.end(callback),
  };
}

async function migrate(readDb: ReadDb): Promise<void> {
  const [{ Migrator, DEFAULT_MIGRATION_TABLE }, { migrationProvider, MIGRATION_NAMES }] = await Promise.all([
    import('kysely'),
    import('../migrations/index.js'),
  ]);
  // Every command opens the read database: one indexed read says whether the schema is already
  // current, where the Migrator introspects the schema and takes its lock (tens of ms a launch).
  // The migrations' modules load only past this point.
  if (await isCurrent(readDb, DEFAULT_MIGRATION_TABLE, MIGRATION_NAMES)) return;
  const provider = migrationProvider(readDb.dialect);
  const migrator = new Migrator({ db: readDb.db, provider });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

/**
 * True when the last migration the code knows is recorded as run. Migration
 * names sort in the order they run (migrations/index.ts), so that one row
 * means all of them ran. Any doubt (no table yet, a failed read) says no, and
 * the Migrator decides with its lock.
 */
async function isCurrent(readDb: ReadDb, table: string, names: readonly string[]): Promise<boolean> {
  const latest = [...names].sort().at(-1);
  if (latest === undefined) return true;
  const { sql } = await import('kysely');
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(table)} where name = ${latest}`.execute(readDb.db);
    return rows.length === 1;
  } catch {
    return false; // most often: the table does not exist yet (a new database); the Migrator creates it
  }
}

const MYSQL_UNAVAILABLE: Readonly<Record<string, ReadDbProblem>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'unknownHost',
  EAI_AGAIN: 'lookupFailed',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'networkUnreachable',
  PROTOCOL_CONNECTION_LOST: 'lost',
  PROTOCOL_SEQUENCE_TIMEOUT: 'noAnswer',
  ER_ACCESS_DENIED_ERROR: 'credentials',
  ER_DBACCESS_DENIED_ERROR: 'databaseDenied',
  ER_BAD_DB_ERROR: 'noDatabase',
  ER_CON_COUNT_ERROR: 'tooManyConnections',
  ER_HOST_IS_BLOCKED: 'hostBlocked',
  ER_HOST_NOT_PRIVILEGED: 'hostNotAllowed',
  ER_SERVER_SHUTDOWN: 'shuttingDown',
  ER_LOCK_WAIT_TIMEOUT: 'lockWait',
};

const SQLITE_UNAVAILABLE = /^SQLITE_(CANTOPEN|BUSY|LOCKED|READONLY|PERM|AUTH|NOTADB|CORRUPT|IOERR|FULL)/;
/** A file SQLite cannot read as a database: rebuilt from the log when it is the read database. */
const SQLITE_DAMAGED = /^SQLITE_(NOTADB|CORRUPT)/;
/** A table the migrations created, gone (`drop table clients`): only a rebuild brings it back. */
const MISSING_TABLE = /^no such (table|column)\b/;

function damaged(target: Extract<ReadDbTarget, { dialect: 'sqlite' }>, error: unknown, detail: string): ReadDbDamaged {
  return new ReadDbDamaged(
    msg('readDb.unavailable', { display: target.display, problem: null, detail: detail.replace(/\s*\n\s*/g, ' ') }),
    target.path,
    { cause: error },
  );
}

/** What creating the file or its folder can meet. */
const FILE_UNAVAILABLE = new Set(['EACCES', 'EPERM', 'EEXIST', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC', 'ENOENT', 'ELOOP', 'ENAMETOOLONG']);

/**
 * The `BackendUnavailable` an error means, or undefined when it is something
 * else (a bug). A MySQL failure is named; a SQLite or file one keeps the
 * driver's own words (its detail), on one line.
 */
function unavailable(target: ReadDbTarget, error: unknown): BackendUnavailable | undefined {
  const code = errorCode(error);
  let problem: ReadDbProblem | undefined;
  let detail: string | undefined;
  if (target.dialect === 'mysql') {
    // mysql2's "Can't add new command when connection is in closed state" has no code: a dropped connection, reused.
    const lost = code === undefined && (error as { fatal?: unknown } | null)?.fatal === true ? 'PROTOCOL_CONNECTION_LOST' : code;
    problem = lost === undefined ? undefined : MYSQL_UNAVAILABLE[lost];
  } else if (code !== undefined && (SQLITE_UNAVAILABLE.test(code) || FILE_UNAVAILABLE.has(code))) {
    detail = error instanceof Error ? error.message : code;
    if (SQLITE_DAMAGED.test(code)) return damaged(target, error, detail);
  } else if (code === 'SQLITE_ERROR' && error instanceof Error && MISSING_TABLE.test(error.message)) {
    return damaged(target, error, error.message);
  } else if (error instanceof TypeError && /directory does not exist/.test(error.message)) {
    detail = error.message;
  }
  if (problem === undefined && detail === undefined) return undefined;
  return new BackendUnavailable(
    msg('readDb.unavailable', { display: target.display, problem: problem ?? null, detail: detail?.replace(/\s*\n\s*/g, ' ') ?? null }),
    { cause: error },
  );
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return undefined;
}
