/**
 * A MariaDB server of the test's own, for tests that kill their database:
 * its own data directory under a temporary folder, its own port and socket,
 * started from /usr/sbin/mariadbd and killed by its pid — never the shared
 * server on 3306. `start()` resolves to undefined (and the caller skips with
 * one line) when the binaries are not installed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((path) => existsSync(path));

export class PrivateMariadb {
  #server: ChildProcess | undefined;
  #log = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Initializes a data directory and starts the server on a free port. */
  static async start(): Promise<PrivateMariadb | undefined> {
    if (!existsSync(MARIADBD) || INSTALL_DB === undefined) return undefined;
    const dir = mkdtempSync(join(tmpdir(), 'epic-mariadb-'));
    await promisify(execFile)(INSTALL_DB, [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...(process.getuid?.() === 0 ? ['--user=root'] : []),
    ]);
    const server = new PrivateMariadb(dir, await freePort());
    await server.up();
    return server;
  }

  /** The URL of database `name` on this server (created by `createDatabase`). */
  url(name: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${name}`;
  }

  async createDatabase(name: string): Promise<string> {
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    try {
      await connection.query(`CREATE DATABASE \`${name}\``);
    } finally {
      await connection.end();
    }
    return this.url(name);
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  /** Starts the server on its data directory and waits until it accepts connections. */
  async up(): Promise<void> {
    if (this.#server) return;
    const child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=16M',
        '--max-connections=200',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#log = (this.#log + chunk.toString('utf8')).slice(-4000);
    });
    this.#server = child;
    child.on('exit', () => {
      if (this.#server === child) this.#server = undefined;
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 });
        await connection.end();
        return;
      } catch (error) {
        if (this.#server !== child) throw new Error(`the private mariadbd exited while starting: ${this.#log}`);
        if (Date.now() > deadline) throw new Error(`the private mariadbd did not start within 60 s: ${String(error)}\n${this.#log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** SIGKILL by pid, as a crash or an OOM kill would: no shutdown, InnoDB recovers at the next start. */
  async kill(): Promise<void> {
    const child = this.#server;
    if (!child?.pid) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }

  /** Kills the server and removes its data directory. */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
