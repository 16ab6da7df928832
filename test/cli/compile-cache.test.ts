/**
 * bin/epic.js turns on Node's compile cache (Node ≥ 22.1; docs/performance.md,
 * B1/B2) in `epic-compile-cache-<uid>` under the OS temp dir. Whatever that
 * temp dir is — missing, a file, a directory another user could write to, a
 * symbolic link planted where the cache goes — a launch answers exactly as it
 * does with the cache turned off (NODE_DISABLE_COMPILE_CACHE=1), prints
 * nothing more, and never uses a directory it does not own alone. On Node 20,
 * which has no such cache, nothing is made at all.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CliResult, Installation } from '../support/cli.js';

const cache = suite('the compile cache of bin/epic.js');
const app = new Installation();
const scratch = mkdtempSync(join(tmpdir(), 'epic-compile-cache-test-'));
const CACHE_NAME = `epic-compile-cache-${process.getuid?.() ?? 0}`;
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const NODE_HAS_CACHE = major > 22 || (major === 22 && minor >= 1);

cache.before(async () => {
  await app.spawnEpic(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'admin passphrase\n' });
});
cache.after(() => {
  app.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** A launch that loads the CLI and opens the stores, and one that only parses. */
const LAUNCHES: readonly (readonly string[])[] = [
  ['whoami', '--json'],
  ['client', 'list', '--help'],
];

async function sameAsWithoutCache(env: Record<string, string>): Promise<void> {
  for (const args of LAUNCHES) {
    const withCache = await app.spawnEpic(args, { env });
    const without = await app.spawnEpic(args, { env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    assert.equal(comparable(withCache), comparable(without), `epic ${args.join(' ')} with TMPDIR=${env.TMPDIR}`);
    assert.is(withCache.code, 0, withCache.stderr);
    assert.is(withCache.stderr, '');
  }
}

/** whoami's timestamps move between two runs; the rest must be the same bytes. */
function comparable(result: CliResult): CliResult {
  return { ...result, stdout: result.stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T') };
}

cache('a fresh temp dir: the cache is made there (Node ≥ 22.1), private, and used', async () => {
  const dir = mkdtempSync(join(scratch, 'fresh-'));
  await sameAsWithoutCache({ TMPDIR: dir });
  const made = join(dir, CACHE_NAME);
  if (!NODE_HAS_CACHE) {
    assert.not.ok(existsSync(made), 'no cache directory on a Node without a compile cache');
    return;
  }
  assert.ok(statSync(made).isDirectory());
  assert.is(statSync(made).mode & 0o777, 0o700);
  assert.ok(readdirSync(made).length > 0, 'the compiled code was kept');
});

cache('a temp dir that does not exist, or is a file: no cache, nothing printed', async () => {
  const file = join(scratch, 'a-file');
  writeFileSync(file, 'not a directory\n');
  await sameAsWithoutCache({ TMPDIR: join(scratch, 'missing', 'deeper') });
  await sameAsWithoutCache({ TMPDIR: file });
  assert.not.ok(existsSync(join(scratch, 'missing')));
});

cache('a cache directory others may write to, or a link planted in its place: not used', async () => {
  const open = mkdtempSync(join(scratch, 'open-'));
  mkdirSync(join(open, CACHE_NAME));
  chmodSync(join(open, CACHE_NAME), 0o777);
  await sameAsWithoutCache({ TMPDIR: open });
  assert.equal(readdirSync(join(open, CACHE_NAME)), []);

  const planted = mkdtempSync(join(scratch, 'planted-'));
  const elsewhere = mkdtempSync(join(scratch, 'elsewhere-'));
  symlinkSync(elsewhere, join(planted, CACHE_NAME));
  await sameAsWithoutCache({ TMPDIR: planted });
  assert.equal(readdirSync(elsewhere), []);
});

cache('a read-only temp dir: no cache, nothing printed', async () => {
  const readOnly = mkdtempSync(join(scratch, 'read-only-'));
  chmodSync(readOnly, 0o555);
  try {
    await sameAsWithoutCache({ TMPDIR: readOnly });
  } finally {
    chmodSync(readOnly, 0o755);
  }
});

cache.run();
