/**
 * The MySQL event store on a real server (EPIC_TEST_MYSQL_URL; see
 * mysql-test-database.ts): the shared contract, what is particular to MySQL
 * (schema, positions, the last line of defense), the global order a
 * projector relies on, several OS processes at once, and connection failures.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMysqlUrl } from '../../src/config/mysql-url.js';
import { BackendUnavailable, Conflict, InvalidInput } from '../../src/errors.js';
import type { EventStore, ExpectedVersion, JsonObject, RecordedEvent } from '../../src/events/event-store.js';
import { MysqlEventStore, openMysqlEventStore } from '../../src/events/mysql/event-store.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { defineEventStoreContract } from './contract.js';
import type { AppendedEvent, AppenderPlan, AppenderResult, RoundOutcome } from './fixtures/mysql-appender.js';
import {
  createTestDatabase,
  FIXTURE_URL_VARIABLE,
  mysqlTestUrl,
  mysqlUrl,
  rawConnection,
  type TestDatabase,
} from './mysql-test-database.js';
import { rejection } from './rejection.js';
import { sampleEvent, sampleEvents } from './sample-events.js';

const serverUrl = mysqlTestUrl();

if (serverUrl !== undefined) {
  defineEventStoreContract('mysql', async () => {
    const database = await createTestDatabase(serverUrl);
    try {
      const store = await openMysqlEventStore(database.url, { keyring: testKeyring });
      return {
        store,
        cleanup: async () => {
          try {
            await store.close();
          } finally {
            await database.drop();
          }
        },
      };
    } catch (error) {
      await database.drop();
      throw error;
    }
  });

  defineMysqlSuites(serverUrl);
}

interface DatabaseContext {
  database: TestDatabase;
  store: MysqlEventStore;
  /** A plain connection to the same database, to look under the store. */
  raw: Connection;
}

/** A suite with a fresh database, store and raw connection per test, all closed and dropped after it. */
function databaseSuite(serverUrl: string, title: string) {
  const test = suite<DatabaseContext>(`mysql event store: ${title}`, {} as DatabaseContext);
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
  return test;
}

async function rows<Row>(raw: Connection, sql: string, values?: unknown[]): Promise<Row[]> {
  return (await raw.query<RowDataPacket[]>(sql, values))[0] as Row[];
}

/** Reads the whole log in small batches, the way a projector does. */
async function readLog(store: EventStore, after = 0, limit = 50): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let from = after; ; ) {
    const batch = await store.readAll({ after: from, limit });
    if (batch.length === 0) return all;
    all.push(...batch);
    from = batch[batch.length - 1]!.position;
  }
}

interface FollowReport {
  /** Written, never read. */
  readonly missing: string[];
  /** Read more than once. */
  readonly repeated: string[];
  /** Read, never written. */
  readonly unknown: string[];
  /** Index of the first read whose position is not above the one before; -1 when they all increase. */
  readonly backwards: number;
}

