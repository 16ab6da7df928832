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

const USAGE = 'the MySQL URL must look like mysql://user:pass@host:port/db';

/**
 * Parses `mysql://user:pass@host:port/db`. User, password and database are
 * percent-decoded (a password holding `@`, `:` or `/` is written `%40`, `%3A`,
 * `%2F`); the port defaults to 3306 and the user to root. Every error message
 * is built from the parts it names, never from the URL, so it cannot carry the
 * password.
 */
export function parseMysqlUrl(url: string): MysqlTarget {
  if (!/^mysql:\/\//i.test(url)) throw new InvalidInput(USAGE);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) throw new InvalidInput(`${USAGE} (this one cannot be parsed)`);
    throw error;
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new InvalidInput(`${USAGE} (without ?parameters or #fragment)`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new InvalidInput(`${USAGE} (the host is missing)`);
  const port = parsed.port === '' ? DEFAULT_MYSQL_PORT : Number(parsed.port);
  const user = decode(parsed.username, 'user') || 'root';
  const password = decode(parsed.password, 'password');
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database');
  if (database === '' || database.includes('/')) throw new InvalidInput(`${USAGE} (name one database after the host)`);
  return {
    host,
    port,
    user,
    password,
    database,
    display: `mysql://${encodeURIComponent(user)}@${parsed.host}${parsed.port === '' ? `:${port}` : ''}/${encodeURIComponent(database)}`,
  };
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch (error) {
    // Only the part's name: the part itself may be the password.
    if (error instanceof URIError) throw new InvalidInput(`${USAGE} (the ${what} has a malformed %-escape)`);
    throw error;
  }
}
