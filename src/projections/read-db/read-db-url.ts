import { InvalidInput } from '../../errors.js';

/** Where the read database lives, parsed from `EPIC_READ_DB`. */
export type ReadDbTarget =
  | { readonly dialect: 'sqlite'; readonly path: string; readonly display: string }
  | {
      readonly dialect: 'mysql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string;
      readonly database: string;
      /** The URL without its password, for messages. */
      readonly display: string;
    };

const USAGE = 'the read database URL must be sqlite:<path> or mysql://user:pass@host:port/db';

/**
 * `sqlite:<path>` (`sqlite::memory:` for a private in-memory database,
 * `sqlite:///abs/path` also accepted) or `mysql://user:pass@host:port/db`
 * (user and password percent-encoded). Never echoes the password.
 */
export function parseReadDbUrl(url: string): ReadDbTarget {
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '') throw new InvalidInput(`${USAGE} (the sqlite path is empty)`);
    return { dialect: 'sqlite', path, display: `sqlite:${path}` };
  }
  if (url.startsWith('mysql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (error) {
      if (error instanceof TypeError) throw new InvalidInput(`${USAGE} (got an unparsable mysql URL)`);
      throw error;
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!parsed.hostname || !database || database.includes('/'))
      throw new InvalidInput(`${USAGE} (the mysql URL needs a host and a database)`);
    const port = parsed.port === '' ? 3306 : Number(parsed.port);
    const user = decodeURIComponent(parsed.username) || 'root';
    return {
      dialect: 'mysql',
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      user,
      password: decodeURIComponent(parsed.password),
      database,
      display: `mysql://${encodeURIComponent(user)}@${parsed.host}/${encodeURIComponent(database)}`,
    };
  }
  throw new InvalidInput(USAGE);
}
