/**
 * `epic projection run --follow` as the read side's service, the built CLI in
 * a process of its own, on an EventStoreDB (the wire double) that goes away
 * and comes back: the follower says so on stderr, keeps trying, applies what
 * was recorded meanwhile, keeps its heartbeat file fresh only while it is
 * current, and stops on SIGTERM with exit 0.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EsdbEventStore } from '../../src/events/esdb/event-store.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { TEST_AUDIT_KEY_TEXT, testKeyring } from '../support/audit-key.js';
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

test('the projector in a home of its own (docker-compose.cluster.yml): its login needs the log’s audit key, following does not', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'epic-shared-'));
  const stores = { EPIC_EVENT_STORE: `sqlite:${join(shared, 'events.db')}`, EPIC_READ_DB: `sqlite:${join(shared, 'read.db')}` };
  const team = new Installation(stores);
  // As in the compose file: its own secret and a long session, and no audit key (its volume starts empty).
  const projector = new Installation({ ...stores, EPIC_SECRET: 'the projector secret, 32 bytes or more', EPIC_SESSION_TTL: '3650d' });
  rmSync(join(projector.home, 'audit.key'));
  try {
    const { commercial } = await team.seedTeam();
    await team.as('ada@epic.test');
    const stdin = 'follower passphrase five\n';
    await team.ok(
      ['user', 'create', '--name', 'Projector', '--email', 'projector@epic.internal', '--role', 'gestion', '--password-stdin'],
      {
        stdin,
      },
    );
    const login = ['login', '--email', 'projector@epic.internal', '--password-stdin'];

    const keyless = await projector.epic(login, { stdin });
    assert.equal(
      [keyless.code, keyless.stderr],
      [
        2,
        'error: no audit key: this log is chained with one; set EPIC_AUDIT_KEY, or put the key in audit.key in EPIC_HOME (copy it from where it is kept)\n',
      ],
    );
    assert.not.ok(existsSync(join(projector.home, 'audit.key')), 'no key of its own was made up');

    const keyed = await projector.epic(login, { stdin, env: { EPIC_AUDIT_KEY: TEST_AUDIT_KEY_TEXT } });
    assert.is(keyed.code, 0, keyed.stderr);

    // Then it follows without the key (it never appends): a change written without catching the tables up
    // (external) reaches them through it.
    const client = await team.ok(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io', '--commercial', commercial], {
      env: { EPIC_PROJECTIONS: 'external', EPIC_PROJECTIONS_MAX_LAG: '1s' },
    });
    const heartbeat = join(projector.home, 'follower.alive');
    const env = { PATH: process.env.PATH, HOME: projector.home, EPIC_HOME: projector.home, ...projector.env };
    const follower = startEpic(['projection', 'run', '--follow', '--heartbeat', heartbeat], env, projector.home);
    const readDb = await openReadDb(stores.EPIC_READ_DB);
    try {
      await eventually(async () => (await readDb.db.selectFrom('clients').select('id').where('id', '=', client).execute()).length === 1);
    } finally {
      await readDb.close();
    }
    await eventually(() => existsSync(heartbeat));
    follower.child.kill('SIGTERM');
    const exit = await follower.exited;
    assert.equal([exit.code, exit.signal, exit.stderr], [0, null, '']);
    assert.match(exit.stdout, /^stopped: applied \d+ events; at position \d+\n$/);
    assert.not.ok(existsSync(join(projector.home, 'audit.key')));
  } finally {
    team.cleanup();
    projector.cleanup();
    rmSync(shared, { recursive: true, force: true });
  }
});

test.run();
