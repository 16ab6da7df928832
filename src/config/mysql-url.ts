import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { UrlPart, UrlProblem, UrlUsage } from './config-problems.js';

/** Where a MySQL event store lives, parsed from `mysql://user:pass@host:port/db`. */
export interface MysqlTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** The URL without its password: the only form that may appear in a message. */
  readonly display: string;
}

export const DEFAULT_MYSQL_PORT = 3306;

function invalidUrl(usage: UrlUsage, problem?: UrlProblem, part?: UrlPart): InvalidInput {
  return new InvalidInput(
    msg('config.url.invalid', { usage, ...(problem !== undefined && { problem }), ...(part !== undefined && { part }) }),
  );
}

/**
 * Parses `mysql://user:pass@host:port/db`. User, password and database are
 * percent-decoded (a password holding `@`, `:` or `/` is written `%40`, `%3A`,
 * `%2F`); the port defaults to 3306 and the user to root. Every error message
 * is built from the parts it names, never from the URL, so it cannot carry the
 * password. `usage` opens every message (the event store and the read
 * database each name their own variable's forms).
 */
export function parseMysqlUrl(url: string, usage: UrlUsage = 'mysql'): MysqlTarget {
  if (!/^mysql:\/\//i.test(url)) throw invalidUrl(usage);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) throw invalidUrl(usage, 'unparsable');
    throw error;
  }
  if (parsed.search !== '' || parsed.hash !== '') throw invalidUrl(usage, 'parameters');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw invalidUrl(usage, 'noHost');
  const port = parsed.port === '' ? DEFAULT_MYSQL_PORT : Number(parsed.port);
  const user = decode(parsed.username, 'user', usage) || 'root';
  const password = decode(parsed.password, 'password', usage);
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database', usage);
  if (database === '' || database.includes('/')) throw invalidUrl(usage, 'noDatabase');
  return {
    host,
    port,
    user,
    password,
    database,
    display: `mysql://${encodeURIComponent(user)}@${parsed.host}${parsed.port === '' ? `:${port}` : ''}/${encodeURIComponent(database)}`,
  };
}

function decode(part: string, what: UrlPart, usage: UrlUsage): string {
  try {
    return decodeURIComponent(part);
  } catch (error) {
    // Only the part's name: the part itself may be the password.
    if (error instanceof URIError) throw invalidUrl(usage, 'badEscape', what);
    throw error;
  }
}
