import { BackendUnavailable, EpicError, ExitCode, InvalidInput } from '../errors.js';
import type { EpicContext } from './context.js';

/** Driver errors that mean "the backend is not there", whichever driver raised them. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ER_ACCESS_DENIED_ERROR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN']);

/** Maps any thrown value onto the error it means for the user. */
export function classify(error: unknown): EpicError | undefined {
  if (error instanceof EpicError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return new BackendUnavailable(`backend unavailable (${code})`, { cause: error });
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'UsageError' || name === 'UnknownSyntaxError' || name === 'AmbiguousSyntaxError') {
    return new InvalidInput(firstLine(String((error as Error).message)), { cause: error });
  }
  return undefined;
}

/**
 * Prints the one-line `error: <message>` of the CLI contract on stderr and
 * returns the exit code. A stack trace only with EPIC_DEBUG=1.
 */
export function reportError(context: Pick<EpicContext, 'stderr' | 'env'>, error: unknown): ExitCode {
  const known = classify(error);
  const debug = context.env.EPIC_DEBUG === '1';
  if (known) {
    context.stderr.write(`error: ${firstLine(known.message)}\n`);
    if (debug && known.stack) context.stderr.write(`${known.stack}\n`);
    return known.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`error: internal error: ${firstLine(message)} (a bug: rerun with EPIC_DEBUG=1 for the stack trace and report it)\n`);
  if (debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
  return ExitCode.internal;
}

export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? 'unknown error';
  // Control characters from user input never reach the terminal raw.
  return line.replace(/[\u0000-\u001f\u007f]/g, '?');
}
