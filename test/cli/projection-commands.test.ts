/**
 * `epic projection status | rebuild | run [--follow]` through the CLI, on
 * every configured read database.
 */
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { openEventStore } from '../../src/events/open-event-store.js';
import type { ProjectionStatus } from '../../src/projections/projector.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { acquireRebuildLock } from '../../src/projections/rebuild/projection-lock.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { startEpic } from '../support/epic-process.js';
import { writeLoad } from '../support/projection-load.js';
import { describeReadDb } from '../support/read-db-matrix.js';

const NAMES = ['users', 'clients', 'contracts', 'occasions', 'command_log'];

async function installation(readDbUrl: string): Promise<Installation> {
  const home = new Installation({ EPIC_READ_DB: readDbUrl });
  await home.seedTeam();
  await home.as('ada@epic.test');
  return home;
}

function processEnv(home: Installation): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: home.home, EPIC_HOME: home.home, EPIC_BCRYPT_ROUNDS: '4', ...home.env };
}

async function appendLoad(home: Installation, clients: number, tag: string): Promise<number> {
  const store = (await openEventStore(`sqlite:${join(home.home, 'events.db')}`, { keyring: testKeyring })).store;
  try {
    await writeLoad(store, clients, tag);
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

describeReadDb('epic projection', (test) => {
  test('status: every projection with its versions, checkpoint, events behind, last rebuild', async ({ url }) => {
    const home = await installation(url);
    try {
      const head = await appendLoad(home, 3, 'st');
      const behind = await home.json<ProjectionStatus[]>(['projection', 'status']);
      assert.equal(
        behind.map((s) => s.name),
        NAMES,
      );
      for (const s of behind) {
        assert.equal(Object.keys(s).sort(), [
          'aheadOfLog',
          'behind',
          'behindAtLeast',
          'divergedFromLog',
          'head',
          'name',
          'position',
          'rebuilding',
          'rebuiltAt',
          'storedVersion',
          'upToDate',
          'updatedAt',
          'version',
        ]);
        // A new installation's tables are at the code's version (command_log 2 was rebuilt from the migration's 1 at the first command).
        assert.equal([s.storedVersion, s.head, s.upToDate, s.rebuilding], [s.version, head, false, null]);
        assert.ok(s.behind > 0 && s.position + s.behind <= head, `${s.name}: ${s.behind} behind at ${s.position}`);
      }
      assert.match(await home.ok(['projection', 'run']), /^applied \d+ events; at position \d+$/);
      const after = await home.json<ProjectionStatus[]>(['projection', 'status']);
      // The command log entry of `projection run` itself is not recorded: reading commands leave none.
      assert.ok(
        after.every((s) => s.behind === 0 && s.upToDate && s.position === head),
        JSON.stringify(after),
      );
      const table = (await home.epic(['projection', 'status'], { terminalColumns: 100, env: { NO_COLOR: '1' } })).stdout;
      assert.match(table, /^projection\s+version\s+checkpoint\s+behind\s+last rebuilt\s+state/);
      assert.match(table, /clients\s+1\s+\d+\s+0\s+-\s+up to date/);
      // The CLI's words for its projections, not the code's (`occasions`, `command_log`); in French, French ones.
      assert.match(table, /^events\s+2\s/m);
      assert.match(table, /^log\s+\d\s/m);
      assert.not.match(table, /occasions|command_log/);
      const french = (await home.epic(['projection', 'status'], { terminalColumns: 100, env: { NO_COLOR: '1', EPIC_LANG: 'fr' } })).stdout;
      assert.match(french, /^utilisateurs\s[\s\S]*^événements\s[\s\S]*^journal\s/m);
      // Into a pipe: one tab-separated line per projection.
      assert.match(await home.ok(['projection', 'status']), /^users\t2\t\d+\t0\t\tup to date$/m);
    } finally {
      home.cleanup();
    }
  });

  test('rebuild: named projections get new tables with the same rows; unknown names refused; gestion only', async ({ url }) => {
    const home = await installation(url);
    try {
      await appendLoad(home, 5, 'rb');
      const clients = await home.ok(['client', 'list', '--json']);
      const rebuiltAt = async () =>
        new Map((await home.json<ProjectionStatus[]>(['projection', 'status'])).map((s) => [s.name, s.rebuiltAt]));
      const before = await rebuiltAt();
      const result = await home.epic(['projection', 'rebuild', 'clients', 'contracts']);
      assert.is(result.code, 0, result.stderr);
      assert.match(result.stdout, /^rebuilt clients, contracts: \d+ events in [\d.]+s, at position \d+\n$/);
      assert.is(result.stderr, '', 'no progress bar when stderr is not a terminal');
      assert.is(await home.ok(['client', 'list', '--json']), clients);
      const changed = async (since: Map<string, string | null>) =>
        [...(await rebuiltAt())].filter(([name, at]) => at !== since.get(name)).map(([name]) => name);
      assert.equal(await changed(before), ['clients', 'contracts']);

      // The CLI's names for its projections, as status shows them to people: `events` (the code's occasions), `log`.
      const named = await rebuiltAt();
      assert.is((await home.epic(['projection', 'rebuild', 'events', 'log'])).code, 0);
      assert.equal(await changed(named), ['occasions', 'command_log']);

      const unknown = await home.epic(['projection', 'rebuild', 'invoices']);
      assert.equal(
        [unknown.code, unknown.stderr],
        [2, 'error: unknown projection "invoices": expected one of users, clients, contracts, events, log\n'],
      );

      await home.as('bob@epic.test');
      for (const args of [
        ['projection', 'rebuild'],
        ['projection', 'status'],
        ['projection', 'run'],
      ]) {
        const denied = await home.epic(args);
        assert.is(denied.code, 4, args.join(' '));
        assert.match(denied.stderr, /^error: a commercial may not manage projections\n$/);
      }
    } finally {
      home.cleanup();
    }
  });

  test('rebuild: a second rebuild of the same projection exits 6 and says who holds it', async ({ url }) => {
    const home = await installation(url);
    const readDb = await openReadDb(url);
    try {
      const held = await acquireRebuildLock(readDb, ['clients']);
      try {
        const second = await home.spawnEpic(['projection', 'rebuild', 'clients']);
        assert.is(second.code, 6);
        assert.match(
          second.stderr,
          new RegExp(
            `^error: projection clients is already being rebuilt by pid ${process.pid} on \\S+ since .+: wait for it to finish, then try again\\n$`,
          ),
        );
        const status = await home.json<ProjectionStatus[]>(['projection', 'status']);
        assert.equal(status.find((s) => s.name === 'clients')?.rebuilding?.pid, process.pid);
      } finally {
        await held.release();
      }
      assert.is((await home.spawnEpic(['projection', 'rebuild', 'clients'])).code, 0);
    } finally {
      await readDb.close();
      home.cleanup();
    }
  });

  test('run --follow applies what is appended, and stops on SIGTERM (and SIGINT) with the checkpoint saved, exit 0', async ({ url }) => {
    const home = await installation(url);
    try {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const follower = startEpic(['projection', 'run', '--follow', '--interval', '50'], processEnv(home), home.home);
        const head = await appendLoad(home, 4, signal === 'SIGTERM' ? 'ft' : 'fi');
        // Wait (no deadline of our own: the suite's would fail it) until the follower has applied the head.
        for (;;) {
          const readDb = await openReadDb(url);
          const rows = await readDb.db.selectFrom('projection_state').select('position').execute();
          await readDb.close();
          if (rows.length === NAMES.length && rows.every((row) => Number(row.position) === head)) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        follower.child.kill(signal);
        const exit = await follower.exited;
        assert.equal([exit.code, exit.signal], [0, null], exit.stderr);
        assert.match(exit.stdout, new RegExp(`^stopped: applied \\d+ events; at position ${head}\\n$`));
        const status = await home.json<ProjectionStatus[]>(['projection', 'status']);
        assert.ok(status.every((s) => s.position === head && s.behind === 0));
      }
    } finally {
      home.cleanup();
    }
  });
});
