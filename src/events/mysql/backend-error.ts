import { BackendUnavailable } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { MysqlProblem, StoreLabel } from '../store-problems.js';

/** Where a MySQL failure happened, so the message names the server and the wait that ran out. */
export interface MysqlContext {
  /** Which store it is. */
  readonly label: StoreLabel;
  /** The URL without its password (MysqlTarget.display). */
  readonly display: string;
  readonly user: string;
  readonly database: string;
  readonly connectTimeoutMs: number;
  readonly lockWaitTimeoutSeconds: number;
}

/** The fields mysql2 puts on its errors: a driver or server code, the server's error number. */
export interface MysqlDriverError extends Error {
  readonly code?: string;
  readonly errno?: number;
  readonly sqlMessage?: string;
  /** True when the connection is unusable after this error. */
  readonly fatal?: boolean;
}

export function isMysqlDriverError(error: unknown): error is MysqlDriverError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Turns the MySQL failures that mean "the backend cannot serve us right now"
 * (refused or lost connections, unknown hosts, timeouts, refused credentials,
 * a missing database, a lock held too long, a read-only or full server) into a
 * one-line BackendUnavailable (exit 7). The message is built here from the
 * context, never from the driver's text or the URL, so it cannot carry the
 * password. Anything else (a constraint we did not expect, a bug) is returned
 * unchanged so it stays loud.
 */
export function toBackendError(error: unknown, context: MysqlContext): unknown {
  const code = errorCode(error);
  if (code === undefined) return error;
  const problem = describe(code);
  if (problem === undefined) return error;
  const { label, display, user, database, connectTimeoutMs, lockWaitTimeoutSeconds } = context;
  return new BackendUnavailable(
    msg('store.mysql.unavailable', { label, display, problem, user, database, connectTimeoutMs, lockWaitTimeoutSeconds }),
    { cause: error },
  );
}

/** Server errors mysql2 has no name for (MariaDB's own numbers). */
const UNNAMED_ERRNOS: Readonly<Record<number, string>> = { 1927: 'ER_CONNECTION_KILLED' };

/**
 * The error's code. A connection to a name with several addresses fails with
 * an AggregateError of per-address errors: the first one names the cause.
 */
function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) return errorCode((error.errors as unknown[])[0]);
  if (!(error instanceof Error)) return undefined;
  const { code, errno, fatal } = error as { code?: unknown; errno?: unknown; fatal?: unknown };
  if (typeof code === 'string') return code;
  if (typeof errno === 'number') return UNNAMED_ERRNOS[errno];
  // mysql2's "Can't add new command when connection is in closed state": a connection the server dropped, reused.
  return fatal === true ? 'PROTOCOL_CONNECTION_LOST' : undefined;
}

function describe(code: string): MysqlProblem | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return 'unknownHost';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return 'unreachable';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'PROTOCOL_CONNECTION_LOST':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
    case 'ER_SERVER_SHUTDOWN':
    case 'ER_CONNECTION_KILLED':
    case 'ER_CLIENT_INTERACTION_TIMEOUT':
      return 'lost';
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return 'credentials';
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
      return 'privileges';
    case 'ER_HOST_NOT_PRIVILEGED':
    case 'ER_HOST_IS_BLOCKED':
      return 'hostRefused';
    case 'ER_BAD_DB_ERROR':
      return 'noDatabase';
    case 'ER_CON_COUNT_ERROR':
    case 'ER_TOO_MANY_USER_CONNECTIONS':
    case 'ER_USER_LIMIT_REACHED':
      return 'tooManyConnections';
    case 'ER_LOCK_WAIT_TIMEOUT':
      return 'lockWait';
    case 'ER_LOCK_DEADLOCK':
      return 'deadlock';
    case 'ER_OPTION_PREVENTS_STATEMENT':
    case 'ER_READ_ONLY_MODE':
      return 'readOnly';
    case 'ER_RECORD_FILE_FULL':
    case 'ER_DISK_FULL':
      return 'full';
    default:
      return undefined;
  }
}
