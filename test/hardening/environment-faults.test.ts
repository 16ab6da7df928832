/**
 * Faults of the environment (issue 17, item 3), each met by the built binary
 * under a timeout: EPIC_HOME a file, the session, secret.key or .env a
 * folder, the session or .env a FIFO, .env a link to /dev/zero (exit 2, one
 * line, never a hang); EPIC_HOME read-only and the disk full (exit 7, the
 * real cause named, never "cannot rollback"); the read database with random
 * pages overwritten or a table dropped (rebuilt from the log, exit 0).
 * Read-only and full need a tmpfs this process may mount (root): without
 * one, those cases are skipped with one line saying so.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TEST_AUDIT_KEY_TEXT } from '../support/audit-key.js';
import { assertOneLineError } from './support/hardening.js';

const BIN = join(import.meta.dirname, '../../bin/epic.js');

/** No case may take longer: a hang is a failure, and the process is killed by its pid. */
const TIMEOUT_MS = 20_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

async function epic(
  home: string,
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<Run> {
  const env = { PATH: process.env.PATH, HOME: home, EPIC_HOME: home, EPIC_BCRYPT_ROUNDS: '4', LANG: 'C', ...options.env };
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd ?? tmpdir(), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A child that exits without reading its stdin (a --help, a refusal) closes the pipe: EPIPE then is no failure of the test.
  child.stdin.on('error', () => {});
  child.stdin.end(options.stdin ?? '');
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  clearTimeout(timer);
  return { code, stdout, stderr, timedOut };
}

/** An installation with a gestion and a commercial, and `clients` clients owned by the commercial. */
async function install(home: string, clients = 0): Promise<{ commercial: string }> {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'audit.key'), `${TEST_AUDIT_KEY_TEXT}\n`, { mode: 0o600 });
  const ok = async (args: readonly string[], stdin?: string) => {
    const run = await epic(home, args, stdin === undefined ? {} : { stdin });
    assert.is(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
  };
  await ok(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], 'admin passphrase long\n');
  const commercial = await ok(
    ['user', 'create', '--name', 'Bob Seller', '--email', 'bob@epic.test', '--role', 'commercial', '--password-stdin'],
    'seller password long\n',
  );
  for (let i = 0; i < clients; i++)
    await ok(['client', 'create', '--name', `Client ${i}`, '--email', `c${i}@client.io`, '--commercial', commercial]);
  return { commercial };
}

function assertRefused(run: Run, code: number, pattern: RegExp, what: string): void {
  assert.not.ok(run.timedOut, `${what}: hung (killed after ${TIMEOUT_MS} ms)`);
  assert.is(run.code, code, `${what}: ${run.stderr}`);
  assert.is(run.stdout, '', `${what}: nothing on stdout`);
  assert.match(assertOneLineError(run, what), pattern, what);
}

