/**
 * A real pseudo-terminal for tests, through tmux: a detached session of its
 * own (its own server socket, `-L`), 80×24 unless asked, running bash with
 * `epic` on the PATH (the built bin/epic.js) and the installation's
 * EPIC_HOME. The test types and presses keys as a person does and waits for
 * text to appear on the screen — never for a time: every wait has a generous
 * limit that only a hang reaches.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/epic.js');
const WAIT_LIMIT_MS = 60_000;

let sessions = 0;

export interface TerminalOptions {
  readonly columns?: number;
  readonly rows?: number;
  /** Environment of the shell (EPIC_HOME, EPIC_LANG...). */
  readonly env?: Record<string, string>;
}

function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export class Terminal {
  readonly #socket: string;
  readonly #dir: string;
  #runs = 0;

  private constructor(socket: string, dir: string) {
    this.#socket = socket;
    this.#dir = dir;
  }

  static open(options: TerminalOptions = {}): Terminal {
    const dir = mkdtempSync(join(tmpdir(), 'epic-tty-'));
    const epic = join(dir, 'epic');
    writeFileSync(epic, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
    chmodSync(epic, 0o755);
    const socket = `epic-test-${process.pid}-${++sessions}`;
    const env = { PATH: `${dir}:${process.env.PATH ?? ''}`, TERM: 'xterm-256color', EPIC_BCRYPT_ROUNDS: '4', ...options.env };
    const terminal = new Terminal(socket, dir);
    terminal.#tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(options.columns ?? 80),
      '-y',
      String(options.rows ?? 24),
      // The shell's environment, set by `env` (tmux's own -e does not reach the first window here).
      `env ${Object.entries(env)
        .map(([name, value]) => `${name}=${shellQuoted(value)}`)
        .join(' ')} bash --norc --noprofile`,
    );
    terminal.#tmux('set-option', '-g', 'history-limit', '5000');
    return terminal;
  }

  #tmux(...args: string[]): string {
    // A clean environment for the tmux server: nothing of the test runner's (FORCE_COLOR...) reaches the shell.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color' };
    return execFileSync('tmux', ['-L', this.#socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env });
  }

  /**
   * Types a command line and presses Enter, on a cleared screen; its exit
   * code is printed after it, numbered (`[exit 0 #3]`) so that an earlier
   * command's is never taken for it.
   */
  run(commandLine: string): void {
    this.#runs++;
    this.#tmux('send-keys', '-t', 'main', '-l', `clear; ${commandLine}; echo "[exit $? #${this.#runs}]"`);
    this.#tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** Types text as it is (no key names). */
  type(text: string): void {
    this.#tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Presses keys by name: `Enter`, `Down`, `C-c`, `C-d`, `BSpace`. */
  press(...keys: string[]): void {
    this.#tmux('send-keys', '-t', 'main', ...keys);
  }

  /** What the screen shows now, wrapped lines joined. */
  screen(): string {
    return this.#tmux('capture-pane', '-t', 'main', '-p', '-J');
  }

  /** The visible screen, line by line, as wide as the terminal shows it. */
  lines(): string[] {
    return this.#tmux('capture-pane', '-t', 'main', '-p').split('\n');
  }

  /** Waits until the screen shows `expected`; the whole screen otherwise, in the error. */
  async waitFor(expected: RegExp | string | ((screen: string) => boolean), limitMs = WAIT_LIMIT_MS): Promise<string> {
    const started = Date.now();
    const seen = (screen: string) =>
      typeof expected === 'string' ? screen.includes(expected) : typeof expected === 'function' ? expected(screen) : expected.test(screen);
    for (;;) {
      const screen = this.screen();
      if (seen(screen)) return screen;
      if (Date.now() - started > limitMs)
        throw new Error(`the terminal never showed ${String(expected)}; it shows:\n${screen.replace(/\n+$/, '')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for the command started by the last `run` to end; its exit code. */
  async exitCode(): Promise<number> {
    const mark = new RegExp(`\\[exit (\\d+) #${this.#runs}\\]`);
    const screen = await this.waitFor(mark);
    return Number(mark.exec(screen)?.[1]);
  }

  close(): void {
    try {
      this.#tmux('kill-server');
    } catch {
      // Already gone.
    }
    rmSync(this.#dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
