import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BackendUnavailable } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { StoreLabel } from '../store-problems.js';
import { fileOpenError, type SqliteContext, toBackendError } from './backend-error.js';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface SqliteDatabaseOptions {
  /** Which store the file is, for error messages. */
  readonly label: StoreLabel;
  /**
   * FULL (default) syncs the WAL on every commit: a committed event survives a
   * power cut. NORMAL syncs at checkpoints only: still consistent, but the last
   * commits can be lost on power failure (not on a process crash).
   */
  readonly synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's write lock before giving up; default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** The file mode of our database files: they hold the whole history and the password hashes. */
const PRIVATE_MODE = 0o600;

/**
 * Opens (creating if absent) a SQLite file in WAL mode with the given durability,
 * readable by its owner only. The file is created 0600 *before* SQLite opens it,
 * so there is no window where it is world-readable; SQLite then gives the -wal
 * and -shm files the main file's mode, and we chmod them too for good measure.
 * `:memory:` is accepted for throwaway stores (no WAL, no file).
 */
export function openSqliteDatabase(path: string, options: SqliteDatabaseOptions): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const context: SqliteContext = { label: options.label, path, busyTimeoutMs };
  const inMemory = path === ':memory:';
  const created = !inMemory && createPrivateFile(path, context);

  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw toBackendError(error, context);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    // Switching to WAL needs an exclusive lock; skip it when the file is already
    // in WAL (the mode is persistent), so concurrent openers do not contend.
    if (!inMemory && db.pragma('journal_mode', { simple: true }) !== 'wal') {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new BackendUnavailable(msg('store.sqlite.noWal', { label: options.label, path }));
    }
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    if (created) {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        if (existsSync(file)) chmodSync(file, PRIVATE_MODE);
      }
    }
    return db;
  } catch (error) {
    db.close();
    throw toBackendError(error, context);
  }
}

/** Creates the file with mode 0600 if it does not exist; true when it did not. */
function createPrivateFile(path: string, context: SqliteContext): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fileOpenError(error, context);
  }
  closeSync(fd);
  // The umask may have cleared bits we asked for, never added any; chmod makes it exact.
  chmodSync(path, PRIVATE_MODE);
  return true;
}
