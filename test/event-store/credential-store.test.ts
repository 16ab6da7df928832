import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable } from '../../src/errors.js';
import { SqliteCredentialStore } from '../../src/events/sqlite/credential-store.js';
import { openSqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { testKeeper, testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { rejection } from './rejection.js';
import { sampleEvents } from './sample-events.js';

interface Context {
  dir: string;
  path: string;
}

const test = suite<Context>('sqlite credential store', { dir: '', path: '' });
test.before.each(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'epic-credentials-'));
  context.path = join(context.dir, 'events.db');
});
test.after.each(async (context) => {
  await rm(context.dir, { recursive: true, force: true });
});

const BCRYPT = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
const OTHER = '$2b$12$abcdefghijklmnopqrstuu5Vv7j6Q8d7bDqZQ3vVbYlWz1mQ9m2sO';

test('get, set, replace, delete', async ({ path }) => {
  const store = await openSqliteEventStore(path, { keyring: testKeyring });
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
  await store.close();
});

test('hashes live in the credentials table of events.db, never in the events', async ({ path }) => {
  const store = await openSqliteEventStore(path, { keyring: testKeyring });
  await store.append('user-u1', sampleEvents(1, 'PasswordChanged'), 'no_stream');
  await store.credentials().set('u1', BCRYPT, 1);
  await store.close();

  const raw = new Database(path, { readonly: true });
  try {
    assert.equal(raw.prepare('SELECT user_id, password_hash FROM credentials').all(), [{ user_id: 'u1', password_hash: BCRYPT }]);
    const rows = raw.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events').all();
    assert.is(rows.length, 1);
    assert.ok(rows.every((r) => !r.data.includes(BCRYPT) && !r.metadata.includes(BCRYPT)));
  } finally {
    raw.close();
  }
});

test('survives reopening; updated_at follows the clock', async ({ path }) => {
  const db = new Database(path);
  let now = new Date('2030-01-01T10:00:00.000Z');
  const credentials = new SqliteCredentialStore(db, {
    context: { label: 'credentialStore', path, busyTimeoutMs: 5000 },
    now: () => now,
    ownsConnection: true,
    keeper: testKeeper(),
  });
  await credentials.set('ü-ser 🎉', BCRYPT, 1);
  const updatedAt = () => db.prepare<[], string>('SELECT updated_at FROM credentials').pluck().get();
  assert.is(updatedAt(), '2030-01-01T10:00:00.000Z');
  now = new Date('2030-01-02T10:00:00.000Z');
  await credentials.set('ü-ser 🎉', OTHER, 1);
  assert.is(updatedAt(), '2030-01-02T10:00:00.000Z');
  await credentials.close();
  assert.not.ok(db.open, 'an owning store closes its connection');

  const store = await openSqliteEventStore(path, { keyring: testKeyring });
  assert.is((await store.credentials().get('ü-ser 🎉'))?.passwordHash ?? null, OTHER);
  await store.close();
});

test("closing the event store's credential store leaves the shared connection open", async ({ path }) => {
  const store = await openSqliteEventStore(path, { keyring: testKeyring });
  const credentials = store.credentials();
  assert.is(store.credentials(), credentials, 'one credential store per event store');
  await credentials.set('u1', BCRYPT, 1);
  await credentials.close();
  assert.is((await store.append('s', sampleEvents(1), 'no_stream')).version, 1);
  assert.is((await credentials.get('u1'))?.passwordHash ?? null, BCRYPT);
  await store.close();
});

test('a write lock held past the busy timeout is BackendUnavailable', async ({ path }) => {
  const store = await openSqliteEventStore(path, { keyring: testKeyring, busyTimeoutMs: 50 });
  const credentials = store.credentials();
  const holder = new Database(path);
  holder.exec('BEGIN IMMEDIATE');
  try {
    const error = await rejection(credentials.set('u1', BCRYPT, 1));
    assert.instance(error, BackendUnavailable);
    assert.match(english(error), /^credential store is busy/);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  await credentials.set('u1', BCRYPT, 1);
  assert.is((await credentials.get('u1'))?.passwordHash ?? null, BCRYPT);
  await store.close();
});

test.run();
