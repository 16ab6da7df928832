/**
 * `epic projection run --follow` as the read side's service, the built CLI in
 * a process of its own, on an EventStoreDB (the wire double) that goes away
 * and comes back: the follower says so on stderr, keeps trying, applies what
 * was recorded meanwhile, keeps its heartbeat file fresh only while it is
 * current, and stops on SIGTERM with exit 0.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EsdbEventStore } from '../../src/events/esdb/event-store.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { startEpic } from '../support/epic-process.js';
import { EsdbWireDouble } from '../support/esdb-wire-double.js';
import { writeLoad } from '../support/projection-load.js';

async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

test('the follower rides out an event store outage, refreshes its heartbeat only while current, stops on SIGTERM', async () => {
  const double = await EsdbWireDouble.start();
  const home = new Installation({ EPIC_EVENT_STORE: double.url, EPIC_ESDB_TIMEOUT_MS: '1000' });
  const heartbeat = join(home.home, 'follower.alive');
  try {
    await home.seedTeam();
    await home.as('ada@epic.test');
    const env = { PATH: process.env.PATH, HOME: home.home, EPIC_HOME: home.home, EPIC_BCRYPT_ROUNDS: '4', ...home.env };
    const follower = startEpic(['projection', 'run', '--follow', '--heartbeat', heartbeat], env, home.home);
    await eventually(() => existsSync(heartbeat));

    await double.stop();
    await eventually(() => /warning: the follower cannot reach a backend \(.*\); trying again in [\d.]+ s\n/.test(follower.stderr()));
    const beat = statSync(heartbeat).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.is(statSync(heartbeat).mtimeMs, beat, 'no heartbeat while the store is away');

    await double.restart();
    // Written by another program (no catching up of its own): only the follower can project it.
    const writer = new EsdbEventStore(double.url, { keyring: testKeyring });
    let head = 0;
    try {
      await writeLoad(writer, 2, 'ou');
      head = await writer.headPosition();
    } finally {
      await writer.close();
    }
    const readDbUrl = `sqlite:${join(home.home, 'read.db')}`;
    await eventually(async () => {
      const readDb = await openReadDb(readDbUrl);
      try {
        const rows = await readDb.db.selectFrom('projection_state').select('position').execute();
        return rows.length > 0 && rows.every((row) => Number(row.position) === head);
      } finally {
        await readDb.close();
      }
    });
    await eventually(() => /the follower reaches its backends again/.test(follower.stderr()));
    await eventually(() => statSync(heartbeat).mtimeMs > beat);

    follower.child.kill('SIGTERM');
    const exit = await follower.exited;
    assert.equal([exit.code, exit.signal], [0, null], exit.stderr);
    assert.match(exit.stdout, /^stopped: applied \d+ events; at position \d+\n$/);
    const readDb = await openReadDb(readDbUrl);
    try {
      const rows = await readDb.db.selectFrom('clients').select('id').where('id', 'like', 'ou%').execute();
      assert.is(rows.length, 2, 'the clients recorded during the outage are in the read tables');
    } finally {
      await readDb.close();
    }
  } finally {
    await double.stop();
    home.cleanup();
  }
});

test('--heartbeat in a folder that cannot be written: exit 2 before following', async () => {
  const double = await EsdbWireDouble.start();
  const home = new Installation({ EPIC_EVENT_STORE: double.url });
  try {
    await home.seedTeam();
    await home.as('ada@epic.test');
    const result = await home.epic(['projection', 'run', '--follow', '--heartbeat', '/proc/epic-no-such-dir/alive']);
    assert.equal([result.code, result.stderr], [2, 'error: --heartbeat: cannot write in the folder of /proc/epic-no-such-dir/alive\n']);
  } finally {
    await double.stop();
    home.cleanup();
  }
});

test.run();
