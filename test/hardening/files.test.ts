/**
 * Files: EPIC_HOME is 0700; the secret, the session and the SQLite files
 * (with their -wal and -shm) are 0600, even under a permissive umask; the CLI
 * refuses a secret or session file others can read, and an EPIC_SECRET
 * shorter than 32 bytes, with one line that says why.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CliResult, Installation } from '../support/cli.js';
import { assertOneLineError } from './support/hardening.js';

const files = suite('files and modes');

let app: Installation;
/** EPIC_HOME, a folder that does not exist until `epic init` creates it. */
const home = join(mkdtempSync(join(tmpdir(), 'epic-files-')), 'epic-home');

/** The built binary under umask 000: the modes must not depend on the caller's umask. */
function spawnUnderOpenUmask(args: readonly string[], stdin: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const bin = join(import.meta.dirname, '../../bin/epic.js');
    const child = spawn('sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, bin, ...args], {
      env: { PATH: process.env.PATH, HOME: home, EPIC_HOME: home, EPIC_BCRYPT_ROUNDS: '4' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    // A child that exits without reading its stdin (a --help, a refusal) closes the pipe: EPIPE then is no failure of the test.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}

const mode = (path: string) => statSync(path).mode & 0o777;

files.before(async () => {
  app = new Installation({ EPIC_HOME: home });
  const init = await spawnUnderOpenUmask(
    ['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'],
    'admin passphrase\n',
  );
  assert.is(init.code, 0, init.stderr);
});
files.after(() => {
  app.cleanup();
  rmSync(join(home, '..'), { recursive: true, force: true });
});

files('EPIC_HOME 0700; secret, session, databases and their -wal/-shm 0600', async () => {
  const created = await spawnUnderOpenUmask(
    ['user', 'create', '--name', 'Bob', '--email', 'bob@epic.test', '--role', 'commercial', '--password-stdin'],
    'seller password long\n',
  );
  assert.is(created.code, 0, created.stderr);
  assert.is((await spawnUnderOpenUmask(['client', 'list', '--json'], '')).code, 0);
  assert.is(mode(home).toString(8), '700', 'EPIC_HOME');
  const names = readdirSync(home);
  for (const name of ['secret.key', 'audit.key', 'session', 'events.db', 'read.db']) assert.ok(names.includes(name), `${name} exists`);
  // A connection keeps the -wal and -shm files alive (a clean close removes them): look while one is open.
  const open = new Database(join(home, 'events.db'));
  open.prepare('SELECT count(*) FROM events').get();
  const withWal = [...new Set([...names, ...readdirSync(home)])];
  const checked: string[] = [];
  for (const name of withWal) {
    if (!/^((secret|audit)\.key|session|(events|read)\.db(-wal|-shm)?)$/.test(name)) continue;
    assert.is(mode(join(home, name)).toString(8), '600', name);
    checked.push(name);
  }
  open.close();
  assert.ok(
    checked.includes('events.db-wal') && checked.includes('events.db-shm'),
    `the -wal and -shm files were checked (${checked.join(', ')})`,
  );
});

for (const [file, what] of [
  ['secret.key', 'secret key'],
  ['session', 'session file'],
] as const) {
  for (const bad of [0o644, 0o640, 0o604, 0o660]) {
    files(`a ${file} with mode ${bad.toString(8)} is refused, and the error says why`, async () => {
      const path = join(home, file);
      chmodSync(path, bad);
      try {
        // The built binary once per file, the in-process CLI for the other modes (same code, faster).
        const change = ['client', 'create', '--name', 'Leak', '--email', 'leak@x.io'];
        for (const result of [await app.epic(['whoami']), bad === 0o644 ? await app.spawnEpic(change) : await app.epic(change)]) {
          assert.is.not(result.code, 0);
          assert.is(result.stdout, '');
          const line = assertOneLineError(result, `${file} ${bad.toString(8)}`);
          assert.match(line, new RegExp(`refusing to use the ${what}`));
          assert.match(line, /others can read it|group|chmod 600/);
        }
      } finally {
        chmodSync(path, 0o600);
      }
      assert.is((await app.epic(['whoami'])).code, 0, 'fine again once it is 0600');
    });
  }
}

files('an EPIC_SECRET shorter than 32 bytes is refused; 32 bytes are accepted', async () => {
  for (const secret of ['short', 'x'.repeat(31), 'é'.repeat(15)]) {
    const result = await app.epic(['whoami'], { env: { EPIC_SECRET: secret } });
    assert.is(result.code, 2, result.stderr);
    assert.match(assertOneLineError(result, 'short EPIC_SECRET'), /EPIC_SECRET must be at least 32 bytes/);
    const login = await app.epic(['login', '--email', 'ada@epic.test', '--password-stdin'], {
      stdin: 'admin passphrase\n',
      env: { EPIC_SECRET: secret },
    });
    assert.is(login.code, 2, login.stderr);
  }
  // 16 two-byte characters are 32 bytes: the rule is on bytes, and a token signed with it works.
  const secret = 'é'.repeat(16);
  await app.ok(['login', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'admin passphrase\n', env: { EPIC_SECRET: secret } });
  assert.is((await app.epic(['whoami'], { env: { EPIC_SECRET: secret } })).code, 0);
  assert.is((await app.epic(['whoami'])).code, 3, 'a token signed with EPIC_SECRET is not valid under the generated key');
  await app.as('ada@epic.test');
});

files('no temporary secret or session file is left behind', () => {
  assert.equal(
    readdirSync(home).filter((name) => name.endsWith('.tmp')),
    [],
  );
  assert.not.ok(existsSync(join(home, 'secret.key.tmp')));
});

files.run();
