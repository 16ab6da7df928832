/**
 * The follower (followLog, `epic projection run --follow`) through an outage
 * of its event store: it says so, waits, tries again, and once the store is
 * back applies what was recorded meanwhile, exactly once, with a new
 * subscription; `onAlive` stays silent while the store is away; an abort
 * during the outage ends it at once. Over the EventStoreDB wire double, which
 * can go down and come back on its port, with an SQLite read database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable } from '../../src/errors.js';
import { EsdbEventStore } from '../../src/events/esdb/event-store.js';
import { followLog, type Outage } from '../../src/projections/follow.js';
import { catchUp } from '../../src/projections/projector.js';
import { openReadDb, type ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../support/audit-key.js';
import { EsdbWireDouble } from '../support/esdb-wire-double.js';
import { writeLoad } from '../support/projection-load.js';
import { dumpReadTables } from '../support/read-db-dump.js';

/** Resolves once `check` holds, polling every 20 ms (the suite's own timeout bounds the wait). */
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function clientCount(readDb: ReadDb): Promise<number> {
  return (await readDb.db.selectFrom('clients').select('id').execute()).length;
}

test('an event store outage: the follower waits it out, then applies what came meanwhile, once', async () => {
  const double = await EsdbWireDouble.start();
  const home = mkdtempSync(join(tmpdir(), 'epic-follow-'));
  const readDb = await openReadDb(`sqlite:${join(home, 'read.db')}`);
  const store = new EsdbEventStore(double.url, { keyring: testKeyring, timeoutMs: 1000 });
  const writer = new EsdbEventStore(double.url, { keyring: testKeyring, timeoutMs: 1000 });
  const stop = new AbortController();
  const outages: Outage[] = [];
  const recovered: number[] = [];
  let alive = 0;
  let following: Promise<unknown> = Promise.resolve();
  try {
    await writeLoad(writer, 2, 'bf');
    following = followLog(store, readDb, {
      signal: stop.signal,
      maxRetryMs: 400,
      onOutage: (outage) => outages.push(outage),
      onRecovered: ({ failures }) => recovered.push(failures),
      onAlive: () => {
        alive += 1;
      },
    });
    await eventually(async () => (await clientCount(readDb)) === 2);

    await double.stop();
    await eventually(() => outages.length >= 3);
    const aliveDuringOutage = alive;
    assert.ok(
      outages.every((outage) => outage.error instanceof BackendUnavailable),
      'every failed round is an outage',
    );
    assert.equal(
      outages.slice(0, 3).map((o) => o.failures),
      [1, 2, 3],
    );
    assert.ok(
      outages.every((o) => o.retryInMs <= 400),
      `waits bounded: ${outages.map((o) => o.retryInMs).join(', ')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.is(alive, aliveDuringOutage, 'no sign of life while the store is away');

    const subscriptionsBefore = double.calls.subscribe;
    await double.restart();
    await writeLoad(writer, 3, 'af');
    await eventually(async () => (await clientCount(readDb)) === 5);
    // The rows commit before the round that wrote them returns and reports the recovery.
    await eventually(() => recovered.length > 0);
    assert.is(recovered.length, 1, 'one recovery');
    assert.ok(alive > aliveDuringOutage, 'alive again');
    assert.ok(double.calls.subscribe > subscriptionsBefore, 'a new subscription after the outage');
    await writeLoad(writer, 1, 'lv');
    await eventually(async () => (await clientCount(readDb)) === 6);

    // Exactly once: the rows are those of a build from scratch of the same log (a payment applied twice would show).
    const head = await writer.headPosition();
    await eventually(async () => {
      const rows = await readDb.db.selectFrom('projection_state').select('position').execute();
      return rows.length > 0 && rows.every((row) => Number(row.position) === head);
    });
    const fresh = await openReadDb(`sqlite:${join(home, 'fresh.db')}`);
    try {
      await catchUp(writer, fresh);
      assert.equal(await dumpReadTables(readDb), await dumpReadTables(fresh));
    } finally {
      await fresh.close();
    }

    stop.abort();
    const result = (await following) as Awaited<ReturnType<typeof followLog>>;
    assert.is(result.position, await writer.headPosition());
  } finally {
    stop.abort();
    await following.catch(() => undefined);
    await store.close();
    await writer.close();
    await readDb.close();
    await double.stop();
    rmSync(home, { recursive: true, force: true });
  }
});

test('an abort during the outage ends the follow at once, without error', async () => {
  const double = await EsdbWireDouble.start();
  const home = mkdtempSync(join(tmpdir(), 'epic-follow-'));
  const readDb = await openReadDb(`sqlite:${join(home, 'read.db')}`);
  const store = new EsdbEventStore(double.url, { keyring: testKeyring, timeoutMs: 1000 });
  const stop = new AbortController();
  const outages: Outage[] = [];
  try {
    await double.stop();
    const following = followLog(store, readDb, { signal: stop.signal, maxRetryMs: 60_000, onOutage: (o) => outages.push(o) });
    await eventually(() => outages.length >= 2);
    // The next wait is long: only the abort can end it.
    stop.abort();
    const result = await following;
    assert.is(result.events, 0);
  } finally {
    await store.close();
    await readDb.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test('an error that is not an outage ends the follow with it', async () => {
  const double = await EsdbWireDouble.start();
  const home = mkdtempSync(join(tmpdir(), 'epic-follow-'));
  const readDb = await openReadDb(`sqlite:${join(home, 'read.db')}`);
  const store = new EsdbEventStore(double.url, { keyring: testKeyring, timeoutMs: 1000 });
  const stop = new AbortController();
  try {
    await readDb.close();
    const outcome = await followLog(store, readDb, { signal: stop.signal }).then(
      () => 'returned',
      (error: unknown) => error,
    );
    assert.ok(outcome instanceof Error && !(outcome instanceof BackendUnavailable), String(outcome));
  } finally {
    stop.abort();
    await store.close();
    await double.stop();
    rmSync(home, { recursive: true, force: true });
  }
});

test.run();
