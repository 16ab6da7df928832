import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable, Conflict, InvalidInput } from '../../src/errors.js';
import type { ExpectedVersion, JsonObject } from '../../src/events/event-store.js';
import { openSqliteEventStore, SqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { defineEventStoreContract } from './contract.js';
import type { FloodPlan, RacePlan, RacerResult } from './fixtures/append-racer.js';
import { rejection } from './rejection.js';
import { sampleEvent, sampleEvents } from './sample-events.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'epic-sqlite-'));
}

defineEventStoreContract('sqlite', async () => {
  const dir = await tempDir();
  const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

interface FileContext {
  dir: string;
}

/** A suite with a fresh temporary folder per test. */
function fileSuite(title: string) {
  const test = suite<FileContext>(`sqlite event store: ${title}`, { dir: '' });
  test.before.each(async (context) => {
    context.dir = await tempDir();
  });
  test.after.each(async (context) => {
    await rm(context.dir, { recursive: true, force: true });
  });
  return test;
}

const mode = (file: string) => statSync(file).mode & 0o777;

{
  const test = fileSuite('files');

  test('the database, -wal and -shm files are 0600, whatever the umask', async ({ dir }) => {
    const previous = process.umask(0o000);
    try {
      const path = join(dir, 'events.db');
      const store = await openSqliteEventStore(path, { keyring: testKeyring });
      await store.append('s', sampleEvents(1), 'no_stream');
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        assert.ok(existsSync(file), `${file} exists`);
        assert.is(mode(file).toString(8), '600', file);
      }
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  test('events survive closing and reopening; init is idempotent', async ({ dir }) => {
    const path = join(dir, 'events.db');
    const first = await openSqliteEventStore(path, { keyring: testKeyring });
    const written = await first.append('s', sampleEvents(3), 'no_stream');
    await first.init();
    await first.close();
    await first.close(); // closing twice is harmless

    const second = await openSqliteEventStore(path, { keyring: testKeyring, synchronous: 'NORMAL' });
    assert.equal(await second.readStream('s'), written.events);
    assert.is(await second.headPosition(), written.position);
    await second.append('s', sampleEvents(1), 3);
    assertStreamIntact('s', await second.readStream('s'));
    await second.close();
  });

  test('a path in a missing folder is BackendUnavailable with a one-line message', async ({ dir }) => {
    const path = join(dir, 'no', 'such', 'folder', 'events.db');
    const error = await rejection(openSqliteEventStore(path, { keyring: testKeyring }));
    assert.instance(error, BackendUnavailable);
    const message = english(error);
    assert.ok(message.includes(path), message);
    assert.ok(message.includes('folder does not exist'), message);
    assert.not.ok(message.includes('\n'));
  });

  test('a folder, or a file that is not a database, is BackendUnavailable', async ({ dir }) => {
    const folder = join(dir, 'events.db');
    await mkdir(folder);
    assert.instance(await rejection(openSqliteEventStore(folder, { keyring: testKeyring })), BackendUnavailable);

    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a SQLite database, not even close. '.repeat(200));
    const error = await rejection(openSqliteEventStore(garbage, { keyring: testKeyring }));
    assert.instance(error, BackendUnavailable);
    assert.match(english(error), /not a valid SQLite database/);
  });

  test.run();
}

{
  const test = fileSuite('failures');

  test('a write lock held past the busy timeout is BackendUnavailable; the store recovers', async ({ dir }) => {
    const path = join(dir, 'events.db');
    const store = await openSqliteEventStore(path, { keyring: testKeyring, busyTimeoutMs: 100 });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const error = await rejection(store.append('s', sampleEvents(1), 'any'));
      const waited = performance.now() - started;
      assert.instance(error, BackendUnavailable);
      assert.match(english(error), /busy.*more than 100 ms/);
      assert.ok(waited >= 90, `waited ${waited.toFixed(0)} ms for the lock`);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.is((await store.append('s', sampleEvents(1), 'no_stream')).version, 1);
    await store.close();
  });

  test('data JSON cannot encode fails the whole batch and leaves nothing', async ({ dir }) => {
    const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
    await store.append('s', sampleEvents(1), 'no_stream');
    const [streamBefore, headBefore] = [await store.readStream('s'), await store.headPosition()];

    // A BigInt slipped past the types (as a bug would): JSON.stringify refuses it.
    const bad = sampleEvent('Bad', { amount: 10n } as unknown as JsonObject);
    const error = await rejection(store.append('s', [sampleEvent('Good'), bad, sampleEvent('Good')], 1));
    assert.instance(error, TypeError);
    assert.equal(await store.readStream('s'), streamBefore);
    assert.is(await store.headPosition(), headBefore);
    await store.close();
  });

  test('an insert failing mid-batch rolls the batch back', async ({ dir }) => {
    const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
    const elsewhere = await store.append('other', sampleEvents(1), 'no_stream');
    await store.append('s', sampleEvents(2), 'no_stream');
    const [streamBefore, headBefore] = [await store.readStream('s'), await store.headPosition()];

    // Third event reuses an id recorded in another stream: the UNIQUE(id) insert fails after two inserts.
    const clash = sampleEvent('Clash', {}, { id: elsewhere.events[0]!.id });
    const error = await rejection(store.append('s', [sampleEvent('Ok'), sampleEvent('Ok'), clash], 2));
    assert.instance(error, Conflict);
    assert.not.instance(error, WrongExpectedVersion);
    assert.match(english(error), /already recorded \(stream other, version 1\)/);

    // The same id twice in one batch.
    const twice = sampleEvent('Twice');
    assert.instance(await rejection(store.append('s', [sampleEvent('Ok'), twice, twice], 'any')), Conflict);

    assert.equal(await store.readStream('s'), streamBefore);
    assert.is(await store.headPosition(), headBefore);
    assert.equal(await store.readAll({ after: 0, limit: 100 }), [...elsewhere.events, ...streamBefore]);
    // The failed transactions released the lock and the positions they took: the next append follows on.
    const next = await store.append('s', sampleEvents(1), 2);
    assert.is(next.version, 3);
    assertStreamIntact('s', await store.readStream('s'));
    await store.close();
  });

  test('a "retry" whose first id belongs to another stream or batch is a Conflict', async ({ dir }) => {
    const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
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
    assert.is((await store.readStream('s')).length, 2);
    assert.equal(await store.readStream('t'), []);
    await store.close();
  });

  test('bad arguments are refused before touching the file', async ({ dir }) => {
    const store = await openSqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
    assert.instance(await rejection(store.readStream('s', { until: 'yesterday-ish' })), InvalidInput);
    assert.instance(await rejection(store.append('s', [sampleEvent('E', {}, { at: 'not a date' })], 'any')), InvalidInput);
    assert.instance(await rejection(store.append('s', sampleEvents(1), -1)), RangeError);
    assert.instance(await rejection(store.append('s', sampleEvents(1), 1.5)), RangeError);
    assert.instance(await rejection(store.readAll({ after: 0, limit: 0 })), RangeError);
    assert.instance(await rejection(store.readStream('s', { limit: -1 })), RangeError);
    assert.equal(await store.readAll({ after: 0, limit: 10, types: [] }), []);
    assert.is(await store.headPosition(), 0);
    await store.close();
  });

  test('the constructor opens; init() creates the tables', async ({ dir }) => {
    const store = new SqliteEventStore(join(dir, 'events.db'), { keyring: testKeyring });
    assert.is(store.kind, 'sqlite');
    await store.init();
    assert.equal(await store.streamHeads(), []);
    assert.is(await store.headPosition(), 0);
    await store.close();
  });

  test.run();
}

// ---- Two processes on one file --------------------------------------------------------------

const racer = fileURLToPath(new URL('./fixtures/append-racer.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Racer {
  /** Resolves once the child has opened the store. */
  readonly ready: Promise<void>;
  start(plan: RacePlan | FloodPlan): void;
  readonly result: Promise<RacerResult>;
}

/** Starts the fixture in its own Node process (through tsx) on the database at `path`. */
function spawnRacer(path: string): Racer {
  const child = spawn(process.execPath, ['--import', 'tsx', racer, path], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill(), 20_000);
  const result = new Promise<RacerResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`racer exited with ${String(code)}\nstdout: ${stdout}\nstderr: ${stderr}`));
        return;
      }
      resolve(JSON.parse(last) as RacerResult);
    });
  });
  // A child that dies before "ready" must fail the test, not hang it.
  const readyOrDead = Promise.race([ready, result.then(() => {})]);
  return {
    ready: readyOrDead,
    start: (plan) => child.stdin.end(`${JSON.stringify(plan)}\n`),
    result,
  };
}

