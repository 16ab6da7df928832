import { loadConfig } from '../config/config.js';
import { FS_PROBLEMS, isStorageFault } from '../config/fs-problems.js';
import type { CommandOutcome } from '../domain/command-log.js';
import { BackendUnavailable, EpicError, ExitCode, InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { words } from '../i18n/translator.js';
import { createMonitor, DISABLED_MONITOR, type Monitor } from '../monitoring/monitor.js';
import { terminalSafe } from '../terminal-text.js';
import type { EpicContext } from './context.js';
import { t } from './say.js';
import { usageErrorOf } from './usage-error.js';

/** Driver errors that mean "the backend is not there", whichever driver raised them. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
  'ER_ACCESS_DENIED_ERROR',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

/** How the command log records a failed attempt (a cancelled one is not recorded at all: see `isCancelled`). */
export function outcomeOf(error: unknown): CommandOutcome {
  const known = classify(error);
  return known === undefined || known.outcome === 'cancelled' ? 'failed' : known.outcome;
}

/** Maps any thrown value onto the error it means for the user. */
export function classify(error: unknown): EpicError | undefined {
  if (error instanceof EpicError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code))
    return new BackendUnavailable(msg('cli.backendUnavailable', { code }), { cause: error });
  // mysql2's "Can't add new command when connection is in closed state": a connection the server dropped, used again.
  // It has no code, only `fatal`; wherever it surfaces (the read tables, the log, the key store, a close), the server went away.
  if (code === undefined && (error as { fatal?: unknown } | null)?.fatal === true)
    return new BackendUnavailable(msg('cli.backendUnavailable', { code: 'PROTOCOL_CONNECTION_LOST' }), { cause: error });
  return fileSystemFault(error) ?? sqliteFault(error) ?? usageErrorOf(error);
}

/**
 * A file-system call that met the environment (a full or read-only disk, a
 * folder where a file should be, no permission) is no bug: one line naming
 * the path, exit 7 for the storage, 2 for the configuration.
 */
function fileSystemFault(error: unknown): EpicError | undefined {
  const { code, syscall, path } = (error ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined;
  const problem = FS_PROBLEMS[code];
  if (problem === undefined) return undefined;
  const text = msg('faults.fs.failed', { path: typeof path === 'string' ? path : null, problem, code });
  return isStorageFault(problem) ? new BackendUnavailable(text, { cause: error }) : new InvalidInput(text, { cause: error });
}

/** SQLite codes that mean the database file cannot serve (full, failing, corrupt, read-only), wherever they surfaced. */
const SQLITE_FAULT = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN|PERM)/;

function sqliteFault(error: unknown): EpicError | undefined {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (name !== 'SqliteError' || typeof code !== 'string' || !SQLITE_FAULT.test(code)) return undefined;
  return new BackendUnavailable(msg('faults.sqlite.failed', { code, detail: typeof message === 'string' ? message : code }), {
    cause: error,
  });
}

/**
 * Prints the one-line `error: <message>` of the CLI contract on stderr and
 * returns the exit code. A stack trace only with EPIC_DEBUG=1. An internal
 * error (exit 1) says where to look: the stack trace, and the monitoring
 * event when one was reported (`eventId`). Never throws, whatever was thrown.
 */
export function reportError(context: Pick<EpicContext, 'stderr' | 'env'>, error: unknown, eventId?: string): ExitCode {
  const debug = context.env.EPIC_DEBUG === '1';
  try {
    const known = classify(error);
    if (known) {
      // A cancellation is no error: the one word the contract gives it.
      context.stderr.write(
        known.outcome === 'cancelled' ? `${firstLine(words(known.text))}\n` : `error: ${firstLine(words(known.text))}\n`,
      );
      if (debug && known.stack) context.stderr.write(`${known.stack}\n`);
      return known.exitCode;
    }
    const detail = firstLine(describe(error));
    context.stderr.write(
      `error: ${eventId === undefined ? t('cli.internalError', { detail }) : t('cli.internalErrorReported', { detail, eventId })}\n`,
    );
    if (debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
  } catch (failure) {
    // The reporter itself failed (a value whose message cannot be read, a closed stderr):
    // one fixed line if stderr still takes it; the exit code says the rest.
    writeQuietly(
      context,
      `error: internal error (and reporting it failed: ${failure instanceof Error ? firstLine(failure.message) : 'unknown'})\n`,
    );
  }
  return ExitCode.internal;
}

/**
 * `reportError` for a command's failure: an unexpected one is first sent to
 * the monitor (when on), so the line can name its event.
 */
export async function reportFailure(context: Pick<EpicContext, 'stderr' | 'env'>, error: unknown, monitor: Monitor): Promise<ExitCode> {
  const eventId = isExpected(error) ? undefined : await monitor.captureInternalError(error);
  return reportError(context, error, eventId);
}

/**
 * For an error that escaped every command (a rejection nobody awaited, a
 * throw in a callback, a bug before any command ran): the one line, exit 1,
 * and the monitor when it is configured. Never rejects.
 */
export async function reportEscaped(context: Pick<EpicContext, 'stderr' | 'env' | 'cwd'>, error: unknown): Promise<ExitCode> {
  let monitor: Monitor = DISABLED_MONITOR;
  try {
    monitor = createMonitor(loadConfig(context.env, context.cwd), context.stderr);
  } catch {
    // The configuration itself is unreadable: report without a monitor rather than not at all.
  }
  const code = await reportFailure(context, error, monitor);
  await monitor.flush();
  return code;
}

function isExpected(error: unknown): boolean {
  try {
    return classify(error) !== undefined;
  } catch {
    return false; // unreadable: certainly not one of ours
  }
}

/** The message of anything thrown, even a value that cannot be turned into a string. */
function describe(error: unknown): string {
  if (error instanceof Error) return typeof error.message === 'string' && error.message !== '' ? error.message : error.name;
  try {
    return String(error);
  } catch {
    return `a thrown ${typeof error} without a message`;
  }
}

function writeQuietly(context: Pick<EpicContext, 'stderr'>, line: string): void {
  try {
    context.stderr.write(line);
  } catch {
    // stderr is gone: nothing is left to tell the user with; the exit code still does.
  }
}

/** Longer lines are cut: a message that quotes a 100 KB argument back is not one line a user can read. */
export const MAX_ERROR_LINE = 300;

export function firstLine(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'unknown error';
  // Control characters from user input never reach the terminal raw (src/terminal-text.ts).
  const safe = terminalSafe(line, '?');
  if (safe.length <= MAX_ERROR_LINE) return safe;
  // Cut on a code point boundary, never between the halves of a surrogate pair.
  return `${safe.slice(0, MAX_ERROR_LINE).replace(/[\ud800-\udbff]$/, '')}…`;
}
