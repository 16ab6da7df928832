/**
 * SqliteEventStore.appendBatch (what `import clients` writes a batch with):
 * one transaction for every stream of the batch, all or nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { testKeyring } from '../support/audit-key.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { sampleEvents } from './sample-events.js';

test('a wrong expected version on one stream writes none of the batch; a right batch writes every stream, chained', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'epic-batch-'));
  const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
  try {
    await store.append('client-b', sampleEvents(2), 'no_stream');
    const head = await store.headPosition();
    const refused = await store
      .appendBatch([
        { streamId: 'client-a', events: sampleEvents(3), expected: 'no_stream' },
        { streamId: 'client-b', events: sampleEvents(1), expected: 1 },
        { streamId: 'client-c', events: sampleEvents(1), expected: 'no_stream' },
      ])
      .then(
        () => undefined,
        (error: unknown) => error,
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
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a new stream is appended without a look-up of its head: no_stream on a stream that exists is still refused (its version named, nothing written) and a retry still returns what was recorded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'epic-batch-'));
  const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
  try {
    await store.append('client-b', sampleEvents(2), 'no_stream');
    const head = await store.headPosition();
    const refused = await store
      .appendBatch([
        { streamId: 'client-a', events: sampleEvents(1), expected: 'no_stream' },
        { streamId: 'client-b', events: sampleEvents(1), expected: 'no_stream' },
      ])
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.instance(refused, WrongExpectedVersion);
    assert.equal([(refused as WrongExpectedVersion).streamId, (refused as WrongExpectedVersion).actual], ['client-b', 2]);
    assert.is(await store.headPosition(), head, 'nothing written');
    const single = await store.append('client-b', sampleEvents(1), 'no_stream').then(
      () => undefined,
      (error: unknown) => error,
    );
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
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('streamsWithEvents names, of the ids asked, those of streams holding an event, in one query', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'epic-batch-'));
  const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
  try {
    await store.append('client-b', sampleEvents(2), 'no_stream');
    await store.append('client-d', sampleEvents(1), 'no_stream');
    assert.equal([...(await store.streamsWithEvents(['client-a', 'client-b', 'client-c', 'client-d', 'client-b']))].sort(), [
      'client-b',
      'client-d',
    ]);
    assert.equal(await store.streamsWithEvents([]), new Set());
    assert.equal(await store.streamsWithEvents(['client-"quoted\\', 'client-\u00e9']), new Set());
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
