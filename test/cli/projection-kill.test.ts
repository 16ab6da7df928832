/**
 * Crash safety: `epic projection rebuild` and `epic projection run --follow`
 * killed with SIGKILL at random moments, again and again; the next run always
 * converges to exactly the rows of a clean build from the log (a checksum of
 * every table, checkpoints included).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { openEventStore } from '../../src/events/open-event-store.js';
import { catchUp } from '../../src/projections/projector.js';
import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { startEpic } from '../support/epic-process.js';
import { writeLoad } from '../support/projection-load.js';
import { dumpReadTables } from '../support/read-db-dump.js';
import { describeReadDb } from '../support/read-db-matrix.js';

const KILLS = 15;

/** SHA-256 of each table's rows in key order. */
async function checksums(readDb: ReadDb): Promise<Record<string, string>> {
  const dump = await dumpReadTables(readDb);
  return Object.fromEntries(
    Object.entries(dump).map(([table, rows]) => [table, createHash('sha256').update(JSON.stringify(rows)).digest('hex')]),
  );
}

async function checkpoints(readDb: ReadDb): Promise<number[]> {
  return (await readDb.db.selectFrom('projection_state').select('position').execute()).map((row) => Number(row.position));
}

function env(home: Installation): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: home.home, EPIC_HOME: home.home, EPIC_BCRYPT_ROUNDS: '4', ...home.env };
}

/** Starts `args`, kills it with SIGKILL after `delayMs` unless it ended before; says whether the kill landed. */
async function runAndKill(home: Installation, args: readonly string[], delayMs: number): Promise<boolean> {
  const run = startEpic(args, env(home), home.home);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), delayMs);
  const exit = await run.exited;
  clearTimeout(timer);
  if (exit.signal === 'SIGKILL') return true;
  assert.is(exit.code, 0, `epic ${args.join(' ')}: ${exit.stderr}`);
  return false;
}

async function timed(home: Installation, args: readonly string[]): Promise<number> {
  const started = performance.now();
  const run = startEpic(args, env(home), home.home);
  const exit = await run.exited;
  assert.is(exit.code, 0, exit.stderr);
  return performance.now() - started;
}

describeReadDb('projections under SIGKILL', (test) => {
  test(`rebuild killed ${KILLS} times at random, then follow killed ${KILLS} times while the log grows: each next run converges to a clean build`, async (context) => {
    const home = new Installation({ EPIC_READ_DB: context.url });
    const eventsPath = join(home.home, 'events.db');
    try {
      await home.seedTeam();
      await home.as('ada@epic.test');
      const store = (await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring })).store;
      try {
        await writeLoad(store, 200, 'kl');
      } finally {
        await store.close();
      }
      // How long one full rebuild takes here: the kills land across it (not an assertion).
      const rebuildMs = await timed(home, ['projection', 'rebuild']);

      let rebuildKills = 0;
      for (let i = 0; i < KILLS; i += 1) {
        if (await runAndKill(home, ['projection', 'rebuild'], 150 + Math.random() * rebuildMs)) rebuildKills += 1;
      }
      assert.ok((await timed(home, ['projection', 'rebuild'])) > 0);
      const clean = await context.createReadDb();
      const reopened = (await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring })).store;
      const readDb = await openReadDb(context.url);
      try {
        // A rebuild records itself in the command log after its work (61d5514), like any command its own entry:
        // the tables it built stop exactly one entry short of the head, that entry, which the next command applies.
        const built = Math.min(...(await checkpoints(readDb)));
        const after = await reopened.readAll({ after: built, limit: 10 });
        assert.equal(
          after.map((event) => [event.type, event.data.command]),
          [['CommandRecorded', 'projection rebuild']],
          'past the rebuilt tables: only the rebuild’s own entry',
        );
        await catchUp(reopened, readDb);
        await catchUp(reopened, clean);
        assert.equal(await checksums(readDb), await checksums(clean), 'after the killed rebuilds, the next rebuild');
      } finally {
        await readDb.close();
        await reopened.close();
      }

      let followKills = 0;
      for (let i = 0; i < KILLS; i += 1) {
        const more = (await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring })).store;
        try {
          await writeLoad(more, 25, `f${String(i).padStart(2, '0')}`, `2026-06-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`);
        } finally {
          await more.close();
        }
        if (await runAndKill(home, ['projection', 'run', '--follow', '--interval', '20'], 150 + Math.random() * 600)) followKills += 1;
      }
      assert.ok((await timed(home, ['projection', 'run'])) > 0);
      const store2 = (await openEventStore(`sqlite:${eventsPath}`, { keyring: testKeyring })).store;
      const clean2 = await context.createReadDb();
      const readDb2 = await openReadDb(context.url);
      try {
        await catchUp(store2, clean2);
        assert.equal(await checksums(readDb2), await checksums(clean2), 'after the killed followers, the next run');
        const locks = await readDb2.db
          .selectFrom('projection_state')
          .select(['name', 'swapping'])
          .where('swapping', 'is not', null)
          .execute();
        assert.equal(locks, [], 'no switch left half done');
      } finally {
        await readDb2.close();
        await store2.close();
      }
      process.stdout.write(
        `\n  [${context.dialect}] SIGKILLs that landed: rebuild ${rebuildKills}/${KILLS}, follow ${followKills}/${KILLS} (rebuild takes ~${Math.round(rebuildMs)} ms)\n`,
      );
      assert.ok(rebuildKills + followKills > 0, 'at least some kills landed mid-run');
    } finally {
      home.cleanup();
    }
  });
});
