import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { type MysqlTarget, parseMysqlUrl } from './mysql-url.js';

/** Where the read database lives, parsed from `EPIC_READ_DB`. */
export type ReadDbTarget =
  | { readonly dialect: 'sqlite'; readonly path: string; readonly display: string }
  | ({ readonly dialect: 'mysql' } & MysqlTarget);

/**
 * `sqlite:<path>` (`sqlite::memory:` for a private in-memory database,
 * `sqlite:///abs/path` also accepted) or `mysql://user:pass@host:port/db`,
 * read by the one MySQL URL parser the event store uses too (mysql-url.ts).
 * Never echoes the password.
 */
export function parseReadDbUrl(url: string): ReadDbTarget {
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '') throw new InvalidInput(msg('config.url.invalid', { usage: 'readDb', problem: 'emptySqlitePath' }));
    return { dialect: 'sqlite', path, display: `sqlite:${path}` };
  }
  if (/^mysql:\/\//i.test(url)) return { dialect: 'mysql', ...parseMysqlUrl(url, 'readDb') };
  throw new InvalidInput(msg('config.url.invalid', { usage: 'readDb' }));
}
