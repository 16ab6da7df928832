/**
 * A lost event store is not a new one (issue 17, item 4): events.db
 * truncated to 0 bytes, or removed, while the secret key or the read tables
 * show that the installation existed. Every command, `init` included, stops
 * with exit 7 and one line: restore it from a backup; nothing is appended, no
 * user can be created. A new installation still starts (an `init` cancelled
 * or refused first leaves nothing that would block the next).
 */
import { rmSync, truncateSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CliResult, Installation } from '../support/cli.js';
import { assertOneLineError } from './support/hardening.js';

const LOST = /^the event store is missing or empty: restore it from a backup \(.*: this installation existed/;

function assertLost(result: CliResult, what: string, evidence: RegExp): void {
  assert.is(result.code, 7, `${what}: ${result.stderr}`);
  assert.is(result.stdout, '', what);
  const line = assertOneLineError(result, what).slice('error: '.length);
  assert.match(line, LOST, what);
  assert.match(line, evidence, what);
}

function eventCount(home: string): number {
  const db = new Database(join(home, 'events.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from events').get() as { n: number }).n;
  } catch {
    return 0; // no table: nothing was ever appended
  } finally {
    db.close();
  }
}

const lost = suite('a lost event store');

for (const [how, lose] of [
  ['truncated to 0 bytes', (path: string) => truncateSync(path, 0)],
  ['removed', (path: string) => unlinkSync(path)],
] as const) {
  lost(`events.db ${how}: every command, init included, exits 7 and appends nothing`, async () => {
    const app = new Installation();
    try {
      await app.seedTeam();
      const commercial = await app.ok(['user', 'list', '--role', 'commercial', '--json']);
      assert.ok(commercial.length > 2);
      for (const suffix of ['-wal', '-shm']) rmSync(join(app.home, `events.db${suffix}`), { force: true });
      lose(join(app.home, 'events.db'));
      // Without the WAL, the truncated file is the whole store; removed, it is gone.
      for (const args of [
        ['whoami'],
        ['client', 'list'],
        ['init', '--name', 'Mallory', '--email', 'mallory@evil.io', '--password-stdin'],
        ['login', '--email', 'ada@epic.test', '--password-stdin'],
        ['projection', 'status'],
      ]) {
        assertLost(await app.epic(args, { stdin: 'mallory password long\n' }), args.join(' '), /secret key/);
      }
      assert.is(eventCount(app.home), 0, 'nothing appended: no new log, no gestion for Mallory');
      // The binary too, in French.
      const french = await app.spawnEpic(['init', '--name', 'Mallory', '--email', 'mallory@evil.io', '--password-stdin'], {
        stdin: 'mallory password long\n',
        env: { EPIC_LANG: 'fr' },
      });
      assert.is(french.code, 7, french.stderr);
      assert.match(french.stderr, /^error: la base des événements est absente ou vide\u00a0: restaurez-la depuis une sauvegarde/);
      assert.is(eventCount(app.home), 0);
    } finally {
      app.cleanup();
    }
  });
}

lost('with EPIC_SECRET set (no secret.key), the read tables are the evidence', async () => {
  const secret = 's'.repeat(40);
  const app = new Installation({ EPIC_SECRET: secret });
  try {
    await app.seedTeam();
    await app.ok(['client', 'list']);
    for (const suffix of ['-wal', '-shm']) rmSync(join(app.home, `events.db${suffix}`), { force: true });
    truncateSync(join(app.home, 'events.db'), 0);
    assertLost(
      await app.epic(['init', '--name', 'Mallory', '--email', 'mallory@evil.io', '--password-stdin'], { stdin: 'mallory password long\n' }),
      'init',
      /read tables/,
    );
    assert.is(eventCount(app.home), 0);
  } finally {
    app.cleanup();
  }
});

lost('a new installation starts, even after an init refused for its password', async () => {
  const app = new Installation();
  try {
    const weak = await app.epic(['init', '--name', 'Ada', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'short\n' });
    assert.is(weak.code, 2, weak.stderr);
    const id = await app.ok(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], {
      stdin: 'admin password long\n',
    });
    assert.ok(id.length > 0);
    assert.is((await app.epic(['whoami'])).code, 0);
  } finally {
    app.cleanup();
  }
});

lost.run();