const scratch = mkdtempSync(join(tmpdir(), 'epic-faults-'));
const faults = suite('environment faults');
faults.after(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
const freshHome = () => join(scratch, `home-${++counter}`);

faults('EPIC_HOME a file, or under a file: exit 2, one line naming it', async () => {
  const file = join(scratch, 'not-a-folder');
  writeFileSync(file, 'x');
  for (const home of [file, join(file, 'epic')]) {
    for (const args of [['client', 'list'], ['whoami'], ['login', '--email', 'a@b.io', '--password-stdin']]) {
      assertRefused(await epic(home, args, { stdin: 'x\n' }), 2, /EPIC_HOME .* is not a folder/, `${home} ${args[0]}`);
    }
  }
});

faults('the session, secret.key or .env a folder: exit 2, "it is a folder"', async () => {
  const home = freshHome();
  await install(home);
  for (const [name, what] of [
    ['session', 'the session file'],
    ['secret.key', 'the secret key'],
  ] as const) {
    const path = join(home, name);
    const kept = join(home, `${name}.kept`);
    renameSync(path, kept);
    mkdirSync(path, { mode: 0o700 });
    try {
      assertRefused(await epic(home, ['client', 'list']), 2, new RegExp(`cannot use ${what} .*${name}: it is a folder`), name);
    } finally {
      rmSync(path, { recursive: true });
      renameSync(kept, path);
    }
  }
  const cwd = join(scratch, 'dotenv-folder');
  mkdirSync(join(cwd, '.env'), { recursive: true });
  assertRefused(await epic(home, ['client', 'list'], { cwd }), 2, /cannot use the \.env file .*: it is a folder/, '.env folder');
  assert.is((await epic(home, ['client', 'list'])).code, 0, 'fine again');
});

faults('the session or .env a FIFO, .env a link to /dev/zero: refused at once, never read', async () => {
  const home = freshHome();
  await install(home);
  const session = join(home, 'session');
  const kept = join(home, 'session.kept');
  renameSync(session, kept);
  execFileSync('mkfifo', ['-m', '600', session]);
  try {
    assertRefused(await epic(home, ['client', 'list']), 2, /the session file .*: it is not a regular file/, 'session FIFO');
  } finally {
    rmSync(session);
    renameSync(kept, session);
  }
  const fifoCwd = join(scratch, 'dotenv-fifo');
  mkdirSync(fifoCwd);
  execFileSync('mkfifo', [join(fifoCwd, '.env')]);
  assertRefused(await epic(home, ['client', 'list'], { cwd: fifoCwd }), 2, /the \.env file .*: it is not a regular file/, '.env FIFO');
  const zeroCwd = join(scratch, 'dotenv-zero');
  mkdirSync(zeroCwd);
  symlinkSync('/dev/zero', join(zeroCwd, '.env'));
  assertRefused(
    await epic(home, ['client', 'list'], { cwd: zeroCwd }),
    2,
    /the \.env file .*: it is not a regular file/,
    '.env → /dev/zero',
  );
  const bigCwd = join(scratch, 'dotenv-big');
  mkdirSync(bigCwd);
  writeFileSync(join(bigCwd, '.env'), `A=${'x'.repeat(2 * 1024 * 1024)}\n`);
  assertRefused(await epic(home, ['client', 'list'], { cwd: bigCwd }), 2, /the \.env file .*: it is larger than \d+ bytes/, 'a 2 MB .env');
});

faults('French: the same refusal in French', async () => {
  const file = join(scratch, 'fichier');
  writeFileSync(file, 'x');
  assertRefused(await epic(file, ['client', 'list'], { env: { EPIC_LANG: 'fr' } }), 2, /EPIC_HOME .* n’est pas un dossier/, 'fr');
});

/** Overwrites every other page of a SQLite file past the first two with random bytes. */
function scramblePages(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const pageSize = 4096;
    const pages = Math.floor(fstatSync(fd).size / pageSize);
    for (let page = 2; page < pages; page += 2) writeSync(fd, randomBytes(pageSize), 0, pageSize, page * pageSize);
  } finally {
    closeSync(fd);
  }
}

for (const [damage, harm] of [
  ['a dropped table', (path: string) => new Database(path).exec('drop table clients')],
  ['random pages overwritten', scramblePages],
] as const) {
  faults(`read.db with ${damage}: set aside and rebuilt from the log, the command answers`, async () => {
    const home = freshHome();
    await install(home, 30);
    const readDb = join(home, 'read.db');
    // A checkpoint of the WAL first, so the pages to damage are in the file itself.
    new Database(readDb).pragma('wal_checkpoint(TRUNCATE)');
    harm(readDb);
    const list = await epic(home, ['client', 'list', '--json']);
    assert.not.ok(list.timedOut);
    assert.is(list.code, 0, list.stderr);
    assert.is((JSON.parse(list.stdout) as unknown[]).length, 30, 'every client, from the rebuilt tables');
    assert.match(
      list.stderr,
      /^warning: the read database .*read\.db was damaged \(set aside as .*read\.db\.damaged-[^)]+\); its tables were rebuilt/,
    );
    assert.is(list.stderr.split('\n').filter(Boolean).length, 1, 'one warning line');
    const aside = readdirSync(home).filter((name) => /^read\.db\.damaged-[^-]/.test(name) && !/-(wal|shm)$/.test(name));
    assert.is(aside.length, 1, 'the damaged file is kept aside');
    assert.is((statSync(join(home, aside[0]!)).mode & 0o777).toString(8), '600');
    const again = await epic(home, ['client', 'list', '--json']);
    assert.is(again.code, 0, again.stderr);
    assert.is(again.stderr, '', 'no warning once rebuilt');
    assert.is((await epic(home, ['projection', 'status'])).code, 0);
  });
}

