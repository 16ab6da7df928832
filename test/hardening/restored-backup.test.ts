/**
 * Read tables ahead of the log (issue 17, item 5): the event store restored
 * from a backup older than read.db. `projection status` says the tables are
 * ahead of the log, never "up to date"; the next command rebuilds them from
 * the log as it is (one warning line), and new events show again.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

const restored = suite('a log restored from an older backup than the read tables');

interface Status {
  readonly name: string;
  readonly position: number;
  readonly head: number;
  readonly upToDate: boolean;
  readonly aheadOfLog: boolean;
}

restored('status says ahead of the log; the next command rebuilds; new events show', async () => {
  const app = new Installation();
  try {
    const { commercial } = await app.seedTeam();
    const create = (name: string) =>
      app.ok(['client', 'create', '--name', name, '--email', `${name}@client.io`, '--commercial', commercial]);
    const kept = [await create('alpha'), await create('beta')];
    // The backup: a consistent copy of the log as it stood.
    const events = join(app.home, 'events.db');
    const backup = join(app.home, 'events-backup.db');
    const source = new Database(events);
    await source.backup(backup);
    source.close();
    await create('gamma');
    await create('delta');
    assert.is((await app.json<unknown[]>(['client', 'list'])).length, 4);
    // Restored: the log goes back, the read tables stay where they were.
    for (const suffix of ['-wal', '-shm']) rmSync(`${events}${suffix}`, { force: true });
    copyFileSync(backup, events);

    const status = await app.json<Status[]>(['projection', 'status']);
    for (const projection of status.filter((s) => s.position > s.head)) {
      assert.ok(projection.aheadOfLog, `${projection.name} ahead`);
      assert.not.ok(projection.upToDate, `${projection.name} is not "up to date"`);
    }
    assert.ok(
      status.some((s) => s.aheadOfLog),
      'some projection is ahead',
    );
    const table = await app.epic(['projection', 'status']);
    assert.match(table.stdout, /ahead of the log/);

    const list = await app.epic(['client', 'list', '--json']);
    assert.is(list.code, 0, list.stderr);
    assert.equal(
      (JSON.parse(list.stdout) as { id: string }[]).map((c) => c.id).sort(),
      [...kept].sort(),
      'what the log holds, nothing more',
    );
    assert.match(list.stderr, /^warning: the read tables \(.*\) held events the event log does not .*rebuilt from the log as it is\n$/);

    const epsilon = await create('epsilon');
    const after = await app.json<{ id: string }[]>(['client', 'list']);
    assert.ok(
      after.some((c) => c.id === epsilon),
      'a new client shows again',
    );
    const again = await app.json<Status[]>(['projection', 'status']);
    assert.ok(
      again.every((s) => s.upToDate && !s.aheadOfLog),
      JSON.stringify(again),
    );
  } finally {
    app.cleanup();
  }
});

restored.run();
