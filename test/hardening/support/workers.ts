import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LaneResult } from '../fixtures/cli-lane.js';

const projectRoot = join(import.meta.dirname, '../../..');

/**
 * A long-lived `epic` in its own process (fixtures/race-worker.ts): `send`
 * runs one command in it and resolves with how it ended. Commands sent to
 * several workers at once race as separate processes do, without a process
 * start-up per command.
 */
export class Worker {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #replies: ((line: string) => void)[] = [];
  readonly ready: Promise<void>;
  #stderr = '';

  constructor(env: Record<string, string | undefined>) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/race-worker.ts')], {
      cwd: projectRoot,
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString('utf8');
    });
    const lines = createInterface({ input: this.#child.stdout });
    let onReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (onReady = resolve));
    lines.on('line', (line) => {
      if (line === 'ready') onReady();
      else this.#replies.shift()?.(line);
    });
    this.#child.on('exit', (code) => {
      for (const reply of this.#replies.splice(0)) reply(JSON.stringify({ code: -1, stderr: `worker exited ${code}: ${this.#stderr}` }));
    });
  }

  send(args: readonly string[]): Promise<LaneResult> {
    return new Promise((resolve) => {
      this.#replies.push((line) => resolve(JSON.parse(line) as LaneResult));
      this.#child.stdin.write(`${JSON.stringify(args)}\n`);
    });
  }

  stop(): void {
    this.#child.stdin.end();
  }
}