/** What a projector following the log saw, compared with what was written. */
function followReport(seen: readonly { id: string; position: number }[], written: readonly string[]): FollowReport {
  const counts = new Map<string, number>();
  for (const { id } of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  const writtenIds = new Set(written);
  return {
    missing: written.filter((id) => !counts.has(id)),
    repeated: [...counts].filter(([, count]) => count > 1).map(([id]) => id),
    unknown: [...counts.keys()].filter((id) => !writtenIds.has(id)),
    backwards: seen.findIndex((e, i) => i > 0 && e.position <= seen[i - 1]!.position),
  };
}

/** Every written id read exactly once, nothing else, positions strictly increasing. */
function assertFollowedExactlyOnce(seen: readonly { id: string; position: number }[], written: readonly string[], label: string): void {
  const report = followReport(seen, written);
  assert.equal(report.missing, [], `${label}: ${report.missing.length} of ${written.length} events never reached the follower`);
  assert.equal(report.repeated, [], `${label}: events read twice`);
  assert.equal(report.unknown, [], `${label}: events nobody wrote`);
  assert.is(report.backwards, -1, `${label}: positions go backwards at read ${report.backwards}`);
}

function defineMysqlSuites(serverUrl: string): void {
  const server = parseMysqlUrl(serverUrl);

  {
    const test = databaseSuite(serverUrl, 'schema and storage');

    test('tables are InnoDB, utf8mb4, identifiers in a binary collation without padding', async ({ raw, database }) => {
      const tables = await rows<{ name: string; engine: string; collation: string }>(
        raw,
        'SELECT TABLE_NAME AS name, ENGINE AS engine, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
        [database.name],
      );
      assert.equal(
        tables.map((t) => t.name),
        ['credentials', 'events', 'log_head', 'streams'],
      );
      for (const table of tables) {
        assert.is(table.engine, 'InnoDB', table.name);
        assert.match(table.collation, /^utf8mb4_(0900_bin|nopad_bin)$/, table.name);
      }
    });

    test('"a", "a " and "A" are three streams, as in SQLite', async ({ store }) => {
      for (const stream of ['a', 'a ', 'A'])
        assert.is((await store.append(stream, sampleEvents(1), 'no_stream')).version, 1, JSON.stringify(stream));
      assert.equal(
        (await store.readStream('a ')).map((e) => e.streamId),
        ['a '],
      );
      assert.equal(
        (await store.streamHeads()).map((h) => h.streamId),
        ['A', 'a', 'a '],
      );
    });

    test('data and metadata are stored as the exact JSON text written; at_ms is the instant', async ({ store, raw }) => {
      const data: JsonObject = { name: 'Zoë — 日本語', emoji: '🎉👩‍💻🇫🇷', order: { z: 1, a: [2, 1] }, tiny: 1e-7, big: 9007199254740991 };
      const event = sampleEvent('Stored', data, { at: '2030-01-01T11:00:00+01:00' });
      await store.append('s', [event], 'no_stream');
      const [row] = await rows<{ data: string; metadata: string; at_ms: number }>(raw, 'SELECT data, metadata, at_ms FROM events');
      assert.is(row?.data, JSON.stringify(data));
      assert.is(row?.metadata, JSON.stringify(event.metadata));
      assert.is(row?.at_ms, Date.parse('2030-01-01T10:00:00.000Z'));
      assert.equal((await store.readStream('s'))[0]?.data, data);
    });

    test('init is idempotent, also from several stores at once on an empty database', async ({ database, store }) => {
      const written = await store.append('s', sampleEvents(3), 'no_stream');
      await store.init();
      await store.close();
      await store.close(); // closing twice is harmless

      const others = await Promise.all([0, 1, 2].map(() => openMysqlEventStore(database.url, { keyring: testKeyring })));
      try {
        assert.equal(await others[0]!.readStream('s'), written.events);
        assert.is(await others[1]!.headPosition(), written.position);
        await others[2]!.append('s', sampleEvents(1), 3);
        assertStreamIntact('s', await others[0]!.readStream('s'));
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }

      const fresh = await createTestDatabase(serverUrl);
      try {
        const racing = await Promise.all([0, 1, 2].map(() => openMysqlEventStore(fresh.url, { keyring: testKeyring })));
        await Promise.all(racing.map((s, i) => s.append(`s${i}`, sampleEvents(1), 'no_stream')));
        assert.equal(
          (await racing[0]!.readAll({ after: 0, limit: 10 })).map((e) => e.position),
          [1, 2, 3],
        );
        await Promise.all(racing.map((s) => s.close()));
      } finally {
        await fresh.drop();
      }
    });

    test('a batch bigger than one INSERT statement lands whole, or not at all', async ({ store }) => {
      const big = sampleEvents(1200, 'Bulk');
      const result = await store.append('bulk', big, 'no_stream');
      assert.is(result.version, 1200);
      assert.equal(
        result.events.map((e) => e.position),
        Array.from({ length: 1200 }, (_, i) => i + 1),
      );
      assertStreamIntact('bulk', await store.readStream('bulk'));

      // The 1100th id is already recorded: the first statements went in, the failing one undoes the whole batch.
      const clashing = sampleEvents(1200, 'Bulk');
      clashing[1099] = sampleEvent('Bulk', {}, { id: big[5]!.id });
      const error = await rejection(store.append('other', clashing, 'no_stream'));
      assert.instance(error, Conflict);
      assert.match(english(error), /already recorded \(stream bulk, version 6\)/);
      assert.equal(await store.readStream('other'), []);
      assert.is(await store.headPosition(), 1200);
    });

    test('large values: three 1.5 MB events in one append', async ({ store }) => {
      const chunk = 'é€🎉'.repeat(150_000);
      const events = [0, 1, 2].map((n) => sampleEvent('Large', { n, chunk }));
      await store.append('large', events, 'no_stream');
      const read = await store.readStream('large');
      assert.equal(
        read.map((e) => e.data.n),
        [0, 1, 2],
      );
      assert.ok(read.every((e) => e.data.chunk === chunk));
      assertStreamIntact('large', read);
    });

    test.run();
  }

  {
    const test = databaseSuite(serverUrl, 'appends');

    test('positions are dense: a refused or failed append takes none', async ({ store }) => {
      const other = await store.append('other', sampleEvents(1), 'no_stream');
      await store.append('s', sampleEvents(2), 'no_stream');
      assert.instance(await rejection(store.append('s', sampleEvents(2), 'no_stream')), WrongExpectedVersion);
      const clash = sampleEvent('Clash', {}, { id: other.events[0]!.id });
      assert.instance(await rejection(store.append('s', [sampleEvent('Ok'), clash], 2)), Conflict);
      assert.instance(await rejection(store.append('s', [sampleEvent('Bad', { n: 10n } as unknown as JsonObject)], 2)), TypeError);
      const next = await store.append('s', sampleEvents(1), 2);
      assert.is(next.position, 4);
      assert.equal(
        (await readLog(store)).map((e) => e.position),
        [1, 2, 3, 4],
      );
      assert.equal(
        (await store.streamHeads()).map((h) => [h.streamId, h.version]),
        [
          ['other', 1],
          ['s', 3],
        ],
      );
    });

    test('UNIQUE (stream_id, version) is the last line of defense: a lying streams row still gets WrongExpectedVersion', async ({
      store,
      raw,
    }) => {
      await store.append('s', sampleEvents(2), 'no_stream');
      // Damage the head row so the expected-version check passes on a stale version.
      await raw.query("UPDATE streams SET version = 1 WHERE stream_id = 's'");
      const error = await rejection(store.append('s', sampleEvents(1), 1));
      assert.instance(error, WrongExpectedVersion);
      assert.equal([(error as WrongExpectedVersion).expected, (error as WrongExpectedVersion).actual], [1, 2]);
      assert.is((await store.readStream('s')).length, 2);
      assert.is(await store.headPosition(), 2);
    });

    test('a "retry" whose first id belongs to another stream or batch is a Conflict', async ({ store }) => {
      const batch = sampleEvents(2);
      await store.append('s', batch, 'no_stream');

      const otherStream = await rejection(store.append('t', batch, 'no_stream'));
      assert.instance(otherStream, Conflict);
      assert.match(english(otherStream), /already recorded in stream s, not t/);

      const differentBatch = await rejection(store.append('s', [batch[0]!, sampleEvent('New')], 'no_stream'));
      assert.instance(differentBatch, Conflict);
      assert.not.instance(differentBatch, WrongExpectedVersion);
      assert.match(english(differentBatch), /different batch/);

      const longer = await rejection(store.append('s', [...batch, sampleEvent('New')], 'any'));
      assert.instance(longer, Conflict);

      const twice = sampleEvent('Twice');
      const repeated = await rejection(store.append('s', [sampleEvent('Ok'), twice, twice], 'any'));
      assert.instance(repeated, Conflict);
      assert.match(english(repeated), /appears twice in one batch/);

      assert.is((await store.readStream('s')).length, 2);
      assert.equal(await store.readStream('t'), []);
      assert.is(await store.headPosition(), 2);
    });

    test('bad arguments are refused before touching the database', async ({ store }) => {
      assert.instance(await rejection(store.readStream('s', { until: 'yesterday-ish' })), InvalidInput);
      assert.instance(await rejection(store.append('s', [sampleEvent('E', {}, { at: 'not a date' })], 'any')), InvalidInput);
      assert.instance(await rejection(store.append('s', sampleEvents(1), -1)), RangeError);
      assert.instance(await rejection(store.append('s', sampleEvents(1), 1.5)), RangeError);
      assert.instance(await rejection(store.readAll({ after: 0, limit: 0 })), RangeError);
      assert.instance(await rejection(store.readAll({ after: -1, limit: 1 })), RangeError);
      assert.instance(await rejection(store.readStream('s', { limit: -1 })), RangeError);
      assert.instance(await rejection(store.append('x'.repeat(256), sampleEvents(1), 'any')), InvalidInput);
      assert.instance(await rejection(store.append('s', [sampleEvent('T'.repeat(256))], 'any')), InvalidInput);
      assert.instance(await rejection(store.append('lone-\uD800', sampleEvents(1), 'any')), InvalidInput);
      assert.equal(await store.readAll({ after: 0, limit: 10, types: [] }), []);
      assert.is(await store.headPosition(), 0);

      // 255 characters is the limit, counted as characters, not UTF-16 units or bytes.
      const longest = '🎉'.repeat(255);
      assert.is((await store.append(longest, sampleEvents(1), 'no_stream')).version, 1);
      assert.is((await store.readStream(longest))[0]?.streamId, longest);
    });

    test('the constructor only makes the pool; init() creates the tables', async ({ database }) => {
      const store = new MysqlEventStore(database.target, { keyring: testKeyring });
      assert.is(store.kind, 'mysql');
      await store.init();
      assert.equal(await store.streamHeads(), []);
      assert.is(await store.headPosition(), 0);
      await store.close();
    });

    test('openEventStore("mysql://...", { keyring: testKeyring }) opens a ready store and its credential store', async ({ database }) => {
      const { store, credentials } = await openEventStore(database.url, { keyring: testKeyring });
      try {
        assert.is(store.kind, 'mysql');
        assert.is((await store.append('s', sampleEvents(2), 'no_stream')).version, 2);
        await credentials.set('u1', 'hash', 1);
        assert.is((await credentials.get('u1'))?.passwordHash ?? null, 'hash');
        await credentials.close();
        assert.is(await store.headPosition(), 2, 'closing the credential store leaves the shared pool open');
      } finally {
        await store.close();
      }
    });

    test.run();
  }

  {
    const test = databaseSuite(serverUrl, 'global order');

    test('control: with AUTO_INCREMENT positions, a follower skips an event that commits late', async ({ raw, database }) => {
      // What the log would look like with positions taken at insert time: the check below must catch it.
      await raw.query('CREATE TABLE naive_log (position BIGINT AUTO_INCREMENT PRIMARY KEY, id VARCHAR(36) NOT NULL) ENGINE=InnoDB');
      const [first, second] = [await rawConnection(database.target), await rawConnection(database.target)];
      try {
        const follow = async (after: number) =>
          rows<{ position: number; id: string }>(raw, 'SELECT position, id FROM naive_log WHERE position > ? ORDER BY position', [after]);
        const seen: { id: string; position: number }[] = [];
        await first.query('BEGIN');
        await first.query("INSERT INTO naive_log (id) VALUES ('slow')"); // gets position 1, commits last
        await second.query('BEGIN');
        await second.query("INSERT INTO naive_log (id) VALUES ('fast')"); // gets position 2
        await second.query('COMMIT');
        seen.push(...(await follow(0))); // sees 2 only: the checkpoint moves to 2
        await first.query('COMMIT');
        seen.push(...(await follow(seen.at(-1)?.position ?? 0))); // position 1 is now behind the checkpoint
        assert.equal(
          seen.map((e) => e.id),
          ['fast'],
        );
        assert.equal(followReport(seen, ['slow', 'fast']), { missing: ['slow'], repeated: [], unknown: [], backwards: -1 });
      } finally {
        await first.end();
        await second.end();
      }
    });

    test('an append waiting behind an unfinished one has no position yet; it gets the next one after the commit', async ({
      store,
      raw,
      database,
    }) => {
      await store.append('s', sampleEvents(1), 'no_stream');
      // Hold the log lock, as an append between its first statement and its commit does.
      await raw.query('BEGIN');
      await raw.query('SELECT position FROM log_head WHERE id = 1 FOR UPDATE');
      let settled = false;
      const waiting = store.append('t', sampleEvents(2), 'no_stream').finally(() => (settled = true));
      await sleep(300);
      assert.not.ok(settled, 'the append waits for the log lock');
      const reader = await openMysqlEventStore(database.url, { keyring: testKeyring });
      try {
        assert.is(await reader.headPosition(), 1);
        assert.equal(
          (await reader.readAll({ after: 0, limit: 10 })).map((e) => e.position),
          [1],
        );
        await raw.query('COMMIT');
        const appended = await waiting;
        assert.equal(
          appended.events.map((e) => e.position),
          [2, 3],
        );
        assert.equal(
          (await reader.readAll({ after: 1, limit: 10 })).map((e) => e.id),
          appended.events.map((e) => e.id),
        );
      } finally {
        await reader.close();
      }
    });

    test('8 writers on their own connections and a follower with checkpoints: every event once, in order', async ({ database }) => {
      const writers = await Promise.all(Array.from({ length: 8 }, () => openMysqlEventStore(database.url, { keyring: testKeyring })));
      const follower = await openMysqlEventStore(database.url, { keyring: testKeyring });
      try {
        const written: string[] = [];
        let writing = true;
        const write = async (store: EventStore, w: number) => {
          const versions = [0, 0, 0];
          for (let batch = 0; batch < 40; batch++) {
            const s = batch % 3;
            const events = sampleEvents(1 + (batch % 3), `W${w}`);
            versions[s] = (await store.append(`w${w}-s${s}`, events, versions[s]!)).version;
            written.push(...events.map((e) => e.id));
          }
        };
        const seen: RecordedEvent[] = [];
        const follow = async () => {
          let checkpoint = 0;
          for (;;) {
            const done = !writing; // read once more after the writers finished
            const batch = await follower.readAll({ after: checkpoint, limit: 4 });
            seen.push(...batch);
            checkpoint = batch.at(-1)?.position ?? checkpoint;
            if (batch.length === 0 && done) return;
          }
        };
        const following = follow();
        const started = performance.now();
        await Promise.all(writers.map((store, w) => write(store, w)));
        const elapsed = performance.now() - started;
        writing = false;
        await following;

        assert.is(written.length, 8 * 79); // 40 batches of 1, 2, 3, 1, ... events
        assertFollowedExactlyOnce(seen, written, '8 writers');
        assert.equal(
          seen.map((e) => e.position),
          Array.from({ length: written.length }, (_, i) => i + 1),
          'positions are 1..n',
        );
        for (let w = 0; w < 8; w++) {
          for (let s = 0; s < 3; s++) assertStreamIntact(`w${w}-s${s}`, await follower.readStream(`w${w}-s${s}`));
        }
        process.stdout.write(` [${written.length} events in 320 appends from 8 connections: ${elapsed.toFixed(0)} ms] `);
      } finally {
        await Promise.all([...writers, follower].map((s) => s.close()));
      }
    });

    test.run();
  }

  {
    const test = databaseSuite(serverUrl, 'several processes');

    test('4 processes append to their own streams while a follower checkpoints: every event read exactly once', async ({
      store,
      database,
    }) => {
      const plans = (startAt: number, w: number): AppenderPlan => ({ mode: 'streams', writer: `p${w}`, startAt, streams: 3, batches: 60 });
      const appenders = await spawnAppenders(database.url, 4);
      const startAt = Date.now() + 100;
      for (const [w, a] of appenders.entries()) a.start(plans(startAt, w));

      const seen: RecordedEvent[] = [];
      let checkpoint = 0;
      let finished = false;
      const results = Promise.all(appenders.map((a) => a.result)).finally(() => (finished = true));
      for (;;) {
        const done = finished;
        const batch = await store.readAll({ after: checkpoint, limit: 5 });
        seen.push(...batch);
        checkpoint = batch.at(-1)?.position ?? checkpoint;
        if (batch.length === 0) {
          if (done) break;
          await sleep(1);
        }
      }
      const appended = (await results).flatMap((r) => (r.mode === 'streams' ? r.appended : []));

      assert.is(appended.length, 4 * 120);
      assertFollowedExactlyOnce(
        seen,
        appended.map((e) => e.id),
        '4 processes',
      );
      const byId = new Map<string, AppendedEvent>(appended.map((e) => [e.id, e]));
      assert.ok(
        seen.every((e) => byId.get(e.id)?.position === e.position),
        'the follower sees the positions the writers were told',
      );
      for (let w = 0; w < 4; w++) {
        for (let s = 0; s < 3; s++) assertStreamIntact(`p${w}-stream-${s}`, await store.readStream(`p${w}-stream-${s}`));
      }
      const interleaved = seen.some((e, i) => i > 0 && e.data.writer !== seen[i - 1]!.data.writer);
      assert.ok(interleaved, 'the writers really ran at the same time');
    });

    test('two processes racing on one stream with the same expected version: one wins, one conflicts, every round', async ({
      store,
      database,
    }) => {
      const rounds: Array<{ streamId: string; expected: ExpectedVersion; seeded: number }> = [];
      for (let i = 0; i < 20; i++) {
        const seeded = i % 2 === 0 ? 1 : 0;
        const streamId = `race-${i}`;
        if (seeded) await store.append(streamId, sampleEvents(1), 'no_stream');
        rounds.push({ streamId, expected: seeded ? 1 : 'no_stream', seeded });
      }
      const appenders = await spawnAppenders(database.url, 2);
      const startAt = Date.now() + 100;
      for (const [i, a] of appenders.entries()) {
        a.start({
          mode: 'race',
          writer: `writer-${i}`,
          startAt,
          intervalMs: 15,
          rounds: rounds.map(({ streamId, expected }) => ({ streamId, expected })),
        });
      }
      const outcomes = (await Promise.all(appenders.map((a) => a.result))).map((r) => {
        if (r.mode !== 'race') throw new Error(`expected race results, got ${r.mode}`);
        return r.outcomes;
      });

      for (const [i, round] of rounds.entries()) {
        const pair = outcomes.map((o) => o[i]).filter((o): o is RoundOutcome => o !== undefined);
        const winners = pair.filter((o) => o.ok);
        const losers = pair.flatMap((o) => (o.ok ? [] : [o]));
        assert.is(winners.length, 1, `round ${i}: exactly one winner (${JSON.stringify(pair)})`);
        assert.is(losers.length, 1, `round ${i}: exactly one loser`);
        const loser = losers[0]!;
        assert.is(loser.error, 'WrongExpectedVersion', loser.message);
        assert.ok(loser.conflict, 'the loser gets a Conflict');
        assert.equal([loser.streamId, loser.expected, loser.actual], [round.streamId, round.expected, round.seeded + 1]);
        const events = await store.readStream(round.streamId);
        assert.is(events.length, round.seeded + 1, `round ${i}: no lost and no extra event`);
        assertStreamIntact(round.streamId, events);
      }
    });

    test("two processes appending 200 events each with 'any': all 400 land, in one unbroken chain", async ({ store, database }) => {
      const appenders = await spawnAppenders(database.url, 2);
      const startAt = Date.now() + 100;
      for (const [i, a] of appenders.entries()) a.start({ mode: 'flood', writer: `writer-${i}`, startAt, streamId: 'busy', count: 200 });
      const versions = (await Promise.all(appenders.map((a) => a.result))).flatMap((r) => (r.mode === 'flood' ? r.versions : []));
      assert.equal(
        [...versions].sort((a, b) => a - b),
        Array.from({ length: 400 }, (_, i) => i + 1),
        'versions 1..400, each once',
      );
      const events = await store.readStream('busy');
      assertStreamIntact('busy', events);
      for (const writer of ['writer-0', 'writer-1']) {
        const own = events.filter((e) => e.data.writer === writer).map((e) => e.data.n);
        assert.equal(
          own,
          Array.from({ length: 200 }, (_, n) => n),
          `${writer}'s events, in its order`,
        );
      }
      assert.is(await store.headPosition(), 400);
    });

    test.run();
  }

  {
    const test = suite('mysql event store: connection failures');
    const elapsed = async (work: Promise<unknown>) => {
      const started = performance.now();
      const error = await rejection(work);
      return { error, ms: performance.now() - started };
    };
    const assertOneLine = (error: unknown, pattern: RegExp, secret?: string) => {
      assert.instance(error, BackendUnavailable);
      const message = english(error);
      assert.match(message, pattern);
      assert.not.match(message, /\n/);
      if (secret !== undefined) assert.not.ok(message.includes(secret), `the message shows the password: ${message}`);
    };

    test('nothing listening (127.0.0.1:1): BackendUnavailable at once', async () => {
      const { error, ms } = await elapsed(openMysqlEventStore('mysql://epic:s3cr3t-pass@127.0.0.1:1/epic', { keyring: testKeyring }));
      assertOneLine(error, /^event store at mysql:\/\/epic@127\.0\.0\.1:1\/epic: connection refused/, 's3cr3t-pass');
      assert.ok(ms < 2_000, `took ${ms.toFixed(0)} ms`);
      process.stdout.write(` [refused: ${ms.toFixed(0)} ms] `);
    });

    test('the same through openEventStore, which exits 7', async () => {
      const error = await rejection(openEventStore('mysql://epic:s3cr3t-pass@127.0.0.1:1/epic', { keyring: testKeyring }));
      assertOneLine(error, /connection refused/, 's3cr3t-pass');
      assert.is((error as BackendUnavailable).exitCode, 7);
    });

    test('a wrong password: BackendUnavailable, quickly, without the password', async () => {
      const url = mysqlUrl(server, { password: 'wr0ng-s3cret-%@:/' });
      const { error, ms } = await elapsed(openMysqlEventStore(url, { keyring: testKeyring }));
      assertOneLine(error, new RegExp(`refused the credentials of user ${server.user}$`), 'wr0ng-s3cret');
      assert.ok(ms < 2_000, `took ${ms.toFixed(0)} ms`);
      process.stdout.write(` [bad password: ${ms.toFixed(0)} ms] `);
    });

    test('a user whose password needs percent-encoding connects; a missing database is BackendUnavailable', async () => {
      const user = `epic_${randomBytes(4).toString('hex')}`;
      const password = 'p@ss:w/rd%20é';
      const admin = await rawConnection(server, null);
      const database = await createTestDatabase(serverUrl);
      try {
        await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
        await admin.query(`GRANT ALL ON \`${database.name}\`.* TO ?@?`, [user, '%']);
        const store = await openMysqlEventStore(mysqlUrl(server, { user, password, database: database.name }), { keyring: testKeyring });
        assert.is((await store.append('s', sampleEvents(1), 'no_stream')).version, 1);
        await store.close();

        const missing = await rejection(
          openMysqlEventStore(mysqlUrl(server, { user, password, database: `${database.name}_missing` }), { keyring: testKeyring }),
        );
        assertOneLine(missing, /(does not exist|lacks the privileges)/, password);
        const missingForRoot = await rejection(
          openMysqlEventStore(mysqlUrl(server, { database: `${database.name}_missing` }), { keyring: testKeyring }),
        );
        assertOneLine(missingForRoot, /database epic_test_[0-9a-f]+_missing does not exist$/);
      } finally {
        await admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
        await admin.end();
        await database.drop();
      }
    });

    test('an unknown host: BackendUnavailable within the connect timeout', async () => {
      const { error, ms } = await elapsed(
        openMysqlEventStore('mysql://epic:s3cr3t@no-such-host.invalid:3306/epic', { keyring: testKeyring }),
      );
      assertOneLine(error, /no-such-host\.invalid:3306\/epic: (unknown host|no answer within 5000 ms)$/, 's3cr3t');
      assert.ok(ms < 6_000, `took ${ms.toFixed(0)} ms`);
      process.stdout.write(` [unknown host: ${ms.toFixed(0)} ms] `);
    });

    test('a server that accepts but never answers: BackendUnavailable after the connect timeout', async () => {
      const silent = await listenSilently();
      try {
        const port = (silent.address() as { port: number }).port;
        const { error, ms } = await elapsed(
          openMysqlEventStore(`mysql://epic:s3cr3t@127.0.0.1:${port}/epic`, { keyring: testKeyring, connectTimeoutMs: 800 }),
        );
        assertOneLine(error, /no answer within 800 ms$/, 's3cr3t');
        assert.ok(ms >= 700 && ms < 2_500, `took ${ms.toFixed(0)} ms`);
        process.stdout.write(` [silent server, 800 ms timeout: ${ms.toFixed(0)} ms] `);
      } finally {
        silent.close();
      }
    });

    test('the log held locked past the lock wait: BackendUnavailable; the store recovers', async () => {
      const database = await createTestDatabase(serverUrl);
      const store = await openMysqlEventStore(database.url, { keyring: testKeyring, lockWaitTimeoutSeconds: 1 });
      const holder = await rawConnection(database.target);
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT position FROM log_head WHERE id = 1 FOR UPDATE');
        const { error, ms } = await elapsed(store.append('s', sampleEvents(1), 'any'));
        assertOneLine(error, /busy: another writer held the log locked for more than 1 s$/);
        assert.ok(ms >= 900 && ms < 3_000, `waited ${ms.toFixed(0)} ms`);
        await holder.query('ROLLBACK');
        assert.is((await store.append('s', sampleEvents(1), 'no_stream')).version, 1);
      } finally {
        await holder.end();
        await store.close();
        await database.drop();
      }
    });

    test('a killed connection: the pool replaces it, the store carries on', async () => {
      const database = await createTestDatabase(serverUrl);
      const store = await openMysqlEventStore(database.url, { keyring: testKeyring });
      const admin = await rawConnection(server, null);
      try {
        await store.append('s', sampleEvents(1), 'no_stream');
        const ids = await rows<{ id: number }>(admin, 'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ?', [database.name]);
        assert.ok(ids.length > 0, 'the store holds a pooled connection');
        for (const { id } of ids) await admin.query('KILL ?', [id]);
        await sleep(100);
        // A call may still meet the dying connection; if so, it is BackendUnavailable, and the next call works.
        const first = await store.append('s', sampleEvents(1), 1).catch((error: unknown) => error);
        if (first instanceof Error) assertOneLine(first, /connection to the server was lost/);
        const version = (await store.readStream('s')).length;
        assert.is((await store.append('s', sampleEvents(1), version)).version, version + 1);
      } finally {
        await admin.end();
        await store.close();
        await database.drop();
      }
    });

    test.run();
  }
}

