import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { EpicContext } from '../../src/cli/context.js';
import { run } from '../../src/cli/main.js';
import { TEST_AUDIT_KEY_TEXT } from './audit-key.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  /** stdout is a terminal this wide (a table is fitted to it, colour is on unless NO_COLOR); a pipe otherwise. */
  readonly terminalColumns?: number;
}

// bcrypt at its cheapest: tests check behaviour, not the work factor.
process.env.EPIC_BCRYPT_ROUNDS = '4';

/**
 * An isolated installation: its own EPIC_HOME (and, when given, its own
 * backends), and `epic(...)` running the real CLI in this process (fast) or
 * `spawnEpic(...)` running the built binary (what users run).
 */
export class Installation {
  readonly home: string;
  constructor(readonly env: Record<string, string | undefined> = {}) {
    this.home = mkdtempSync(join(tmpdir(), 'epic-test-'));
    // The test audit key, so a test can open the installation's store itself and append (test/support/audit-key.ts),
    // and every process on this EPIC_HOME uses it; remove the file to have `epic init` generate one, as it does for users.
    writeFileSync(join(this.home, 'audit.key'), `${TEST_AUDIT_KEY_TEXT}\n`, { mode: 0o600 });
  }

  private fullEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return { PATH: process.env.PATH, HOME: this.home, EPIC_HOME: this.home, EPIC_BCRYPT_ROUNDS: '4', ...this.env, ...extra };
  }

  async epic(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    if (options.terminalColumns !== undefined) Object.assign(stdout, { isTTY: true, columns: options.terminalColumns });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const context: EpicContext = {
      env: this.fullEnv(options.env),
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      stdout,
      stderr,
      colorDepth: 1,
      cwd: this.home,
      interactive: false,
    };
    const code = await run(args, context);
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  }

  /** The built CLI (`bin/epic.js`) in a child process. */
  spawnEpic(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/epic.js'), ...args], {
        env: this.fullEnv(options.env) as NodeJS.ProcessEnv,
        cwd: this.home,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
      // A child that exits without reading its stdin (a --help, a refusal) closes the pipe: EPIPE then is no failure of the test.
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin ?? '');
    });
  }

  /** Runs and insists on exit 0; returns trimmed stdout. */
  async ok(args: readonly string[], options: CliOptions = {}): Promise<string> {
    const result = await this.epic(args, options);
    if (result.code !== 0) throw new Error(`epic ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
    return result.stdout.trim();
  }

  async json<T = unknown>(args: readonly string[]): Promise<T> {
    return JSON.parse(await this.ok([...args, '--json'])) as T;
  }

  async login(email: string, password: string): Promise<void> {
    await this.ok(['login', '--email', email, '--password-stdin'], { stdin: `${password}\n` });
  }

  /** init as gestion, then two commercials and two supports (passwords: `passwordOf`); returns their ids. */
  async seedTeam(): Promise<{ gestion: string; commercial: string; commercial2: string; support: string; support2: string }> {
    const gestion = await this.ok(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], {
      stdin: 'admin passphrase\n',
    });
    const user = (name: string, email: string, role: string) =>
      this.ok(['user', 'create', '--name', name, '--email', email, '--role', role, '--password-stdin'], {
        stdin: `${passwordOf(email)}\n`,
      });
    const commercial = await user('Bob Seller', 'bob@epic.test', 'commercial');
    const commercial2 = await user('Carla Closer', 'carla@epic.test', 'commercial');
    const support = await user('Sam Support', 'sam@epic.test', 'support');
    const support2 = await user('Sue Support', 'sue@epic.test', 'support');
    return { gestion, commercial, commercial2, support, support2 };
  }

  as(email: string): Promise<void> {
    return this.login(email, passwordOf(email));
  }

  cleanup(): void {
    // A process the test started (a CLI in a tmux pane being hung up, a follower) may still be closing its
    // SQLite files here: rmSync retries ENOTEMPTY and EBUSY rather than failing the suite.
    rmSync(this.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/**
 * The password `seedTeam` gives each member: long enough, without the name
 * part of the email (the password policy refuses that).
 */
export function passwordOf(email: string): string {
  const known: Readonly<Record<string, string>> = {
    'ada@epic.test': 'admin passphrase',
    'bob@epic.test': 'seller passphrase one',
    'carla@epic.test': 'closer passphrase two',
    'sam@epic.test': 'support passphrase three',
    'sue@epic.test': 'support passphrase four',
  };
  const password = known[email];
  if (password === undefined) throw new Error(`${email} is not a member of the seeded team`);
  return password;
}
