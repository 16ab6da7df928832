import { InvalidInput } from '../errors.js';

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

/** How a message says what a MySQL URL must look like; a caller with more choices says so in its own words. */
const MYSQL_URL_USAGE = 'the MySQL URL must look like mysql://user:pass@host:port/db';

/**
 * Parses `mysql://user:pass@host:port/db`. User, password and database are
 * percent-decoded (a password holding `@`, `:` or `/` is written `%40`, `%3A`,
 * `%2F`); the port defaults to 3306 and the user to root. Every error message
 * is built from the parts it names, never from the URL, so it cannot carry the
 * password. `usage` opens every message (the event store and the read
 * database each name their own variable's forms).
 */
export function parseMysqlUrl(url: string, usage: string = MYSQL_URL_USAGE): MysqlTarget {
  if (!/^mysql:\/\//i.test(url)) throw new InvalidInput(usage);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) throw new InvalidInput(`${usage} (this one cannot be parsed)`);
    throw error;
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new InvalidInput(`${usage} (without ?parameters or #fragment)`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new InvalidInput(`${usage} (the host is missing)`);
  const port = parsed.port === '' ? DEFAULT_MYSQL_PORT : Number(parsed.port);
  const user = decode(parsed.username, 'user', usage) || 'root';
  const password = decode(parsed.password, 'password', usage);
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database', usage);
  if (database === '' || database.includes('/')) throw new InvalidInput(`${usage} (name one database after the host)`);
  return {
    host,
    port,
    user,
    password,
    database,
    display: `mysql://${encodeURIComponent(user)}@${parsed.host}${parsed.port === '' ? `:${port}` : ''}/${encodeURIComponent(database)}`,
  };
}

function decode(part: string, what: string, usage: string): string {
  try {
    return decodeURIComponent(part);
  } catch (error) {
    // Only the part's name: the part itself may be the password.
    if (error instanceof URIError) throw new InvalidInput(`${usage} (the ${what} has a malformed %-escape)`);
    throw error;
  }
}
