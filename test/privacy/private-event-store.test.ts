/**
 * The privacy decorator of the event store (src/privacy), given events and
 * then reading them back: what is stored is sealed, what is read is opened,
 * a forgotten client's values read `[erased]` — those written in plain text
 * by a release before encryption too — and the chain, over what is stored,
 * verifies before and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyLog } from '../../src/audit/verify.js';
import { BackendUnavailable } from '../../src/errors.js';
import type { EventActor, JsonObject, NewEvent } from '../../src/events/event-store.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { newKey, open, seal } from '../../src/privacy/envelope.js';
import { PrivateEventStore } from '../../src/privacy/private-event-store.js';
import { keyStorePath, SqliteKeyStore } from '../../src/privacy/sqlite-key-store.js';
import { catchUp } from '../../src/projections/projector.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { TEST_AUDIT_KEY, testKeyring } from '../support/audit-key.js';

const test = suite('the privacy decorator of the event store');
const actor: EventActor = { id: 'adaadmin01', role: 'gestion' };
let serial = 0;

function event(type: string, data: JsonObject, commandId = `cmd-${serial}`): NewEvent {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    type,
    schemaVersion: type === 'CommandRecorded' ? 2 : 1,
    data,
    metadata: { actor, at: new Date(Date.UTC(2026, 5, 1, 9, 0, serial)).toISOString(), commandId },
  };
}

async function withStores(
  work: (raw: SqliteEventStore, store: PrivateEventStore, keys: SqliteKeyStore, path: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'epic-privacy-'));
  const path = join(dir, 'events.db');
  const raw = await openSqliteEventStore(path, { keyring: testKeyring });
  const keys = new SqliteKeyStore(keyStorePath(path));
  const store = new PrivateEventStore(await openSqliteEventStore(path, { keyring: testKeyring }), keys);
  try {
    await work(raw, store, keys, path);
  } finally {
    await raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an envelope opens only with its key, for its client and its field', () => {
  const key = newKey();
  const sealed = seal(key, 'client0001', 'name', 'Kevin Casey');
  assert.is(open(key, 'name', sealed), 'Kevin Casey');
  assert.not.match(JSON.stringify(sealed), /Kevin/);
  assert.throws(() => open(newKey(), 'name', sealed), 'another key');
  assert.throws(() => open(key, 'email', sealed), 'another field');
  assert.throws(() => open(key, 'name', { ...sealed, s: 'client0002' }), 'another client');
});

test('every envelope gets its own IV, across refills of the pool they are drawn from', () => {
  const key = newKey();
  const ivs = new Set<string>();
  // 12 bytes an IV, 16 KiB a pool: round it several times.
  for (let i = 0; i < 10_000; i++)
    ivs.add(
      Buffer.from(seal(key, 'client0001', 'name', `v${i}`).$pii, 'base64')
        .subarray(0, 12)
        .toString('hex'),
    );
  assert.is(ivs.size, 10_000);
  const sealed = seal(key, 'client0001', 'name', 'Kevin Casey');
  assert.is(open(key, 'name', sealed), 'Kevin Casey', 'and the envelopes open');
});

test('given a plain event of an earlier release, when the client is edited and forgotten, then every value reads [erased] and the chain verifies', async () => {
  await withStores(async (raw, store, keys, path) => {
    const stream = 'client-legacy0001';
    // Written by the release before encryption: the adapter alone, in plain text.
    await raw.append(
      stream,
      [
        event('ClientCreated', {
          clientId: 'legacy0001',
          name: 'Old Name',
          email: 'old@x.io',
          phone: null,
          company: 'Old Co',
          commercialId: 'bob0000001',
        }),
      ],
      'no_stream',
    );
    assert.is((await store.readStream(stream))[0]?.data.name, 'Old Name', 'old plain events stay readable');

    const edit = 'cmd-edit';
    await store.append(stream, [event('ClientUpdated', { clientId: 'legacy0001', company: 'New Co' }, edit)], 1);
    await store.append(
      'command-log',
      [
        event(
          'CommandRecorded',
          {
            commandId: edit,
            command: 'client edit',
            args: { id: 'legacy0001', company: 'New Co' },
            outcome: 'accepted',
            reason: null,
            reasonMessage: null,
            events: [],
          },
          edit,
        ),
      ],
      'any',
    );
    const stored = await raw.readStream(stream);
    assert.ok(JSON.stringify(stored[1]?.data).includes('$pii'), 'a new value is stored sealed');
    assert.not.match(JSON.stringify(await raw.readStream('command-log')), /New Co/, 'and so is the command log’s');
    assert.is((await store.readStream(stream))[1]?.data.company, 'New Co');
    const [entry] = await store.readStream('command-log');
    assert.equal([entry?.data.subject, (entry?.data.args as JsonObject | undefined)?.company], ['legacy0001', 'New Co']);

    await store.append(stream, [event('ClientForgotten', { clientId: 'legacy0001' })], 2);
    assert.equal(await keys.keys(['legacy0001'], true), new Map(), 'the key is gone, and none is made again');
    assert.equal([...(await keys.forgotten())], ['legacy0001']);

    // A fresh reader (another process): the tombstone and the stream both say so.
    const reader = new PrivateEventStore(
      await openSqliteEventStore(path, { keyring: testKeyring }),
      new SqliteKeyStore(keyStorePath(path)),
    );
    for (const read of [store, reader]) {
      const [created, updated] = await read.readStream(stream);
      assert.equal(
        [created?.data.name, created?.data.email, created?.data.company, created?.data.phone],
        ['[erased]', '[erased]', '[erased]', null],
      );
      assert.is(updated?.data.company, '[erased]');
      const all = await read.readAll({ after: 0, limit: 100 });
      assert.is(all.find((e) => e.type === 'ClientCreated')?.data.name, '[erased]');
      assert.is((all.find((e) => e.type === 'CommandRecorded')?.data.args as JsonObject | undefined)?.company, '[erased]');
    }
    await reader.close();
    const report = await verifyLog(store, { key: TEST_AUDIT_KEY });
    assert.ok(report.ok, JSON.stringify(report.broken));
    assert.is(report.forgotten, 1);
  });
});

test('a command that names no client keeps none of its personal values', async () => {
  await withStores(async (raw, store) => {
    await store.append(
      'command-log',
      [
        event('CommandRecorded', {
          commandId: 'cmd-refused',
          command: 'client create',
          args: { name: 'Nobody Yet', email: 'not-an-email' },
          outcome: 'rejected',
          reason: 'invalid email',
          reasonMessage: null,
          events: [],
        }),
      ],
      'any',
    );
    const [entry] = await raw.readStream('command-log');
    assert.equal(entry?.data.args, { name: '[withheld]', email: '[withheld]' });
  });
});

test('a batch of new clients gets its keys in one call of the key store; a forgotten client among them is still refused', async () => {
  await withStores(async (raw, store, keys) => {
    const calls: string[][] = [];
    const keysOf = keys.keys.bind(keys);
    keys.keys = (subjects, create) => {
      calls.push([...subjects]);
      return keysOf(subjects, create);
    };
    const created = (id: string) => ({
      streamId: `client-${id}`,
      events: [
        event('ClientCreated', { clientId: id, name: `Name ${id}`, email: `${id}@x.test`, phone: null, company: null, commercialId: 'c1' }),
      ],
      expected: 'no_stream' as const,
    });
    const batch = store.appendBatch;
    if (batch === undefined) throw new Error('the SQLite store batches appends');
    const results = await batch([created('batch00001'), created('batch00002'), created('batch00003')]);
    assert.equal(calls, [['batch00001', 'batch00002', 'batch00003']]);
    assert.equal(
      results.map((result) => result.events[0]?.data.name),
      ['Name batch00001', 'Name batch00002', 'Name batch00003'],
    );
    const [stored] = await raw.readStream('client-batch00002');
    assert.not.match(JSON.stringify(stored?.data), /Name batch/);

    await store.forgetKey('batch00004', new Date().toISOString());
    const refused = await batch([created('batch00005'), created('batch00004')]).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.instance(refused, BackendUnavailable);
    assert.equal(await raw.readStream('client-batch00005'), [], 'nothing of the refused batch was written');
  });
});

test('a projector handed the log without the decorator refuses the sealed value by name and applies nothing; through it, the tables hold the plain value', async () => {
  await withStores(async (raw, store, _keys, path) => {
    await store.append(
      'client-sealed0001',
      [
        event('ClientCreated', {
          clientId: 'sealed0001',
          name: 'Kevin Casey',
          email: 'kevin@x.io',
          phone: null,
          company: 'Co',
          commercialId: 'bob0000001',
        }),
      ],
      'no_stream',
    );
    const readDb = await openReadDb(`sqlite:${join(path, '..', 'read.db')}`);
    try {
      // Before the guard, better-sqlite3 threw "SQLite3 can only bind numbers, strings, ..." from inside a query.
      const refused = await catchUp(raw, readDb).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.instance(refused, Error);
      assert.match(
        (refused as Error).message,
        /event \S+ \(ClientCreated\) has its name still sealed: the log was opened without the privacy decorator/,
      );
      assert.equal(await readDb.db.selectFrom('clients').select('id').execute(), [], 'nothing applied');
      await catchUp(store, readDb);
      assert.equal(await readDb.db.selectFrom('clients').select(['id', 'name']).execute(), [{ id: 'sealed0001', name: 'Kevin Casey' }]);
      // Caught up, the next batches go the incremental way: refused there too.
      await store.append('client-sealed0001', [event('ClientUpdated', { clientId: 'sealed0001', name: 'Kevin C.' })], 1);
      const again = await catchUp(raw, readDb).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.match(String(again), /\(ClientUpdated\) has its name still sealed/);
      await catchUp(store, readDb);
      assert.equal(await readDb.db.selectFrom('clients').select('name').execute(), [{ name: 'Kevin C.' }]);
    } finally {
      await readDb.close();
    }
  });
});

test.run();
