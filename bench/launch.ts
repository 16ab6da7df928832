/**
 * Whole processes timed the way a user waits for them: each one launched
 * directly (no shell) with its output going to a file or /dev/null (no pipe
 * for the parent to drain, no event loop of ours running meanwhile: the
 * parent blocks in spawnSync), two commands in turn A B A B …, and the ratio
 * taken pair by pair so that both sides of a ratio saw the same minute of a
 * shared machine.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nowMs, type Summary, summarize } from './stats.js';

export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** A file given as standard input; none (/dev/null) when absent. */
  readonly stdinFile?: string;
}

/** Runs one launch with stdout and stderr to `out` (a path), returns its wall time in ms; throws when it exits non-zero. */
export function timeLaunch(launch: Launch, out = '/dev/null'): number {
  const stdin = openSync(launch.stdinFile ?? '/dev/null', 'r');
  const output = openSync(out, 'w');
  try {
    const start = nowMs();
    const result = spawnSync(launch.command, launch.args as string[], {
      env: launch.env,
      ...(launch.cwd !== undefined && { cwd: launch.cwd }),
      stdio: [stdin, output, output],
    });
    const ms = nowMs() - start;
    if (result.error) throw result.error;
    if (result.status !== 0) {
      const said = out === '/dev/null' ? '' : `: ${readFileSync(out, 'utf8').trim().slice(0, 500)}`;
      throw new Error(`${launch.command} ${launch.args.join(' ')} exited ${result.status ?? result.signal}${said}`);
    }
    return ms;
  } finally {
    closeSync(stdin);
    closeSync(output);
  }
}

export interface Paired {
  readonly a: Summary;
  readonly b: Summary;
  /** a/b, pair by pair. */
  readonly ratio: Summary;
}

/**
 * `pairs` rounds of A then B (after one warm-up round not counted); `a(i)` and
 * `b(i)` give round i's launches (a command that writes, such as
 * `client create`, needs new arguments each time). `before(i)`, when given,
 * runs ahead of each round, untimed (to reset state).
 */
export function paired(
  a: (round: number) => Launch,
  b: (round: number) => Launch,
  pairs: number,
  before?: (round: number) => void,
): Paired {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let round = -1; round < pairs; round++) {
    before?.(round);
    const ta = timeLaunch(a(round));
    const tb = timeLaunch(b(round));
    if (round < 0) continue;
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  return { a: summarize(as), b: summarize(bs), ratio: summarize(ratios) };
}

/**
 * Peak resident memory of one whole process, in MB, as the kernel accounts it
 * at exit (wait4's ru_maxrss, through GNU time): undefined when /usr/bin/time
 * is not installed.
 */
export function peakRssMb(launch: Launch, out = '/dev/null'): number | undefined {
  const timeBin = '/usr/bin/time';
  if (!existsSync(timeBin)) return undefined;
  const report = join(tmpdir(), `epic-bench-rss-${process.pid}.txt`);
  timeLaunch({ ...launch, command: timeBin, args: ['-f', '%M', '-o', report, launch.command, ...launch.args] }, out);
  const kb = Number(readFileSync(report, 'utf8').trim().split('\n').pop());
  rmSync(report, { force: true });
  if (!Number.isFinite(kb)) throw new Error(`peakRssMb: unreadable report from ${timeBin}`);
  return kb / 1024;
}
