/**
 * The MySQL server the event-store tests run against: `EPIC_TEST_MYSQL_URL`
 * (e.g. `mysql://root@127.0.0.1:3306/test`). Every store under test gets a
 * database of its own, `epic_test_<random hex>`, dropped when it is done.
 *
 * Without the variable the MySQL tests skip, with one line that says so; with
 * `CI=true` the missing variable is a failing test instead.
 */
import { randomBytes } from 'node:crypto';
import { type Connection, createConnection } from 'mysql2/promise';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type MysqlTarget, parseMysqlUrl } from '../../src/config/mysql-url.js';

export const MYSQL_URL_VARIABLE = 'EPIC_TEST_MYSQL_URL';

/** How a test hands a child process (fixtures/mysql-appender.ts) its database URL: not argv, where `ps` shows passwords. */
export const FIXTURE_URL_VARIABLE = 'EPIC_FIXTURE_MYSQL_URL';

let announced = false;

/** The server URL, or undefined when the MySQL tests are skipped (said once per process). */
export function mysqlTestUrl(): string | undefined {
  const url = process.env[MYSQL_URL_VARIABLE];
  if (url) return url;
  if (!announced) {
    announced = true;
    if (process.env.CI === 'true') {
      const failing = suite('mysql event store');
      failing('MySQL is configured in CI', () => {
        assert.unreachable(`${MYSQL_URL_VARIABLE} is not set, and CI=true: the MySQL event-store tests must run in CI`);
      });
      failing.run();
    } else {
      process.stdout.write(`\nskipping MySQL event-store tests: ${MYSQL_URL_VARIABLE} not set\n`);
    }
  }
  return undefined;
}

export interface TestDatabase {
  readonly name: string;
  /** The server URL pointed at this database (with the server URL's credentials). */
  readonly url: string;
  readonly target: MysqlTarget;
  /** Drops the database; safe to call more than once. */
  drop(): Promise<void>;
}

/** Creates an empty `epic_test_<hex>` database on the server `serverUrl` names. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const server = parseMysqlUrl(serverUrl);
  const name = `epic_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(server, (admin) => admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`));
  let dropped = false;
  return {
    name,
    url: mysqlUrl(server, { database: name }),
    target: { ...server, database: name },
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(server, (admin) => admin.query(`DROP DATABASE IF EXISTS \`${name}\``));
    },
  };
}

/** A URL for `target` with some parts replaced; the password goes in percent-encoded. */
export function mysqlUrl(
  target: MysqlTarget,
  changes: Partial<Pick<MysqlTarget, 'host' | 'port' | 'user' | 'password' | 'database'>> = {},
): string {
  const { host, port, user, password, database } = { ...target, ...changes };
  const auth = password === '' ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return `mysql://${auth}@${host.includes(':') ? `[${host}]` : host}:${port}/${encodeURIComponent(database)}`;
}

/** A plain connection to `target` (its database, or none), for tests that look under the store. */
export async function rawConnection(target: MysqlTarget, database: string | null = target.database): Promise<Connection> {
  return createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    ...(database === null ? {} : { database }),
    connectTimeout: 5_000,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    dateStrings: true,
  });
}

async function withAdmin<T>(server: MysqlTarget, work: (admin: Connection) => Promise<T>): Promise<T> {
  const admin = await rawConnection(server, null);
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