/** A tmpfs of `size` mounted at a fresh folder, or undefined (with the reason) when this process may not mount one. */
function mountTmpfs(size: string): { path: string; unmount: () => void } | string {
  const path = mkdtempSync(join(tmpdir(), 'epic-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', path], { stdio: 'pipe' });
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  return {
    path,
    unmount: () => {
      execFileSync('umount', [path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

const skipped = (what: string, reason: string) => console.log(`  skipped: ${what} (cannot mount a tmpfs: ${reason})`);

faults('EPIC_HOME on a read-only file system: exit 7, one line, never exit 1', async () => {
  const mount = mountTmpfs('8m');
  if (typeof mount === 'string') return skipped('read-only EPIC_HOME', mount);
  try {
    const home = join(mount.path, 'home');
    await install(home, 2);
    execFileSync('mount', ['-o', 'remount,ro', mount.path]);
    for (const args of [
      ['client', 'list'],
      ['whoami'],
      ['client', 'create', '--name', 'X', '--email', 'x@x.io'],
      ['logout'],
      ['audit', 'verify'],
    ]) {
      const run = await epic(home, args);
      assert.not.ok(run.timedOut, args.join(' '));
      assert.is(run.code, 7, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^(warning: .*\n)?error: /, args.join(' '));
      assert.not.match(run.stderr, /internal error/, args.join(' '));
    }
  } finally {
    mount.unmount();
  }
});

faults('the disk full: every command exits 0, 2 or 7 with the real cause, and all is well once space is freed', async () => {
  const mount = mountTmpfs('3m');
  if (typeof mount === 'string') return skipped('disk full', mount);
  try {
    const home = join(mount.path, 'home');
    const { commercial } = await install(home, 3);
    // Fill the disk to a few pages, then write until it is full: each step fails somewhere else.
    const filler = join(mount.path, 'filler');
    const free = () => Number(execFileSync('df', ['-k', '--output=avail', mount.path]).toString().trim().split('\n').at(-1));
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 120) * 1024));
    const codes = new Set<number | null>();
    let full = 0;
    const company = 'x'.repeat(1900);
    for (let i = 0; i < 60 && full < 6; i++) {
      for (const args of [
        ['client', 'create', '--name', `Filler ${i}`, '--email', `f${i}@fill.io`, '--company', company, '--commercial', commercial],
        ['client', 'list'],
        ['whoami'],
      ]) {
        const run = await epic(home, args);
        assert.not.ok(run.timedOut, `${args.join(' ')} hung`);
        codes.add(run.code);
        assert.ok(run.code === 0 || run.code === 7, `${args.slice(0, 2).join(' ')} exited ${run.code}: ${run.stderr}`);
        assert.not.match(run.stderr, /internal error|cannot rollback/, args.join(' '));
        if (run.code === 7) {
          full++;
          assert.match(run.stderr.trim().split('\n').at(-1)!, /^error: .*(full|no space|disk I\/O error)/i, run.stderr);
        }
      }
    }
    assert.ok(full > 0, `the disk was filled (exit codes seen: ${[...codes].join(', ')})`);
    rmSync(filler);
    const list = await epic(home, ['client', 'list', '--json']);
    assert.is(list.code, 0, list.stderr);
    const created = (JSON.parse(list.stdout) as { name: string }[]).filter((c) => c.name.startsWith('Filler')).length;
    const log = new Database(join(home, 'events.db'), { readonly: true });
    const inLog = (log.prepare(`select count(*) as n from events where type = 'ClientCreated'`).get() as { n: number }).n;
    log.close();
    assert.is(created + 3, inLog, 'the read tables hold every client the log holds');
  } finally {
    mount.unmount();
  }
});

faults.run();
