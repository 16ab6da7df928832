import type { Writable } from 'node:stream';

export interface ProgressSample {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

const WIDTH = 24;
const REDRAW_MS = 100;

/**
 * A one-line progress bar with the rate and the time left, redrawn in place
 * on a terminal (at most every 100 ms). On anything else it draws nothing:
 * logs and pipes stay quiet.
 */
export class ProgressBar {
  #lastDraw = 0;
  #drawn = false;
  readonly enabled: boolean;

  constructor(
    readonly out: Writable,
    readonly unit: string,
  ) {
    this.enabled = (out as Writable & { isTTY?: boolean }).isTTY === true;
  }

  update(sample: ProgressSample): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.#drawn && now - this.#lastDraw < REDRAW_MS && sample.done < sample.total) return;
    this.#lastDraw = now;
    this.#drawn = true;
    this.out.write(`\r${formatProgress(sample, this.unit)}\u001b[K`);
  }

  /** Ends the line the bar was drawn on. */
  finish(): void {
    if (this.#drawn) this.out.write('\n');
    this.#drawn = false;
  }
}

/** `[#########---------------]  38%  11,400/30,000 events  9,120/s  2s left` */
export function formatProgress({ done, total, elapsedMs }: ProgressSample, unit: string): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? Math.max(0, total - done) / rate : undefined;
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`,
    `${String(Math.floor(ratio * 100)).padStart(3)}%`,
    `${count(done)}/${count(total)} ${unit}`,
    `${count(rate)}/s`,
    left === undefined ? '' : `${formatSeconds(left)} left`,
  ]
    .join('  ')
    .trimEnd();
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
