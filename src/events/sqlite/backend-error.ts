import Database from 'better-sqlite3';
import { BackendUnavailable } from '../../errors.js';

/** Where a SQLite failure happened, so the message names the file and the wait that ran out. */
export interface SqliteContext {
  /** What the user calls it: "event store", "credential store". */
  readonly label: string;
  readonly path: string;
  readonly busyTimeoutMs: number;
}

/**
 * Turns the SQLite failures that mean "the backend cannot serve us right now"
 * (locked past the busy timeout, unopenable, read-only, disk full or failing,
 * not a database) into a one-line BackendUnavailable (exit 7). Anything else
 * (a constraint we did not expect, a bug) is returned unchanged so it stays loud.
 */
export function toBackendError(error: unknown, context: SqliteContext): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const message = describe(error.code, context);
  return message === undefined ? error : new BackendUnavailable(message, { cause: error });
}

function describe(code: string, { label, path, busyTimeoutMs }: SqliteContext): string | undefined {
  const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  switch (base) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return code === base
        ? `${label} is busy: another process held ${path} locked for more than ${busyTimeoutMs} ms`
        : `${label} at ${path} is busy (${code}); try again`;
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return `cannot open ${label} at ${path}`;
    case 'SQLITE_READONLY':
      return `${label} at ${path} is read-only`;
    case 'SQLITE_FULL':
      return `${label} at ${path}: the disk is full`;
    case 'SQLITE_IOERR':
      return `${label} at ${path}: disk I/O error (${code})`;
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `${label} at ${path} is not a valid SQLite database (${code})`;
    default:
      return undefined;
  }
}

/** An fs error met while creating the database file, as a one-line BackendUnavailable. */
export function fileOpenError(error: unknown, context: SqliteContext): BackendUnavailable {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
  };
  const reason = (code !== undefined ? reasons[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
  return new BackendUnavailable(`cannot open ${context.label} at ${context.path}: ${reason}`, { cause: error });
}