/** A TCP server that accepts connections and never says a word, as a hung MySQL would. */
async function listenSilently(): Promise<Server> {
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  return silent;
}

// ---- Child processes -------------------------------------------------------------------------

const appenderScript = fileURLToPath(new URL('./fixtures/mysql-appender.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Appender {
  start(plan: AppenderPlan): void;
  readonly result: Promise<AppenderResult>;
}

/** Starts `count` appender processes on the database `url` names; resolves once all have opened the store. */
async function spawnAppenders(url: string, count: number): Promise<Appender[]> {
  const appenders = Array.from({ length: count }, () => spawnAppender(url));
  await Promise.all(appenders.map((a) => a.ready));
  return appenders;
}

function spawnAppender(url: string): Appender & { readonly ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', appenderScript], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, [FIXTURE_URL_VARIABLE]: url },
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill(), 60_000);
  const result = new Promise<AppenderResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`appender exited with ${String(code)}\nstdout: ${stdout}\nstderr: ${stderr}`));
        return;
      }
      resolve(JSON.parse(last) as AppenderResult);
    });
  });
  // A child that dies before "ready" must fail the test, not hang it.
  return {
    ready: Promise.race([ready, result.then(() => {})]),
    start: (plan) => child.stdin.end(`${JSON.stringify(plan)}\n`),
    result,
  };
}
