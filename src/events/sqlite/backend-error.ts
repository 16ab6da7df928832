import Database from 'better-sqlite3';
import { BackendUnavailable } from '../../errors.js';
import { type Message, msg } from '../../i18n/message.js';
import type { StoreFileProblem, StoreLabel } from '../store-problems.js';

/** Where a SQLite failure happened, so the message names the file and the wait that ran out. */
export interface SqliteContext {
  /** Which store the file is. */
  readonly label: StoreLabel;
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

function describe(code: string, { label, path, busyTimeoutMs }: SqliteContext): Message | undefined {
  const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  switch (base) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return code === base
        ? msg('store.sqlite.busy', { label, path, ms: busyTimeoutMs })
        : msg('store.sqlite.busyCode', { label, path, code });
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return msg('store.sqlite.cannotOpen', { label, path });
    case 'SQLITE_READONLY':
      return msg('store.sqlite.readOnly', { label, path });
    case 'SQLITE_FULL':
      return msg('store.sqlite.full', { label, path });
    case 'SQLITE_IOERR':
      return msg('store.sqlite.ioError', { label, path, code });
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return msg('store.sqlite.notADatabase', { label, path, code });
    default:
      return undefined;
  }
}

const FILE_PROBLEMS: Readonly<Record<string, StoreFileProblem>> = {
  ENOENT: 'noFolder',
  ENOTDIR: 'notFolder',
  EISDIR: 'isFolder',
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'readOnlyFileSystem',
};

/** An fs error met while creating the database file, as a one-line BackendUnavailable. */
export function fileOpenError(error: unknown, context: SqliteContext): BackendUnavailable {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = (code !== undefined ? FILE_PROBLEMS[code] : undefined) ?? null;
  // Not a problem we name: the system's own words (not ours to translate).
  const detail = problem === null ? (error instanceof Error ? error.message : String(error)) : null;
  return new BackendUnavailable(msg('store.sqlite.fileOpen', { label: context.label, path: context.path, problem, detail }), {
    cause: error,
  });
}
