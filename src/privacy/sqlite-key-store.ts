import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { type SqliteContext, toBackendError } from '../events/sqlite/backend-error.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openSqliteDatabase } from '../events/sqlite/database.js';
import { newKey } from './envelope.js';
import type { SubjectKeyStore } from './key-store.js';

/**
 * The keys of a SQLite log: their own file beside events.db (`keys.db`; for
 * a log named otherwise, `<name>.keys.db`), mode 0600 like every store file,
 * so that a copy of events.db never holds a key. `secure_delete` is on for
 * every connection: a destroyed key's bytes are overwritten in the file, and
 * `forget` checkpoints and truncates the WAL, where the page that held it
 * would otherwise stay.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS subject_keys (
  subject TEXT PRIMARY KEY,
  key BLOB NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS forgotten_subjects (
  subject TEXT PRIMARY KEY,
  at TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Where the keys of the SQLite log at `eventsPath` live. */
export function keyStorePath(eventsPath: string): string {
  const name = basename(eventsPath);
  if (name === 'events.db') return join(dirname(eventsPath), 'keys.db');
  return join(dirname(eventsPath), `${name.replace(/\.db$/, '')}.keys.db`);
}

export class SqliteKeyStore implements SubjectKeyStore {
  readonly #db: Database.Database;
  readonly #context: SqliteContext;
  readonly #get;
  readonly #insert;
  readonly #isForgotten;
  readonly #forgotten;
  readonly #delete;
  readonly #tombstone;
  readonly #prefix;

  constructor(path: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS) {
    this.#context = { label: 'keyStore', path, busyTimeoutMs };
    this.#db = openSqliteDatabase(path, { label: 'keyStore', busyTimeoutMs });
    try {
      this.#db.pragma('secure_delete = ON');
      this.#db.exec(SCHEMA);
    } catch (error) {
      this.#db.close();
      throw toBackendError(error, this.#context);
    }
    this.#get = this.#db.prepare<[string], { key: Buffer }>('SELECT key FROM subject_keys WHERE subject = ?');
    this.#insert = this.#db.prepare<[string, Buffer, string]>(
      'INSERT INTO subject_keys (subject, key, created_at) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING',
    );
    this.#isForgotten = this.#db.prepare<[string], { subject: string }>('SELECT subject FROM forgotten_subjects WHERE subject = ?');
    this.#forgotten = this.#db.prepare<[], { subject: string }>('SELECT subject FROM forgotten_subjects');
    this.#delete = this.#db.prepare<[string]>('DELETE FROM subject_keys WHERE subject = ?');
    this.#tombstone = this.#db.prepare<[string, string]>(
      'INSERT INTO forgotten_subjects (subject, at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.#prefix = this.#db.prepare<[string, string, number], { subject: string }>(
      'SELECT subject FROM subject_keys WHERE subject >= ? AND subject < ? ORDER BY subject LIMIT ?',
    );
  }

  async keys(subjects: readonly string[], create: boolean): Promise<ReadonlyMap<string, Buffer>> {
    return this.#run(() => {
      const found = new Map<string, Buffer>();
      const missing: string[] = [];
      for (const subject of subjects) {
        const row = this.#get.get(subject);
        if (row) found.set(subject, row.key);
        else missing.push(subject);
      }
      if (create && missing.length > 0) {
        this.#db
          .transaction(() => {
            const now = new Date().toISOString();
            for (const subject of missing) {
              if (this.#isForgotten.get(subject)) continue;
              const key = newKey();
              if (this.#insert.run(subject, key, now).changes > 0) {
                found.set(subject, key);
                continue;
              }
              key.fill(0);
              // Another process created it first (between the look-up above and this transaction): the key kept is the one in the table.
              const row = this.#get.get(subject);
              if (row) found.set(subject, row.key);
            }
          })
          .immediate();
      }
      return found;
    });
  }

  async forgotten(): Promise<ReadonlySet<string>> {
    return this.#run(() => new Set(this.#forgotten.all().map((row) => row.subject)));
  }

  async forget(subject: string, at: string): Promise<boolean> {
    const first = this.#run(() =>
      this.#db
        .transaction(() => {
          this.#delete.run(subject);
          return this.#tombstone.run(subject, at).changes > 0;
        })
        .immediate(),
    );
    // The page that held the key, as it was, is in the WAL until a checkpoint copies the
    // zeroed one over it; TRUNCATE then empties the WAL file itself.
    this.#run(() => this.#db.pragma('wal_checkpoint(TRUNCATE)'));
    return first;
  }

  async subjectsStartingWith(prefix: string, limit: number): Promise<string[]> {
    return this.#run(() => this.#prefix.all(prefix, `${prefix}\uffff`, limit).map((row) => row.subject));
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw toBackendError(error, this.#context);
    }
  }
}
