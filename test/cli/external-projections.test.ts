/**
 * EPIC_PROJECTIONS=external: a follower keeps the read tables and commands
 * only read them. They do not catch up themselves; after a write they wait
 * for the follower to apply it (up to EPIC_PROJECTIONS_MAX_LAG), and they
 * warn, in one line on stderr, when the tables are too far behind or were
 * built by another version. On the embedded stores, with the follower
 * (followLog) running in this process.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openEventStore } from '../../src/events/open-event-store.js';
import { followLog } from '../../src/projections/follow.js';
import { openReadDb, type ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { writeLoad } from '../support/projection-load.js';

const EXTERNAL = { EPIC_PROJECTIONS: 'external', EPIC_PROJECTIONS_MAX_LAG: '1s' };
const LAGGING =
  /^warning: the read views are [\d,]+ s behind the log \(more than EPIC_PROJECTIONS_MAX_LAG, 1 s\): listings may miss recent changes; is `epic projection run --follow` running\?\n$/;

async function installation(): Promise<Installation> {
  const home = new Installation();
  // Inline for the set-up: the tables are built and current when the test starts.
  await home.seedTeam();
  await home.as('ada@epic.test');
  await home.ok(['user', 'list']); // applies the login's own log entry
  return home;
}

/** The follower, as `epic projection run --follow` runs it, until the returned function stops it. */
async function startFollower(home: Installation): Promise<() => Promise<void>> {
  const store = (await openEventStore(`sqlite:${join(home.home, 'events.db')}`, { keyring: testKeyring })).store;
  const readDb = await openReadDb(`sqlite:${join(home.home, 'read.db')}`);
  const stop = new AbortController();
  // Its failure is held until the stop, which throws it: a follower that dies while the test runs fails that
  // test, never the runner (a rejection nobody awaits yet ends uvu's process: "Exiting early").
  const following = followLog(store, readDb, { signal: stop.signal, intervalMs: 20 }).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  return async () => {
    stop.abort();
    const failed = await following;
    await readDb.close();
    await store.close();
    if (failed !== undefined) throw failed.error;
  };
}

async function withReadDb<T>(home: Installation, work: (readDb: ReadDb) => Promise<T>): Promise<T> {
  const readDb = await openReadDb(`sqlite:${join(home.home, 'read.db')}`);
  try {
    return await work(readDb);
  } finally {
    await readDb.close();
  }
}

const checkpoints = (home: Installation) =>
  withReadDb(home, async ({ db }) =>
    (await db.selectFrom('projection_state').select('position').execute()).map((row) => Number(row.position)),
  );

test('no follower: a write does not catch the tables up; it waits up to the limit, warns once, and succeeds', async () => {
  const home = await installation();
  try {
    await home.as('bob@epic.test');
    const before = await checkpoints(home);
    const result = await home.epic(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io'], { env: EXTERNAL });
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stderr, LAGGING);
    assert.equal(await checkpoints(home), before, 'the command did not catch the read tables up');
    // Reads say so too, and show the tables as they stand.
    const listed = await home.epic(['client', 'list', '--json'], { env: EXTERNAL });
    assert.is(listed.code, 0);
    assert.equal(JSON.parse(listed.stdout), []);
    assert.match(listed.stderr, LAGGING);
  } finally {
    home.cleanup();
  }
});

test('with the follower running: a write is in the next listing, and nobody warns', async () => {
  const home = await installation();
  const stopFollower = await startFollower(home);
  try {
    await home.as('bob@epic.test');
    const created = await home.epic(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io', '--json'], {
      env: EXTERNAL,
    });
    assert.is(created.code, 0, created.stderr);
    assert.is(created.stderr, '');
    const { id } = JSON.parse(created.stdout) as { id: string };
    const listed = await home.epic(['client', 'list', '--json'], { env: EXTERNAL });
    assert.equal([listed.code, listed.stderr], [0, '']);
    assert.equal(
      (JSON.parse(listed.stdout) as { id: string }[]).map((c) => c.id),
      [id],
    );
  } finally {
    await stopFollower();
    home.cleanup();
  }
});

test('a listing while the follower is down and the log moved on: the tables as they stand, and the warning (in French too)', async () => {
  const home = await installation();
  try {
    const store = (await openEventStore(`sqlite:${join(home.home, 'events.db')}`, { keyring: testKeyring })).store;
    try {
      // Events recorded in May 2026 and never applied: the read tables are months behind.
      await writeLoad(store, 2, 'lg');
    } finally {
      await store.close();
    }
    const listed = await home.epic(['client', 'list', '--json'], { env: EXTERNAL });
    assert.is(listed.code, 0, listed.stderr);
    assert.equal(JSON.parse(listed.stdout), []);
    assert.match(listed.stderr, LAGGING);
    const french = await home.epic(['client', 'list'], { env: { ...EXTERNAL, EPIC_LANG: 'fr' } });
    assert.match(french.stderr, /^avertissement\u00a0: les vues de lecture ont [\d\u202f\u00a0]+\u00a0s de retard sur le journal .*\n$/);
    // Inline, the same listing catches up and shows them.
    const inline = await home.epic(['client', 'list', '--json']);
    assert.equal([inline.code, inline.stderr], [0, '']);
    assert.is((JSON.parse(inline.stdout) as unknown[]).length, 2);
  } finally {
    home.cleanup();
  }
});

test('tables built by another version: a warning naming them; a fresh read database is built once', async () => {
  const home = await installation();
  try {
    await withReadDb(home, ({ db }) => db.updateTable('projection_state').set({ version: 99 }).where('name', '=', 'clients').execute());
    const listed = await home.epic(['user', 'list'], { env: { ...EXTERNAL, EPIC_PROJECTIONS_MAX_LAG: '1h' } });
    assert.is(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, /^warning: the read views clients were built by another version of epic than this one/);

    // A read database the follower never filled: built once by the first command, as inline.
    const fresh = await home.epic(['user', 'list', '--json'], {
      env: { ...EXTERNAL, EPIC_READ_DB: `sqlite:${join(home.home, 'fresh.db')}` },
    });
    assert.equal([fresh.code, fresh.stderr], [0, '']);
    assert.is((JSON.parse(fresh.stdout) as unknown[]).length, 5);
  } finally {
    home.cleanup();
  }
});

test('EPIC_PROJECTIONS must be inline or external; EPIC_PROJECTIONS_MAX_LAG a duration', async () => {
  const home = await installation();
  try {
    const mode = await home.epic(['client', 'list'], { env: { EPIC_PROJECTIONS: 'sometimes' } });
    assert.equal([mode.code, mode.stderr], [2, 'error: EPIC_PROJECTIONS must be inline or external, got "sometimes"\n']);
    const lag = await home.epic(['client', 'list'], { env: { EPIC_PROJECTIONS: 'external', EPIC_PROJECTIONS_MAX_LAG: 'soon' } });
    assert.is(lag.code, 2);
    assert.match(lag.stderr, /EPIC_PROJECTIONS_MAX_LAG/);
  } finally {
    home.cleanup();
  }
});

test.run();
