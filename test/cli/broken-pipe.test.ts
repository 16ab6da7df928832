/**
 * Output to a closed pipe ends the command at once and quietly: exit 0, no
 * error line, nothing recorded as failed (docs/cli.md, "Conventions"). With
 * 100,000 clients the listing is far longer than a pipe holds, so `head -1`
 * closes it while epic still has most of it to write; with `2>&1` an error
 * line would go to the same closed pipe (where the old handler spun forever).
 * Each run has a generous time limit that only a hang reaches: no timing is
 * asserted.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BulkLog } from '../../bench/bulk-log.js';
import type { EventActor } from '../../src/events/event-store.js';
import { Installation } from '../support/cli.js';

const CLIENTS = 100_000;
/** Only a hang reaches it (a run takes seconds): then the test fails instead of waiting for ever. */
const LIMIT_MS = 180_000;
const BIN = join(import.meta.dirname, '../../bin/epic.js');

const pipe = suite(`a closed pipe, with ${CLIENTS.toLocaleString('en')} clients`);
const app = new Installation();
pipe.before(async () => {
  await app.spawnEpic(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'admin passphrase\n' });
  const commercialId = (
    await app.spawnEpic(
      ['user', 'create', '--name', 'Bob Seller', '--email', 'bob@epic.test', '--role', 'commercial', '--password-stdin'],
      {
        stdin: 'seller quickstart pass\n',
      },
    )
  ).stdout.trim();
  const log = await BulkLog.open(join(app.home, 'events.db'));
  const actor: EventActor = { id: commercialId, role: 'commercial' };
  let t = Date.parse('2026-01-01T00:00:00.000Z');
  for (let i = 0; i < CLIENTS; i++) {
    const clientId = `c${String(i).padStart(9, '0')}`;
    const commandId = randomUUID();
    t += 1000;
    const at = new Date(t);
    const data = {
      clientId,
      name: `Client ${i}`,
      email: `client${i}@example.com`,
      phone: null,
      company: `Company ${i % 500}`,
      commercialId,
    };
    log.append(`client-${clientId}`, 'ClientCreated', data, actor, at, commandId);
    log.append(
      'command-log',
      'CommandRecorded',
      { commandId, command: 'client create', args: {}, outcome: 'accepted', reason: null, events: [] },
      actor,
      at,
      commandId,
    );
  }
  log.close();
  // The read tables catch up once here, so the runs below only list.
  const caughtUp = await app.spawnEpic(['projection', 'run']);
  assert.is(caughtUp.code, 0, caughtUp.stderr);
});
pipe.after(() => app.cleanup());

/** `epic <args> | head -1` (with `2>&1` when asked) in bash: the first line, and epic's own exit status. */
function throughHead(
  args: readonly string[],
  mergeStderr: boolean,
): Promise<{ line: string; epicStatus: string; shellCode: number | null }> {
  const command = `node ${JSON.stringify(BIN)} ${args.join(' ')} ${mergeStderr ? '2>&1' : ''} | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      env: { PATH: process.env.PATH, HOME: app.home, EPIC_HOME: app.home },
      cwd: app.home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`epic ${args.join(' ')} | head -1 had not ended after ${LIMIT_MS} ms: stderr ${err.slice(0, 200)}`));
    }, LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ line: out, epicStatus: /status=(\d+)/.exec(err)?.[1] ?? `none (stderr: ${err.slice(0, 200)})`, shellCode: code });
    });
  });
}

pipe('epic client list | head -1: one row, exit 0, no message', async () => {
  const result = await throughHead(['client', 'list'], false);
  assert.match(result.line, /^c\d{9}\tClient \d+\t/, 'the first row, tab-separated');
  assert.is(result.line.split('\n').length, 2, 'one line');
  assert.is(result.epicStatus, '0', 'epic exits 0');
});

pipe('epic client list 2>&1 | head -1: the same, and no error line into the closed pipe', async () => {
  const result = await throughHead(['client', 'list'], true);
  assert.match(result.line, /^c\d{9}\tClient \d+\t/);
  assert.not.match(result.line, /error/);
  assert.is(result.epicStatus, '0');
});

pipe('epic client list --json | head -c: the same for JSON', async () => {
  const result = await throughHead(['client', 'list', '--json'], true);
  assert.match(result.line, /^\[\{"id":"c\d{9}"/);
  assert.is(result.epicStatus, '0');
});

pipe('nothing was recorded as failed', async () => {
  const failed = await app.spawnEpic(['log', '--json', '--limit', '1000']);
  assert.is(failed.code, 0, failed.stderr);
  const entries = JSON.parse(failed.stdout) as { outcome: string }[];
  assert.ok(entries.length > 0);
  assert.equal(
    entries.filter((e) => e.outcome === 'failed'),
    [],
  );
});

pipe.run();
