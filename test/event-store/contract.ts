/**
 * The event store contract, written once and run against every adapter
 * (sqlite.test.ts, and mysql/esdb when they exist). It uses stream ids and
 * event types unique to each run and measures positions relative to the head
 * it finds, so it also runs against a store that already holds data.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Conflict, ExitCode } from '../../src/errors.js';
import type { EventStore, ExpectedVersion, JsonObject, NewEvent, RecordedEvent } from '../../src/events/event-store.js';
import { chainHash, GENESIS_HASH } from '../../src/events/hash-chain.js';
import { keyedHash } from '../../src/events/keyed-chain.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { assertStreamIntact, storedFieldsOf } from './assert-stream-intact.js';
import { rejection } from './rejection.js';
import { sampleEvent, sampleEvents, uniqueNames } from './sample-events.js';

export interface StoreUnderTest {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

interface StoreContext {
  opened?: StoreUnderTest;
}

export function defineEventStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  const names = uniqueNames(name);

  /** A suite whose tests share one store, opened before and cleaned up after. */
  function storeSuite(title: string) {
    const test = suite<StoreContext>(`${name} event store: ${title}`, {});
    test.before(async (context) => {
      context.opened = await open();
    });
    test.after(async (context) => {
      await context.opened?.cleanup();
      context.opened = undefined;
    });
    const storeOf = (context: StoreContext): EventStore => {
      if (!context.opened) throw new Error('the store was not opened');
      return context.opened.store;
    };
    return { test, storeOf };
  }

  {
    const { test, storeOf } = storeSuite('append');

    test('a new stream gets versions 1..n and increasing positions', async (context) => {
      const store = storeOf(context);
      const stream = names('account');
      const before = await store.headPosition();
      const events = sampleEvents(3);
      const result = await store.append(stream, events, 'no_stream');

      assert.is(result.version, 3);
      assert.equal(
        result.events.map((e) => e.version),
        [1, 2, 3],
      );
      assert.equal(
        result.events.map((e) => e.id),
        events.map((e) => e.id),
      );
      assert.ok(result.events.every((e) => e.streamId === stream));
      const positions = result.events.map((e) => e.position);
      assert.ok(positions[0]! > before, 'positions come after the previous head');
      assert.ok(
        positions.every((p, i) => i === 0 || p > positions[i - 1]!),
        'positions increase',
      );
      assert.is(result.position, positions[2]);
      assert.is(await store.headPosition(), result.position);
    });

    test('the recorded events are what a read returns', async (context) => {
      const store = storeOf(context);
      const stream = names('account');
      const first = await store.append(stream, sampleEvents(2), 'no_stream');
      const second = await store.append(stream, [sampleEvent('SampleHappened', { n: 2 })], 2);

      assert.is(second.version, 3);
      assert.is(second.events[0]?.version, 3);
      assert.ok(second.position > first.position);
      assert.equal(await store.readStream(stream), [...first.events, ...second.events]);
    });

    test('an empty batch only checks the expected version', async (context) => {
      const store = storeOf(context);
      const stream = names('account');
      await store.append(stream, sampleEvents(2), 'no_stream');
      const before = await store.headPosition();

      const result = await store.append(stream, [], 2);
      assert.is(result.version, 2);
      assert.equal(result.events, []);
      assert.is(await store.headPosition(), before);
      assert.instance(await rejection(store.append(stream, [], 'no_stream')), WrongExpectedVersion);
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('expected version');

    const cases: ReadonlyArray<readonly [title: string, existing: number, expected: ExpectedVersion, accepted: boolean]> = [
      ['any on a new stream', 0, 'any', true],
      ['any on an existing stream', 2, 'any', true],
      ['no_stream on a new stream', 0, 'no_stream', true],
      ['no_stream on an existing stream', 2, 'no_stream', false],
      ['stream_exists on a new stream', 0, 'stream_exists', false],
      ['stream_exists on an existing stream', 2, 'stream_exists', true],
      ['0 on a new stream (same as no_stream)', 0, 0, true],
      ['0 on an existing stream (same as no_stream)', 2, 0, false],
      ['the exact current version', 2, 2, true],
      ['a version behind the stream', 2, 1, false],
      ['a version ahead of the stream', 2, 3, false],
      ['a positive version on a new stream', 0, 1, false],
    ];

    for (const [title, existing, expected, accepted] of cases) {
      test(`${title}: ${accepted ? 'accepted' : 'refused'}`, async (context) => {
        const store = storeOf(context);
        const stream = names('expected');
        if (existing > 0) await store.append(stream, sampleEvents(existing), 'no_stream');
        const streamBefore = await store.readStream(stream);
        const headBefore = await store.headPosition();
        const batch = sampleEvents(2, 'Attempted');

        if (accepted) {
          const result = await store.append(stream, batch, expected);
          assert.is(result.version, existing + 2);
          assert.equal(
            (await store.readStream(stream)).map((e) => e.id),
            [...streamBefore.map((e) => e.id), ...batch.map((e) => e.id)],
          );
          return;
        }

        const error = await rejection(store.append(stream, batch, expected));
        assert.instance(error, WrongExpectedVersion);
        assert.instance(error, Conflict);
        const conflict = error as WrongExpectedVersion;
        assert.is(conflict.streamId, stream);
        assert.is(conflict.expected, expected);
        assert.is(conflict.actual, existing);
        assert.is(conflict.exitCode, ExitCode.conflict);
        // A refused append leaves nothing behind.
        assert.equal(await store.readStream(stream), streamBefore);
        assert.is(await store.headPosition(), headBefore);
      });
    }

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('readStream');
    const at = (minute: number) => `2030-01-01T10:0${minute}:00.000Z`;

    /** Five events recorded a minute apart, from 10:00 to 10:04. */
    async function fiveMinutes(store: EventStore): Promise<string> {
      const stream = names('timeline');
      const events = [0, 1, 2, 3, 4].map((m) => sampleEvent('Ticked', { m }, { at: at(m) }));
      await store.append(stream, events, 'no_stream');
      return stream;
    }
    const versions = (events: readonly RecordedEvent[]) => events.map((e) => e.version);

    test('reads the whole stream in version order', async (context) => {
      const store = storeOf(context);
      const stream = await fiveMinutes(store);
      const events = await store.readStream(stream);
      assert.equal(versions(events), [1, 2, 3, 4, 5]);
      assert.equal(
        events.map((e) => e.data.m),
        [0, 1, 2, 3, 4],
      );
    });

    test('fromVersion, limit and both', async (context) => {
      const store = storeOf(context);
      const stream = await fiveMinutes(store);
      assert.equal(versions(await store.readStream(stream, { fromVersion: 3 })), [3, 4, 5]);
      assert.equal(versions(await store.readStream(stream, { limit: 2 })), [1, 2]);
      assert.equal(versions(await store.readStream(stream, { fromVersion: 2, limit: 2 })), [2, 3]);
      assert.equal(versions(await store.readStream(stream, { fromVersion: 5, limit: 10 })), [5]);
      assert.equal(await store.readStream(stream, { fromVersion: 6 }), []);
    });

    test('until keeps events recorded at or before an instant', async (context) => {
      const store = storeOf(context);
      const stream = await fiveMinutes(store);
      assert.equal(versions(await store.readStream(stream, { until: at(2) })), [1, 2, 3]);
      assert.equal(versions(await store.readStream(stream, { until: '2030-01-01T10:02:30.000Z' })), [1, 2, 3]);
      assert.equal(await store.readStream(stream, { until: '2030-01-01T09:59:59.999Z' }), []);
      assert.equal(versions(await store.readStream(stream, { until: '2031-01-01T00:00:00.000Z' })), [1, 2, 3, 4, 5]);
      assert.equal(versions(await store.readStream(stream, { fromVersion: 2, until: at(3), limit: 2 })), [2, 3]);
    });

    test('until compares instants, not strings', async (context) => {
      const store = storeOf(context);
      const stream = await fiveMinutes(store);
      // The same instant as at(2) without milliseconds, and with an offset.
      assert.equal(versions(await store.readStream(stream, { until: '2030-01-01T10:02:00Z' })), [1, 2, 3]);
      assert.equal(versions(await store.readStream(stream, { until: '2030-01-01T11:02:00+01:00' })), [1, 2, 3]);
    });

    test('a missing stream reads as []', async (context) => {
      const store = storeOf(context);
      assert.equal(await store.readStream(names('missing')), []);
      assert.equal(await store.readStream(names('missing'), { fromVersion: 3, limit: 1, until: at(1) }), []);
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('readAll');

    /** Appends across three streams, interleaved; returns the ids in commit order. */
    async function interleaved(store: EventStore, types: readonly [string, string, string]): Promise<NewEvent[]> {
      const [a, b, c] = [names('all'), names('all'), names('all')];
      const [ta, tb, tc] = types;
      const batches: Array<[string, NewEvent[]]> = [
        [a, [sampleEvent(ta, { s: 'a', n: 1 }), sampleEvent(ta, { s: 'a', n: 2 })]],
        [b, [sampleEvent(tb, { s: 'b', n: 1 })]],
        [a, [sampleEvent(tc, { s: 'a', n: 3 })]],
        [c, [sampleEvent(tc, { s: 'c', n: 1 }), sampleEvent(tb, { s: 'c', n: 2 })]],
        [b, [sampleEvent(ta, { s: 'b', n: 2 })]],
      ];
      const written: NewEvent[] = [];
      for (const [stream, events] of batches) {
        await store.append(stream, events, 'any');
        written.push(...events);
      }
      return written;
    }

    async function readInBatches(store: EventStore, after: number, limit: number, types?: readonly string[]) {
      const all: RecordedEvent[] = [];
      const sizes: number[] = [];
      for (let from = after; ; ) {
        const batch = await store.readAll(types ? { after: from, limit, types } : { after: from, limit });
        sizes.push(batch.length);
        if (batch.length === 0) return { all, sizes };
        all.push(...batch);
        from = batch[batch.length - 1]!.position;
      }
    }

    test('reads the log in batches, across streams, in commit order', async (context) => {
      const store = storeOf(context);
      const types = [names('TypeA'), names('TypeB'), names('TypeC')] as const;
      const head = await store.headPosition();
      const written = await interleaved(store, types);

      const { all, sizes } = await readInBatches(store, head, 3);
      assert.equal(
        all.map((e) => e.id),
        written.map((e) => e.id),
      );
      assert.equal(sizes, [3, 3, 1, 0]);
      assert.ok(
        all.every((e, i) => i === 0 || e.position > all[i - 1]!.position),
        'positions increase',
      );
      assert.is(all[all.length - 1]?.position, await store.headPosition());

      // Resuming after any position returns exactly the rest.
      const resumed = await store.readAll({ after: all[3]!.position, limit: 100 });
      assert.equal(
        resumed.map((e) => e.id),
        written.slice(4).map((e) => e.id),
      );
      // What readAll returns is what readStream returns.
      const first = all[0]!;
      assert.equal((await store.readStream(first.streamId, { limit: 1 }))[0], first);
    });

    test('types filters before the limit applies', async (context) => {
      const store = storeOf(context);
      const types = [names('TypeA'), names('TypeB'), names('TypeC')] as const;
      const head = await store.headPosition();
      const written = await interleaved(store, types);
      const wanted = [types[0], types[2]];

      const { all, sizes } = await readInBatches(store, head, 2, wanted);
      assert.equal(
        all.map((e) => e.id),
        written.filter((e) => wanted.includes(e.type)).map((e) => e.id),
      );
      assert.equal(sizes, [2, 2, 1, 0]);
      assert.equal(
        (await store.readAll({ after: head, limit: 10, types: [types[1]] })).map((e) => e.data),
        [
          { s: 'b', n: 1 },
          { s: 'c', n: 2 },
        ],
      );
      assert.equal(await store.readAll({ after: head, limit: 10, types: [names('NeverWritten')] }), []);
    });

    test('reading after the head returns nothing', async (context) => {
      const store = storeOf(context);
      await store.append(names('all'), sampleEvents(1), 'any');
      assert.equal(await store.readAll({ after: await store.headPosition(), limit: 10 }), []);
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('hash chain');

    test('each prevHash is the previous hash, from GENESIS_HASH, across appends', async (context) => {
      const store = storeOf(context);
      const stream = names('chain');
      const first = await store.append(stream, sampleEvents(3), 'no_stream');
      await store.append(stream, sampleEvents(2), 3);
      await store.append(stream, sampleEvents(1), 'any');
      const events = await store.readStream(stream);

      assert.is(events.length, 6);
      assert.is(events[0]?.metadata.prevHash, GENESIS_HASH);
      assert.is(events[3]?.metadata.prevHash, first.events[2]?.metadata.hash, 'the chain continues across appends');
      assertStreamIntact(stream, events);
    });

    test('the hash is the keyed link of the event as stored, which readStored returns, time included', async (context) => {
      const store = storeOf(context);
      const stream = names('chain');
      const at = '2030-01-01T10:00:00Z';
      const result = await store.append(stream, [sampleEvent('Signed', { amount: '1500.00' }, { at })], 'no_stream');
      const [event] = await store.readStream(stream);
      assert.ok(event);
      assert.is(event.metadata.hash, result.events[0]?.metadata.hash);
      assert.match(event.metadata.hash, /^[0-9a-f]{64}$/);
      const [stored] = await store.readStored({ after: event.position - 1, limit: 1 });
      assert.ok(stored);
      assert.equal(
        { ...stored, position: event.position, prevHash: GENESIS_HASH, hash: event.metadata.hash },
        { ...storedFieldsOf(event), position: event.position, prevHash: GENESIS_HASH, hash: event.metadata.hash },
        'readStored: the texts as stored, the time as the store keeps it beside the event',
      );
      assert.is(stored.data, '{"amount":"1500.00"}');
      assert.is(stored.at, '2030-01-01T10:00:00.000Z', 'the instant, in one form on every store');
      assert.is(keyedHash(TEST_AUDIT_KEY, GENESIS_HASH, stored), event.metadata.hash);
      for (const tampered of [
        { data: '{"amount":"15000.00"}' },
        { at: '2031-01-01T10:00:00.000Z' },
        { streamId: `${stream}-other` },
        { version: 2 },
      ]) {
        assert.is.not(keyedHash(TEST_AUDIT_KEY, GENESIS_HASH, { ...stored, ...tampered }), event.metadata.hash, JSON.stringify(tampered));
      }
      assert.is.not(chainHash(GENESIS_HASH, stream, 1, event), event.metadata.hash, 'not the plain SHA-256 link of the chain before');
    });

    test('readStored pages the log in position order, as readAll does', async (context) => {
      const store = storeOf(context);
      const before = await store.headPosition();
      const stream = names('stored');
      await store.append(stream, sampleEvents(5), 'no_stream');
      const all = await store.readAll({ after: before, limit: 10 });
      const first = await store.readStored({ after: before, limit: 3 });
      const rest = await store.readStored({ after: first[first.length - 1]?.position ?? 0, limit: 10 });
      assert.equal(
        [...first, ...rest].map((e) => [e.position, e.streamId, e.version, e.hash]),
        all.map((e) => [e.position, e.streamId, e.version, e.metadata.hash]),
      );
    });

    test('each stream has its own chain', async (context) => {
      const store = storeOf(context);
      const [a, b] = [names('chain'), names('chain')];
      await store.append(a, sampleEvents(2), 'no_stream');
      await store.append(b, sampleEvents(2), 'no_stream');
      await store.append(a, sampleEvents(1), 2);
      const [streamA, streamB] = [await store.readStream(a), await store.readStream(b)];
      assertStreamIntact(a, streamA);
      assertStreamIntact(b, streamB);
      assert.is(streamB[0]?.metadata.prevHash, GENESIS_HASH);
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('round trip');

    test('metadata comes back exactly', async (context) => {
      const store = storeOf(context);
      const stream = names('metadata');
      const metadata = {
        actor: { id: 'user-Ωmega-42', role: 'support' as const },
        at: '2024-02-29T23:59:59.999Z',
        commandId: 'cmd-2f1c9a7e-0d3b-4c55-9a8e-1b2c3d4e5f60',
      };
      const event = sampleEvent('Noted', { n: 1 }, metadata);
      await store.append(stream, [event], 'no_stream');

      const [read] = await store.readStream(stream);
      assert.ok(read);
      const { prevHash, hash, ...rest } = read.metadata;
      assert.equal(rest, metadata);
      assert.is(prevHash, GENESIS_HASH);
      assert.is(typeof hash, 'string');
      const [fromLog] = await store.readAll({ after: read.position - 1, limit: 1 });
      assert.equal(fromLog, read);
    });

    test('data comes back exactly: unicode, emoji, quotes, injection, nesting, nulls', async (context) => {
      const store = storeOf(context);
      const stream = names('data');
      const data: JsonObject = {
        name: 'Zoë Ünïcödé — 日本語 • Ελληνικά • עברית',
        emoji: '🎉👩‍💻🇫🇷',
        quotes: `"double" 'single' \`back\` \\backslash\\`,
        injection: "Robert'); DROP TABLE events;--",
        alsoInjection: "x' OR '1'='1",
        controls: 'line\nbreak\ttab\r\u0000nul',
        nested: { level1: { level2: { list: [1, 'two', { three: 3 }, [4, [5]]], empty: {}, none: null } } },
        nothing: null,
        emptyString: '',
        emptyList: [],
        numbers: { zero: 0, negative: -12.5, maxSafe: 9007199254740991, tenth: 0.1, tiny: 1e-7 },
        booleans: [true, false],
        'key with "quotes" and \'apostrophes\'': 'ok',
        '': 'empty key',
      };
      const event = sampleEvent('Weird', data);
      const result = await store.append(stream, [event], 'no_stream');

      const [read] = await store.readStream(stream);
      assert.ok(read);
      assert.equal(read.data, data);
      assert.equal(result.events[0]?.data, data);
      assert.is(read.type, 'Weird');
      assert.is(read.schemaVersion, 1);
      assert.is(read.id, event.id);
      assertStreamIntact(stream, [read]);
    });

    test('schemaVersion and type come back as written', async (context) => {
      const store = storeOf(context);
      const stream = names('schema');
      await store.append(stream, [sampleEvent('ClientRenamed.v3', { name: 'x' }, { schemaVersion: 3 })], 'no_stream');
      const [read] = await store.readStream(stream);
      assert.is(read?.schemaVersion, 3);
      assert.is(read?.type, 'ClientRenamed.v3');
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('streamHeads');

    test('lists every stream with its version and last hash', async (context) => {
      const store = storeOf(context);
      const [a, b] = [names('heads'), names('heads')];
      await store.append(a, sampleEvents(3), 'no_stream');
      const lastB = await store.append(b, sampleEvents(1), 'no_stream');
      const lastA = await store.append(a, sampleEvents(1), 3);

      const heads = new Map((await store.streamHeads()).map((h) => [h.streamId, h]));
      assert.equal(heads.get(a), { streamId: a, version: 4, hash: lastA.events[0]!.metadata.hash });
      assert.equal(heads.get(b), { streamId: b, version: 1, hash: lastB.events[0]!.metadata.hash });
      assert.not.ok(heads.has(names('missing')));
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('idempotent retry');

    test('appending the same event ids again returns the recorded result', async (context) => {
      const store = storeOf(context);
      const stream = names('retry');
      const batch = sampleEvents(2, 'Created');
      const original = await store.append(stream, batch, 'no_stream');
      const head = await store.headPosition();

      for (const expected of ['no_stream', 0, 'any', 'stream_exists'] as const) {
        const retried = await store.append(stream, batch, expected);
        assert.equal(retried, original, `retry with expected ${String(expected)}`);
      }
      assert.is(await store.headPosition(), head, 'the retries wrote nothing');
      assert.equal(await store.readStream(stream), original.events);
    });

    test('a retry after later appends still returns its own result', async (context) => {
      const store = storeOf(context);
      const stream = names('retry');
      const batch = sampleEvents(2, 'Created');
      const original = await store.append(stream, batch, 'no_stream');
      const next = [sampleEvent('Renamed')];
      const later = await store.append(stream, next, 2);

      assert.equal(await store.append(stream, batch, 'no_stream'), original);
      assert.equal(await store.append(stream, next, 2), later);
      assert.is((await store.readStream(stream)).length, 3);
      assertStreamIntact(stream, await store.readStream(stream));
    });

    test.run();
  }

  {
    const { test, storeOf } = storeSuite('multi-stream append');

    test('several streams in one append: each its versions and its own chain, positions in the order given', async (context) => {
      const store = storeOf(context);
      const [a, b, log] = [names('many'), names('many'), names('many-log')];
      await store.append(a, sampleEvents(2), 'no_stream');
      const before = await store.headPosition();
      const results = await store.appendMany([
        { streamId: a, events: sampleEvents(2), expected: 2 },
        { streamId: b, events: sampleEvents(1), expected: 'no_stream' },
        { streamId: log, events: sampleEvents(1, 'Logged'), expected: 'any' },
      ]);
      assert.equal(
        results.map((r) => r.version),
        [4, 1, 1],
      );
      const positions = results.flatMap((r) => r.events.map((e) => e.position));
      assert.ok(positions[0]! > before, 'after the head');
      assert.equal(
        positions,
        [...positions].sort((x, y) => x - y),
        'in the order of the entries',
      );
      assert.equal(await store.readStream(b), results[1]!.events);
      assertStreamIntact(a, await store.readStream(a));
      assertStreamIntact(b, await store.readStream(b));
      assert.is((await store.readStream(a))[2]?.metadata.prevHash, (await store.readStream(a))[1]?.metadata.hash, 'a continues its chain');
    });

    test('a check-only entry: its version is checked, nothing is written to it', async (context) => {
      const store = storeOf(context);
      const [guard, written] = [names('guard'), names('guarded')];
      await store.append(guard, sampleEvents(3), 'no_stream');
      const head = await store.headPosition();
      const error = await rejection(
        store.appendMany([
          { streamId: written, events: sampleEvents(2), expected: 'no_stream' },
          { streamId: guard, events: [], expected: 2 },
        ]),
      );
      assert.instance(error, WrongExpectedVersion);
      assert.is(await store.headPosition(), head, 'nothing written when a check fails');
      assert.equal(await store.readStream(written), []);
      const results = await store.appendMany([
        { streamId: written, events: sampleEvents(2), expected: 'no_stream' },
        { streamId: guard, events: [], expected: 3 },
      ]);
      assert.equal(results[1]?.events, []);
      assert.is(results[1]?.version, 3);
      assert.is((await store.readStream(guard)).length, 3, 'the checked stream is unchanged');
      assert.is((await store.readStream(written)).length, 2);
    });

    test('all or nothing: a wrong expected version in the last entry leaves the first ones unwritten', async (context) => {
      const store = storeOf(context);
      // EventStoreDB has no transaction across streams: entries that write are appended one by one.
      if (store.kind !== 'esdb') {
        const [first, second] = [names('atomic'), names('atomic')];
        await store.append(second, sampleEvents(1), 'no_stream');
        const head = await store.headPosition();
        const error = await rejection(
          store.appendMany([
            { streamId: first, events: sampleEvents(3), expected: 'no_stream' },
            { streamId: second, events: sampleEvents(1), expected: 'no_stream' },
          ]),
        );
        assert.instance(error, WrongExpectedVersion);
        assert.is(await store.headPosition(), head);
        assert.equal(await store.readStream(first), []);
        assert.is((await store.readStream(second)).length, 1);
      }
    });

    test('a retried batch returns what it recorded, whatever moved since, and writes nothing', async (context) => {
      const store = storeOf(context);
      const [a, guard, log] = [names('retry-many'), names('retry-guard'), names('retry-log')];
      await store.append(guard, sampleEvents(1), 'no_stream');
      const batch = [
        { streamId: a, events: sampleEvents(2), expected: 'no_stream' as const },
        { streamId: guard, events: [], expected: 1 },
        { streamId: log, events: sampleEvents(1, 'Logged'), expected: 'any' as const },
      ];
      const original = await store.appendMany(batch);
      await store.append(guard, sampleEvents(1), 1);
      await store.append(a, sampleEvents(1), 2);
      const head = await store.headPosition();
      const retried = await store.appendMany(batch);
      assert.equal(retried[0], original[0]);
      assert.equal(retried[2], original[2]);
      assert.is(await store.headPosition(), head, 'the retry wrote nothing');
    });

    test('a stream named twice is refused', async (context) => {
      const store = storeOf(context);
      const a = names('twice');
      const error = await rejection(
        store.appendMany([
          { streamId: a, events: sampleEvents(1), expected: 'any' },
          { streamId: a, events: sampleEvents(1), expected: 'any' },
        ]),
      );
      assert.instance(error, RangeError);
      assert.equal(await store.readStream(a), []);
    });

    test.run();
  }
}
