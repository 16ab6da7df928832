import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_AUDIT_KEY_TEXT } from '../test/support/audit-key.js';
import { nowMs } from './stats.js';

export const ROOT = join(import.meta.dirname, '..');

/** The installed app the CLI benchmarks spawn: ROOT by default, a private build after `privateBuild()`. */
export const app = { root: ROOT };

/**
 * Builds the CLI exactly as `npm run build` does, but into a private copy of
 * the package (bin/, package.json, dist/, node_modules linked): other
 * engineers rebuilding dist/ while the bench runs cannot change what is
 * measured, nor catch it half-written.
 */
export async function privateBuild(log: (line: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'epic-bench-app-'));
  mkdirSync(join(root, 'bin'));
  for (const file of ['bin/epic.js', 'bin/package.json']) copyFileSync(join(ROOT, file), join(root, file));
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  log(`building the CLI into ${root} (scripts/build.ts, as npm run build does)`);
  await runProcess(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build.ts'), '--outdir', join(root, 'dist')]);
  app.root = root;
}

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit, in ms. */
  readonly ms: number;
}

/** Runs a process to completion, reading all its output; rejects on a non-zero exit unless `allowFailure`. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; stdin?: string; allowFailure?: boolean } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = {
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: nowMs() - start,
      };
      if (result.code !== 0 && options.allowFailure !== true) {
        reject(new Error(`${command} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim().slice(0, 500)}`));
      } else resolve(result);
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** The built CLI, as users run it: `node bin/epic.js ...`. */
export function epic(home: string, args: readonly string[], stdin?: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [join(app.root, 'bin/epic.js'), ...args], {
    env: epicEnv(home),
    cwd: home,
    ...(stdin !== undefined && { stdin }),
  });
}

export function epicEnv(home: string): NodeJS.ProcessEnv {
  // A clean environment: no NODE_OPTIONS (tsx's loader must not leak into the measured processes).
  // The audit key the bulk logs are chained with (bulk-log.ts).
  return { PATH: process.env.PATH, HOME: home, EPIC_HOME: home, EPIC_BCRYPT_ROUNDS: '4', EPIC_AUDIT_KEY: TEST_AUDIT_KEY_TEXT };
}

/** A child running a TypeScript file of the bench through tsx; it prints one JSON line last. */
export async function tsxChild<T>(file: string, args: readonly string[]): Promise<T> {
  const result = await runProcess(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', file), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
