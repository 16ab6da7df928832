import type { Writable } from 'node:stream';
import { currentFormat } from '../i18n/translator.js';
import { t } from './say.js';

interface ProgressBarOptions {
  /** What is counted: `events`, `rows`. */
  readonly unit: string;
  /** What is being done, before the bar: `importing`. */
  readonly label?: string;
  /** Milliseconds from some fixed point; injected by tests. */
  readonly now?: () => number;
  /** The reader's language for counts and the time left (English, `11,400` and `2s left`, when absent). */
  readonly words?: ProgressWords;
}

/** How the bar's counts and time left read in one language. */
export interface ProgressWords {
  readonly count: (n: number) => string;
  readonly left: (time: string) => string;
}

/** The words of this invocation's language (the catalogue's and its number format). */
export function progressWords(): ProgressWords {
  const format = currentFormat();
  return { count: (n) => format.number(n), left: (time) => t('cli.progress.left', { time }) };
}

const ENGLISH: ProgressWords = { count: (n) => n.toLocaleString('en-US'), left: (time) => `${time} left` };

const WIDTH = 24;
const REDRAW_MS = 100;

/**
 * The one progress bar of the CLI: one line with the rate and the time left,
 * redrawn in place on a terminal (at most every 100 ms, and always for the
 * last step). On anything else it draws nothing: logs and pipes stay quiet.
 * Whatever the counts (past the total, a total of 0, negative, not a number),
 * it draws a bar and never throws: progress is never worth failing a command.
 */
export class ProgressBar {
  readonly enabled: boolean;
  readonly #out: Writable;
  readonly #options: ProgressBarOptions;
  readonly #now: () => number;
  readonly #started: number;
  #lastDraw = 0;
  #drawn = false;

  constructor(out: Writable, options: ProgressBarOptions) {
    this.#out = out;
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#started = this.#now();
    this.enabled = (out as Writable & { isTTY?: boolean }).isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = this.#now();
    if (this.#drawn && now - this.#lastDraw < REDRAW_MS && done < total) return;
    this.#lastDraw = now;
    this.#drawn = true;
    const line = formatProgress({ done, total, elapsedMs: now - this.#started }, this.#options.unit, this.#options.words);
    this.#out.write(`\r${this.#options.label === undefined ? '' : `${this.#options.label}  `}${line}\u001b[K`);
  }

  /** Ends the line the bar was drawn on, leaving the last bar (the rate it reached) in view. */
  finish(): void {
    if (this.#drawn) this.#out.write('\n');
    this.#drawn = false;
  }
}

interface ProgressSample {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/** `[#########---------------]  38%  11,400/30,000 events  9,120/s  2s left` */
export function formatProgress(sample: ProgressSample, unit: string, words: ProgressWords = ENGLISH): string {
  const done = countable(sample.done);
  const total = countable(sample.total);
  const elapsedMs = countable(sample.elapsedMs);
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? Math.max(0, total - done) / rate : undefined;
  const count = (n: number) => words.count(Math.round(n));
  return [
    `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`,
    `${String(Math.floor(ratio * 100)).padStart(3)}%`,
    `${count(done)}/${count(total)} ${unit}`,
    `${count(rate)}/s`,
    left === undefined ? '' : words.left(formatSeconds(left)),
  ]
    .join('  ')
    .trimEnd();
}

/** A count the bar can draw: not negative, finite. */
function countable(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** `42s`, `3m05s`, `2h07m`; rounded up to a whole second first, so 59.5 s reads `1m00s`, never `60s`. */
function formatSeconds(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  return minutes < 60
    ? `${minutes}m${String(whole % 60).padStart(2, '0')}s`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
