/**
 * The built CLI (`bin/epic.js`) as a process the test controls: started,
 * signalled (SIGTERM, SIGKILL) at a moment of the test's choosing, awaited.
 */

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface EpicExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface EpicProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<EpicExit>;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
}

export function startEpic(args: readonly string[], env: Record<string, string | undefined>, cwd: string): EpicProcess {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/epic.js'), ...args], {
    env: env as NodeJS.ProcessEnv,
    cwd,
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // A child that exits without reading its stdin (a --help, a refusal) closes the pipe: EPIPE then is no failure of the test.
  child.stdin.on('error', () => {});
  child.stdin.end();
  const exited = new Promise<EpicExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err }));
  });
  return { child, exited, stdout: () => out, stderr: () => err };
}