/** Runs two racers with the plans `planFor` gives, started at the same instant once both are ready. */
async function race(path: string, planFor: (writer: string, startAt: number) => RacePlan | FloodPlan): Promise<RacerResult[]> {
  const racers = [spawnRacer(path), spawnRacer(path)];
  await Promise.all(racers.map((r) => r.ready));
  const startAt = Date.now() + 50;
  for (const [i, r] of racers.entries()) r.start(planFor(`writer-${i}`, startAt));
  return Promise.all(racers.map((r) => r.result));
}

{
  const test = fileSuite('two processes');

  test('racing on one stream with the same expected version: one wins, one conflicts, every round', async ({ dir }) => {
    const path = join(dir, 'events.db');
    const store = await openSqliteEventStore(path, { keyring: testKeyring });
    const rounds: Array<{ streamId: string; expected: ExpectedVersion; seeded: number }> = [];
    for (let i = 0; i < 20; i++) {
      // Even rounds race on an existing stream at version 1, odd rounds on a new stream.
      const seeded = i % 2 === 0 ? 1 : 0;
      const streamId = `race-${i}`;
      if (seeded) await store.append(streamId, sampleEvents(1), 'no_stream');
      rounds.push({ streamId, expected: seeded ? 1 : 'no_stream', seeded });
    }

    const results = await race(path, (writer, startAt) => ({
      mode: 'race',
      writer,
      startAt,
      intervalMs: 15,
      rounds: rounds.map(({ streamId, expected }) => ({ streamId, expected })),
    }));

    const outcomes = results.map((r) => {
      if (r.mode !== 'race') throw new Error(`expected race results, got ${r.mode}`);
      return r.outcomes;
    });
    for (const [i, round] of rounds.entries()) {
      const pair = outcomes.map((o) => o[i]);
      const winners = pair.filter((o) => o?.ok === true);
      const losers = pair.filter((o) => o?.ok === false);
      assert.is(winners.length, 1, `round ${i}: exactly one winner (${JSON.stringify(pair)})`);
      assert.is(losers.length, 1, `round ${i}: exactly one loser`);
      const [winner, loser] = [winners[0], losers[0]];
      if (winner?.ok !== true || loser?.ok !== false) throw new Error('unreachable');
      assert.is(winner.version, round.seeded + 1);
      assert.is(loser.error, 'WrongExpectedVersion', loser.message);
      assert.ok(loser.conflict, 'the loser gets a Conflict');
      assert.equal([loser.streamId, loser.expected, loser.actual], [round.streamId, round.expected, round.seeded + 1]);

      const events = await store.readStream(round.streamId);
      assert.is(events.length, round.seeded + 1, `round ${i}: no lost and no extra event`);
      assertStreamIntact(round.streamId, events);
    }
    await store.close();
  });

  test("two processes appending 200 events each with 'any': all 400 land, in one unbroken chain", async ({ dir }) => {
    const path = join(dir, 'events.db');
    const store = await openSqliteEventStore(path, { keyring: testKeyring });
    const results = await race(path, (writer, startAt) => ({ mode: 'flood', writer, startAt, streamId: 'busy', count: 200 }));

    const versions = results.flatMap((r) => (r.mode === 'flood' ? r.versions : []));
    assert.is(versions.length, 400);
    assert.equal(
      [...versions].sort((a, b) => a - b),
      Array.from({ length: 400 }, (_, i) => i + 1),
      'versions 1..400, each once',
    );

    const events = await store.readStream('busy');
    assert.is(events.length, 400);
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
    await store.close();
  });

  test.run();
}
