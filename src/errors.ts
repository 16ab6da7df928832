import { describeMessage, type Message } from './i18n/message.js';

/**
 * Every failure a user can meet is one of these; each carries the exit code of
 * the CLI contract (docs/cli.md, "Exit codes"). Anything else that escapes
 * a command is a bug and exits 1.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  invalid: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  conflict: 6,
  unavailable: 7,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class EpicError extends Error {
  abstract readonly exitCode: ExitCode;
  /** How the command log classifies this failure; `cancelled` is never recorded (the user changed their mind). */
  abstract readonly outcome: 'rejected' | 'denied' | 'failed' | 'cancelled';
  /**
   * What the user reads, before it is put into words (src/i18n): the CLI
   * renders it in the reader's language. `message` keeps a language-free form
   * for developers (stack traces, the monitor).
   */
  readonly text: Message | string;
  constructor(text: Message | string, options?: { cause?: unknown }) {
    super(typeof text === 'string' ? text : describeMessage(text), options);
    this.name = new.target.name;
    this.text = text;
  }
}

/** Malformed input or usage: exit 2. */
export class InvalidInput extends EpicError {
  readonly exitCode = ExitCode.invalid;
  readonly outcome = 'rejected';
}

/**
 * A global position this log does not have (EventStoreDB: an offset that is
 * not the start of a record): exit 2. A checkpoint at one means the log is not
 * the one the read tables saw (projector.ts rebuilds them).
 */
export class PositionNotInLog extends InvalidInput {}

/** A business rule refused the command (event on an unsigned contract...): exit 2. */
export class RuleViolation extends EpicError {
  readonly exitCode = ExitCode.invalid;
  readonly outcome = 'rejected';
}

/** No session, or an expired, invalid or revoked token, or an unknown user: exit 3. */
export class NotAuthenticated extends EpicError {
  readonly exitCode = ExitCode.unauthenticated;
  readonly outcome = 'denied';
}

/** Authenticated, but the policy does not allow it: exit 4. */
export class Forbidden extends EpicError {
  readonly exitCode = ExitCode.forbidden;
  readonly outcome = 'denied';
}

export class NotFound extends EpicError {
  readonly exitCode = ExitCode.notFound;
  readonly outcome = 'rejected';
}

/**
 * A record outside what the actor may view: answered exactly as one that
 * does not exist (exit 5, the same words), recorded in the command log as
 * denied, so that probing ids shows in `epic log --denied`.
 */
export class OutOfScope extends EpicError {
  readonly exitCode = ExitCode.notFound;
  readonly outcome = 'denied';
}

/** A concurrent change that could not be reconciled, or a duplicate: exit 6. */
export class Conflict extends EpicError {
  readonly exitCode = ExitCode.conflict;
  readonly outcome = 'rejected';
}

/** The event store or the read database is down or timed out: exit 7. */
export class BackendUnavailable extends EpicError {
  readonly exitCode = ExitCode.unavailable;
  readonly outcome = 'failed';
}

/**
 * The read database cannot be read as it is (SQLite: corrupt pages, a table
 * dropped; MySQL: a read table dropped or altered): exit 7 unless the CLI
 * repairs it, which it may, since the read tables are derived from the log
 * and can always be rebuilt.
 */
export class ReadDbDamaged extends BackendUnavailable {
  constructor(
    text: Message | string,
    /** The SQLite file that is damaged; null for a MySQL database, whose tables are rebuilt in place. */
    readonly path: string | null,
    options?: { cause?: unknown },
  ) {
    super(text, options);
  }
}

/**
 * The user cancelled at a prompt (Ctrl-C, Ctrl-D) or answered no to a
 * confirmation: exit 130, and nothing is recorded in the command log, since
 * nothing was attempted.
 */
export class Cancelled extends EpicError {
  readonly exitCode = ExitCode.cancelled;
  readonly outcome = 'cancelled';
}

export function isCancelled(error: unknown): error is Cancelled {
  return error instanceof Cancelled;
}
