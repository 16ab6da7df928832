/** The MySQL credential store on a real server (EPIC_TEST_MYSQL_URL; see mysql-test-database.ts). */
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMysqlUrl } from '../../src/config/mysql-url.js';
import { BackendUnavailable } from '../../src/errors.js';
import { MysqlCredentialStore } from '../../src/events/mysql/credential-store.js';
import { MysqlDatabase } from '../../src/events/mysql/database.js';
import { type MysqlEventStore, openMysqlEventStore } from '../../src/events/mysql/event-store.js';
import { testKeeper, testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { createTestDatabase, mysqlTestUrl, rawConnection, type TestDatabase } from './mysql-test-database.js';
import { rejection } from './rejection.js';
import { sampleEvents } from './sample-events.js';

const BCRYPT = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
const OTHER = '$2b$12$abcdefghijklmnopqrstuu5Vv7j6Q8d7bDqZQ3vVbYlWz1mQ9m2sO';

interface Context {
  database: TestDatabase;
  store: MysqlEventStore;
  raw: Connection;
}

const serverUrl = mysqlTestUrl();

if (serverUrl !== undefined) {
  const test = suite<Context>('mysql credential store', {} as Context);
  test.before.each(async (context) => {
    context.database = await createTestDatabase(serverUrl);
    context.store = await openMysqlEventStore(context.database.url, { keyring: testKeyring });
    context.raw = await rawConnection(context.database.target);
  });
  test.after.each(async (context) => {
    try {
      await context.raw?.end();
      await context.store?.close();
    } finally {
      await context.database?.drop();
    }
  });

  const select = async <Row>(raw: Connection, sql: string): Promise<Row[]> => (await raw.query<RowDataPacket[]>(sql))[0] as Row[];

  test('get, set, replace, delete', async ({ store }) => {
    const credentials = store.credentials();
    assert.is((await credentials.get('u1'))?.passwordHash ?? null, null);

    await credentials.set('u1', BCRYPT, 1);
    assert.is((await credentials.get('u1'))?.passwordHash ?? null, BCRYPT);
    assert.is((await credentials.get('u2'))?.passwordHash ?? null, null);

    await credentials.set('u1', OTHER, 1);
    assert.is((await credentials.get('u1'))?.passwordHash ?? null, OTHER);

    await credentials.delete('u1');
    assert.is((await credentials.get('u1'))?.passwordHash ?? null, null);
    await credentials.delete('u1'); // deleting what is absent is fine
  });

  test('user ids compare exactly: unicode, case and trailing spaces make different users', async ({ store }) => {
    const credentials = store.credentials();
    await credentials.set('ü-ser 🎉', BCRYPT, 1);
    await credentials.set('Ü-SER 🎉', OTHER, 1);
    await credentials.set('ü-ser 🎉 ', 'trailing', 1);
    assert.is((await credentials.get('ü-ser 🎉'))?.passwordHash ?? null, BCRYPT);
    assert.is((await credentials.get('Ü-SER 🎉'))?.passwordHash ?? null, OTHER);
    assert.is((await credentials.get('ü-ser 🎉 '))?.passwordHash ?? null, 'trailing');
  });

  test('hashes live in the credentials table of the same database, never in the events', async ({ store, raw }) => {
    await store.append('user-u1', sampleEvents(1, 'PasswordChanged'), 'no_stream');
    await store.credentials().set('u1', BCRYPT, 1);

    assert.equal(await select(raw, 'SELECT user_id, password_hash FROM credentials'), [{ user_id: 'u1', password_hash: BCRYPT }]);
    const events = await select<{ data: string; metadata: string }>(raw, 'SELECT data, metadata FROM events');
    assert.is(events.length, 1);
    assert.ok(events.every((e) => !e.data.includes(BCRYPT) && !e.metadata.includes(BCRYPT)));
  });

  test('survives reopening; updated_at follows the clock, in UTC', async ({ database, store, raw }) => {
    const db = new MysqlDatabase(parseMysqlUrl(database.url), 'credentialStore');
    let now = new Date('2030-01-01T10:00:00.000Z');
    const credentials = new MysqlCredentialStore(db, { keeper: testKeeper(), now: () => now, ownsConnection: true });
    await credentials.init(); // the event store created the table already: init is idempotent
    const updatedAt = async () => (await select<{ updated_at: string }>(raw, 'SELECT updated_at FROM credentials'))[0]?.updated_at;

    await credentials.set('u1', BCRYPT, 1);
    assert.is(await updatedAt(), '2030-01-01 10:00:00.000');
    now = new Date('2030-01-02T10:00:00.123Z');
    await credentials.set('u1', OTHER, 1);
    assert.is(await updatedAt(), '2030-01-02 10:00:00.123');
    await credentials.close();
    assert.instance(await rejection(credentials.get('u1')), Error, 'an owning store closes its pool');

    assert.is((await store.credentials().get('u1'))?.passwordHash ?? null, OTHER);
  });

  test("closing the event store's credential store leaves the shared pool open", async ({ store }) => {
    const credentials = store.credentials();
    assert.is(store.credentials(), credentials, 'one credential store per event store');
    await credentials.set('u1', BCRYPT, 1);
    await credentials.close();
    assert.is((await store.append('s', sampleEvents(1), 'no_stream')).version, 1);
    assert.is((await credentials.get('u1'))?.passwordHash ?? null, BCRYPT);
  });

  test('an unreachable server is BackendUnavailable, named as the credential store', async () => {
    const db = new MysqlDatabase(parseMysqlUrl('mysql://epic:s3cr3t@127.0.0.1:1/epic'), 'credentialStore');
    const credentials = new MysqlCredentialStore(db, { keeper: testKeeper(), ownsConnection: true });
    try {
      const error = await rejection(credentials.get('u1'));
      assert.instance(error, BackendUnavailable);
      assert.match(english(error), /^credential store at mysql:\/\/epic@127\.0\.0\.1:1\/epic: connection refused/);
      assert.not.match(english(error), /s3cr3t/);
    } finally {
      await credentials.close();
    }
  });

  test.run();
}
