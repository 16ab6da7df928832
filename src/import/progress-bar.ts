import type { Writable } from 'node:stream';

const WIDTH = 30;
const EVERY_MS = 100;

/**
 * A one-line progress bar redrawn in place (`\r`) on a terminal, at most ten
 * times a second; nothing at all when the stream is not a terminal, so a
 * script's stderr holds only real errors.
 */
export class ProgressBar {
  readonly #stream: Writable;
  readonly #label: string;
  readonly #enabled: boolean;
  #last = 0;
  #drawn = false;

  constructor(stream: Writable, label: string) {
    this.#stream = stream;
    this.#label = label;
    this.#enabled = (stream as Writable & { isTTY?: boolean }).isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (done < total && now - this.#last < EVERY_MS) return;
    this.#last = now;
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * WIDTH);
    this.#stream.write(
      `\r${this.#label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${Math.floor(ratio * 100)}%`,
    );
    this.#drawn = true;
  }

  /** Erases the bar, so what follows starts on a clean line. */
  done(): void {
    if (this.#drawn) this.#stream.write('\r\u001b[2K');
    this.#drawn = false;
  }
}
