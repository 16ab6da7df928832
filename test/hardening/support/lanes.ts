import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LaneResult } from '../fixtures/cli-lane.js';

const projectRoot = join(import.meta.dirname, '../../..');
const lane = join(import.meta.dirname, '../fixtures/cli-lane.ts');

/**
 * Runs each list of commands in its own Node process (fixtures/cli-lane.ts),
 * all starting at once: every process is loaded and says "ready" before any
 * is told "go". Returns each lane's results, in order.
 */
export async function runLanes(
  home: string,
  env: Record<string, string | undefined>,
  lanes: readonly (readonly string[][])[],
): Promise<LaneResult[][]> {
  const children = lanes.map((commands, index) => {
    const file = join(home, `lane-${index}.json`);
    writeFileSync(file, JSON.stringify(commands));
    return spawn(process.execPath, ['--import', 'tsx', lane, file], {
      cwd: projectRoot,
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  });
  const outputs = children.map(collect);
  await Promise.all(outputs.map((output) => output.ready));
  for (const child of children) child.stdin.write('go\n');
  for (const child of children) child.stdin.end();
  return Promise.all(outputs.map((output) => output.done));
}

function collect(child: ChildProcessWithoutNullStreams): { ready: Promise<void>; done: Promise<LaneResult[]> } {
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const done = new Promise<LaneResult[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      onReady();
      const line = out.split('\n')[1];
      if (code !== 0 || !line) reject(new Error(`lane exited ${code}: ${err.slice(0, 2000)}`));
      else resolve(JSON.parse(line) as LaneResult[]);
    });
  });
  return { ready, done };
}
