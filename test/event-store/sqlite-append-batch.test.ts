/**
 * SqliteEventStore.appendBatch (what `import clients` writes a batch with):
 * one transaction for every stream of the batch, all or nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { testKeyring } from '../support/audit-key.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { rejection } from './rejection.js';
import { sampleEvents } from './sample-events.js';

/** A SQLite store in a folder of its own, closed and removed after `work`. */
async function withStore(work: (store: SqliteEventStore) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'epic-batch-'));
  const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
  try {
    await work(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('a wrong expected version on one stream writes none of the batch; a right batch writes every stream, chained', () =>
  withStore(async (store) => {
    await store.append('client-b', sampleEvents(2), 'no_stream');
    const head = await store.headPosition();
    const refused = await rejection(
      store.appendBatch([
        { streamId: 'client-a', events: sampleEvents(3), expected: 'no_stream' },
        { streamId: 'client-b', events: sampleEvents(1), expected: 1 },
        { streamId: 'client-c', events: sampleEvents(1), expected: 'no_stream' },
      ]),
    );
    assert.ok(refused instanceof WrongExpectedVersion, String(refused));
    assert.is(await store.headPosition(), head, 'nothing written');
    assert.equal(await store.readStream('client-a'), []);
    assert.equal(await store.readStream('client-c'), []);

    const results = await store.appendBatch([
      { streamId: 'client-a', events: sampleEvents(3), expected: 'no_stream' },
      { streamId: 'client-b', events: sampleEvents(1), expected: 2 },
    ]);
    assert.equal(
      results.map((r) => r.version),
      [3, 3],
    );
    assert.is(await store.headPosition(), head + 4);
    const a = await store.readStream('client-a');
    const b = await store.readStream('client-b');
    assert.equal([a.length, b.length], [3, 3]);
    assertStreamIntact('client-a', a);
    assertStreamIntact('client-b', b);
  }));

test('no_stream, appended without a look-up of the head first: on a stream that exists it is still refused (its version named, nothing written) and a retry still returns what was recorded', () =>
  withStore(async (store) => {
    await store.append('client-b', sampleEvents(2), 'no_stream');
    const head = await store.headPosition();
    const refused = await rejection(
      store.appendBatch([
        { streamId: 'client-a', events: sampleEvents(1), expected: 'no_stream' },
        { streamId: 'client-b', events: sampleEvents(1), expected: 'no_stream' },
      ]),
    );
    assert.instance(refused, WrongExpectedVersion);
    assert.equal([(refused as WrongExpectedVersion).streamId, (refused as WrongExpectedVersion).actual], ['client-b', 2]);
    assert.is(await store.headPosition(), head, 'nothing written');
    const single = await rejection(store.append('client-b', sampleEvents(1), 'no_stream'));
    assert.instance(single, WrongExpectedVersion);

    const batch = [
      { streamId: 'client-c', events: sampleEvents(2), expected: 'no_stream' as const },
      { streamId: 'client-d', events: sampleEvents(1), expected: 'no_stream' as const },
    ];
    const first = await store.appendBatch(batch);
    const again = await store.appendBatch(batch);
    assert.equal(again, first, 'the retry gets the recorded result');
    assert.is(await store.headPosition(), head + 3, 'written once');
    assertStreamIntact('client-c', await store.readStream('client-c'));
  }));

test('streamsWithEvents names, of the ids asked, those of streams holding an event, in one query', () =>
  withStore(async (store) => {
    await store.append('client-b', sampleEvents(2), 'no_stream');
    await store.append('client-d', sampleEvents(1), 'no_stream');
    assert.equal([...(await store.streamsWithEvents(['client-a', 'client-b', 'client-c', 'client-d', 'client-b']))].sort(), [
      'client-b',
      'client-d',
    ]);
    assert.equal(await store.streamsWithEvents([]), new Set());
    assert.equal(await store.streamsWithEvents(['client-"quoted\\', 'client-\u00e9']), new Set());
  }));

test.run();
