/**
 * Opening the read database: URLs, files, migrations, exact values, and the
 * one-line BackendUnavailable when it cannot be reached.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseReadDbUrl } from '../../src/config/read-db-url.js';
import { BackendUnavailable, InvalidInput } from '../../src/errors.js';
import { getContract } from '../../src/projections/queries/index.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { insertRows } from '../../src/projections/read-db/upsert.js';
import { rejection } from '../event-store/rejection.js';
import { english } from '../support/english.js';
import { describeReadDb, MYSQL_URL_VARIABLE, readDbDialects } from '../support/read-db-matrix.js';

const urls = suite('read database URLs');

urls('sqlite paths', () => {
  assert.equal(parseReadDbUrl('sqlite:/var/lib/epic/read.db'), {
    dialect: 'sqlite',
    path: '/var/lib/epic/read.db',
    display: 'sqlite:/var/lib/epic/read.db',
  });
  assert.equal(parseReadDbUrl('sqlite:data/read.db'), { dialect: 'sqlite', path: 'data/read.db', display: 'sqlite:data/read.db' });
  assert.equal(parseReadDbUrl('sqlite:///abs/read.db'), { dialect: 'sqlite', path: '/abs/read.db', display: 'sqlite:/abs/read.db' });
  assert.equal(parseReadDbUrl('sqlite::memory:'), { dialect: 'sqlite', path: ':memory:', display: 'sqlite::memory:' });
});

urls('mysql URLs: percent-encoded credentials, default port, no password in the display form', () => {
  assert.equal(parseReadDbUrl('mysql://epic:p%40ss%2Fw0rd@db.example:3307/crm'), {
    dialect: 'mysql',
    host: 'db.example',
    port: 3307,
    user: 'epic',
    password: 'p@ss/w0rd',
    database: 'crm',
    display: 'mysql://epic@db.example:3307/crm',
  });
  const local = parseReadDbUrl('mysql://root@127.0.0.1/test');
  assert.equal(local.dialect === 'mysql' && [local.port, local.password, local.display], [3306, '', 'mysql://root@127.0.0.1:3306/test']);
});

urls('a malformed mysql URL is invalid input that names EPIC_READ_DB forms and never repeats the password', () => {
  for (const url of [
    'mysql://u:s3cr3t%zz@host/db',
    'mysql://u%zz:s3cr3t@host/db',
    'mysql://u:s3cr3t@host/d%zzb',
    'mysql://u:s3cr3t@host/db?ssl=true',
    'mysql://u:s3cr3t@host:99999/db',
  ]) {
    let error: unknown;
    try {
      parseReadDbUrl(url);
    } catch (caught) {
      error = caught;
    }
    assert.instance(error, InvalidInput, url);
    assert.match(english(error), /^the read database URL must be sqlite:<path> or mysql:/, url);
    assert.not.match(english(error), /s3cr3t/, url);
  }
});

urls('anything else is invalid input', () => {
  for (const url of ['postgres://u@h/db', 'mysql://u@host', 'mysql://u@host/', 'sqlite:', 'read.db', '']) {
    assert.throws(
      () => parseReadDbUrl(url),
      (error: unknown) => error instanceof InvalidInput,
      url,
    );
  }
});

urls.run();

const files = suite<{ dir: string }>('read database: SQLite files', { dir: '' });

files.before.each(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'epic-open-'));
});

files.after.each(async (context) => {
  await rm(context.dir, { recursive: true, force: true });
});

files('creates a private file (0600) in a private folder (0700), in WAL mode, migrated', async ({ dir }) => {
  const path = join(dir, 'home', 'read.db');
  const readDb = await openReadDb(`sqlite:${path}`);
  try {
    assert.is(readDb.dialect, 'sqlite');
    assert.is((await stat(path)).mode & 0o777, 0o600);
    assert.is((await stat(join(dir, 'home'))).mode & 0o777, 0o700);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(readDb.db);
    assert.equal(mode.rows, [{ journal_mode: 'wal' }]);
    assert.equal(await readDb.db.selectFrom('contracts').selectAll().execute(), []);
  } finally {
    await readDb.close();
  }
});

files('reopening keeps the rows and runs each migration once', async ({ dir }) => {
  const url = `sqlite:${join(dir, 'read.db')}`;
  const first = await openReadDb(url);
  await first.db
    .insertInto('projection_state')
    .values({ name: 'users', version: 1, position: 42, rebuilt_at: null, updated_at: '2026-01-01T00:00:00.000Z', swapping: null })
    .execute();
  await first.close();
  const second = await openReadDb(url);
  try {
    const state = await second.db.selectFrom('projection_state').select('position').executeTakeFirst();
    assert.is(state?.position, 42);
    const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(second.db);
    assert.equal(
      migrations.rows.map((row) => row.name),
      [
        '2026-11-28-0001-read-tables',
        '2026-11-28-0002-projection-operations',
        '2026-12-01-0003-cancelled-and-disabled',
        '2026-12-01-0004-checkpoint-hash',
        '2026-12-02-0005-contracts-client-unpaid',
      ],
    );
  } finally {
    await second.close();
  }
});

files('an in-memory database works too', async () => {
  const readDb = await openReadDb('sqlite::memory:');
  try {
    assert.equal(await readDb.db.selectFrom('users').selectAll().execute(), []);
  } finally {
    await readDb.close();
  }
});

files('a path that cannot be a file, or a file that is not a database: BackendUnavailable, one line', async ({ dir }) => {
  const blocker = join(dir, 'not-a-folder');
  await writeFile(blocker, 'x');
  const underFile = await rejection(openReadDb(`sqlite:${join(blocker, 'read.db')}`));
  assert.instance(underFile, BackendUnavailable);
  assert.match(english(underFile), /^read database unavailable \(sqlite:.*not-a-folder\/read\.db\): /);

  const garbage = join(dir, 'garbage.db');
  await writeFile(garbage, 'this is not a database, it is just long enough to have a header that is wrong'.repeat(20));
  const notDb = await rejection(openReadDb(`sqlite:${garbage}`));
  assert.instance(notDb, BackendUnavailable);
  assert.not.match(english(notDb), /\n/);
});

files.run();

const servers = suite('read database: MySQL servers that cannot be used');

servers('connection refused: BackendUnavailable, one line, without the password', async () => {
  const error = await rejection(openReadDb('mysql://epic:s3cret-pw@127.0.0.1:1/crm'));
  assert.instance(error, BackendUnavailable);
  const message = english(error);
  assert.is(message, 'read database unavailable (mysql://epic@127.0.0.1:1/crm): connection refused');
  assert.not.match(message, /s3cret/);
});

if (readDbDialects().includes('mysql')) {
  const base = parseReadDbUrl(process.env[MYSQL_URL_VARIABLE] ?? '');
  if (base.dialect !== 'mysql') throw new Error(`${MYSQL_URL_VARIABLE} must be a mysql:// URL`);
  const server = `${base.host}:${base.port}`;

  servers('bad credentials: BackendUnavailable, without the password', async () => {
    const error = await rejection(openReadDb(`mysql://epic_nobody:wrong-pw-123@${server}/${base.database}`));
    assert.instance(error, BackendUnavailable);
    assert.is(
      english(error),
      `read database unavailable (mysql://epic_nobody@${server}/${base.database}): access denied (check user and password)`,
    );
  });

  servers('an unknown database: BackendUnavailable', async () => {
    const auth = base.password ? `${base.user}:${encodeURIComponent(base.password)}` : base.user;
    const error = await rejection(openReadDb(`mysql://${auth}@${server}/epic_no_such_db_9z`));
    assert.instance(error, BackendUnavailable);
    assert.match(english(error), /: unknown database$/);
  });
}

servers.run();

describeReadDb('read database: schema and exact values', (test, dialect) => {
  test('large amounts and instants come back exactly', async ({ readDb }) => {
    await insertRows(readDb.db, 'clients', [
      {
        id: 'kcas2345pq',
        name: 'Kevin',
        email: 'k@x.test',
        phone: null,
        company: null,
        commercial_id: 'carl2345cd',
        search: 'kevin',
        created_at: '2026-06-04T11:00:00.000Z',
        updated_at: '2026-06-04T11:00:00.123Z',
      },
    ]);
    await insertRows(readDb.db, 'contracts', [
      {
        id: 'ctra2345ab',
        client_id: 'kcas2345pq',
        total_cents: 999_999_999_999_999,
        remaining_cents: 1,
        signed: 1,
        unpaid: 1,
        created_at: '1999-12-31T23:59:59.999Z',
        updated_at: '2026-06-04T11:00:00.000Z',
      },
    ]);
    const contract = await getContract(readDb.db, 'ctra2345ab');
    assert.equal(
      [contract?.totalAmount, contract?.remainingAmount, contract?.createdAt],
      ['9999999999999.99', '0.01', '1999-12-31T23:59:59.999Z'],
    );
    const raw = await readDb.db.selectFrom('contracts').select(['total_cents', 'signed']).executeTakeFirstOrThrow();
    assert.equal(raw, { total_cents: 999_999_999_999_999, signed: 1 }, 'numbers, not strings');
  });

  test('text keeps its case and accents; comparisons are exact', async ({ readDb }) => {
    await insertRows(readDb.db, 'users', [
      {
        id: 'chlo2345ef',
        name: 'Chloé Martin',
        email: 'Chloe@Epic.test',
        role: 'commercial',
        disabled: 0,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      },
    ]);
    const exact = await readDb.db.selectFrom('users').select('name').where('name', '=', 'Chloé Martin').execute();
    const folded = await readDb.db.selectFrom('users').select('name').where('name', '=', 'chloe martin').execute();
    assert.equal([exact.length, folded.length], [1, 0]);
  });

  if (dialect === 'mysql') {
    test('MySQL tables are utf8mb4 with the binary collation, whatever the server default', async ({ readDb }) => {
      const tables = await sql<{ name: string; collation: string }>`
        select table_name as name, table_collation as collation from information_schema.tables
        where table_schema = database() and table_name not like 'kysely%' order by table_name`.execute(readDb.db);
      assert.equal(
        tables.rows.map((row) => row.collation),
        tables.rows.map(() => 'utf8mb4_bin'),
      );
      assert.is(tables.rows.length, 7, 'the five read tables, projection_state and projection_lock');
    });
  }
});
