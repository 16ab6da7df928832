/**
 * Runs a suite over every read-database dialect, the way Kysely runs its own
 * tests: SQLite always; MySQL when `EPIC_TEST_MYSQL_URL` is set (e.g.
 * `mysql://root@127.0.0.1:3306/test`). Each suite gets its own database
 * (`epic_test_<random>` on MySQL, a temporary file on SQLite), emptied before
 * every test and dropped after the suite.
 *
 * Without the variable, one line says MySQL is skipped; with `CI=true` the
 * missing variable is a failing test instead.
 *
 *   describeReadDb('contracts', (test) => {
 *     test('...', async ({ readDb }) => { ... });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, type Test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseReadDbUrl } from '../../src/config/read-db-url.js';
import type { Database, ReadDialect } from '../../src/projections/read-db/database.js';
import { openReadDb, type ReadDb } from '../../src/projections/read-db/open-read-db.js';

export const MYSQL_URL_VARIABLE = 'EPIC_TEST_MYSQL_URL';

/** Every read table, in an order that can be cleared. */
export const READ_TABLES: readonly (keyof Database & string)[] = [
  'command_log',
  'occasions',
  'contracts',
  'clients',
  'users',
  'projection_state',
  'projection_lock',
];

export interface ReadDbContext {
  readonly dialect: ReadDialect;
  /** The suite's database, emptied before each test. */
  readonly readDb: ReadDb;
  /** Its URL, for another process to open it. */
  readonly url: string;
  /** Another empty database of the same dialect, closed and dropped with the suite's. */
  createReadDb(): Promise<ReadDb>;
}

/** A source of fresh, migrated read databases of one dialect; `dispose` closes and drops them all. */
export interface ReadDbFactory {
  readonly dialect: ReadDialect;
  create(): Promise<ReadDb>;
  /** The URL a database of this factory was opened with. */
  urlOf(readDb: ReadDb): string;
  dispose(): Promise<void>;
}

let mysqlSkipReported = false;

/** The dialects to test on this machine (and a one-time notice when MySQL is not among them). */
export function readDbDialects(): ReadDialect[] {
  if (process.env[MYSQL_URL_VARIABLE]) return ['sqlite', 'mysql'];
  if (!mysqlSkipReported && process.env.CI !== 'true') {
    mysqlSkipReported = true;
    process.stdout.write(`\nskipping MySQL projection tests: ${MYSQL_URL_VARIABLE} not set\n`);
  }
  return ['sqlite'];
}

/** Defines and runs `title` once per dialect. */
export function describeReadDb(title: string, define: (test: Test<ReadDbContext>, dialect: ReadDialect) => void): void {
  if (!process.env[MYSQL_URL_VARIABLE] && process.env.CI === 'true') {
    const failing = suite(`${title} [mysql]`);
    failing('MySQL is configured in CI', () => {
      assert.unreachable(`${MYSQL_URL_VARIABLE} is not set, and CI=true: the MySQL projection tests must run in CI`);
    });
    failing.run();
  }
  for (const dialect of readDbDialects()) {
    // The context is filled in by `before`; tests only run after it.
    const state = {} as { dialect: ReadDialect; readDb: ReadDb; url: string; createReadDb(): Promise<ReadDb> };
    const test = suite<ReadDbContext>(`${title} [${dialect}]`, state);
    let factory: ReadDbFactory | undefined;
    let setupError: unknown;
    test.before(async (context) => {
      try {
        factory = await readDbFactory(dialect);
        const ready = factory;
        const readDb = await ready.create();
        Object.assign(context, { dialect, readDb, url: ready.urlOf(readDb), createReadDb: () => ready.create() });
      } catch (error) {
        // uvu swallows an error thrown by `before`: keep it and fail every test with it instead.
        setupError = error;
      }
    });
    test.before.each(async (context) => {
      if (setupError !== undefined) throw setupError;
      await clearReadDb(context.readDb);
    });
    test.after(async () => {
      await factory?.dispose();
    });
    define(test, dialect);
    test.run();
  }
}

/** Deletes every row of every read table (the migrations stay). */
export async function clearReadDb(readDb: ReadDb): Promise<void> {
  for (const table of READ_TABLES) await readDb.db.deleteFrom(table).execute();
}

export async function readDbFactory(dialect: ReadDialect): Promise<ReadDbFactory> {
  return dialect === 'sqlite' ? sqliteFactory() : mysqlFactory();
}

async function sqliteFactory(): Promise<ReadDbFactory> {
  const dir = await mkdtemp(join(tmpdir(), 'epic-read-'));
  const opened = new Map<ReadDb, string>();
  let count = 0;
  return {
    dialect: 'sqlite',
    async create() {
      count += 1;
      const url = `sqlite:${join(dir, `read-${count}.db`)}`;
      const readDb = await openReadDb(url);
      opened.set(readDb, url);
      return readDb;
    },
    urlOf(readDb) {
      return urlIn(opened, readDb);
    },
    async dispose() {
      await Promise.all([...opened.keys()].map((readDb) => readDb.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function mysqlFactory(): Promise<ReadDbFactory> {
  const url = process.env[MYSQL_URL_VARIABLE];
  if (!url) throw new Error(`${MYSQL_URL_VARIABLE} is not set`);
  const target = parseReadDbUrl(url);
  if (target.dialect !== 'mysql') throw new Error(`${MYSQL_URL_VARIABLE} must be a mysql:// URL`);
  const { createConnection } = await import('mysql2/promise');
  const admin = await createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    connectTimeout: 5_000,
  });
  const created: { name: string; readDb: ReadDb; url: string }[] = [];
  return {
    dialect: 'mysql',
    async create() {
      const name = `epic_test_${randomBytes(6).toString('hex')}`;
      // The server's default charset: the migration itself must make the tables utf8mb4_bin.
      await admin.query(`CREATE DATABASE \`${name}\``);
      const auth = target.password
        ? `${encodeURIComponent(target.user)}:${encodeURIComponent(target.password)}`
        : encodeURIComponent(target.user);
      try {
        const url = `mysql://${auth}@${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}/${name}`;
        const readDb = await openReadDb(url);
        created.push({ name, readDb, url });
        return readDb;
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        throw error;
      }
    },
    urlOf(readDb) {
      return urlIn(new Map(created.map((entry) => [entry.readDb, entry.url])), readDb);
    },
    async dispose() {
      for (const { name, readDb } of created) {
        await readDb.close();
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      }
      await admin.end();
    },
  };
}

function urlIn(urls: ReadonlyMap<ReadDb, string>, readDb: ReadDb): string {
  const url = urls.get(readDb);
  if (url === undefined) throw new Error('this read database was not created by this factory');
  return url;
}
