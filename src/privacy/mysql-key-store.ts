import type { RowDataPacket } from 'mysql2/promise';
import { parseMysqlUrl } from '../config/mysql-url.js';
import { toBackendError } from '../events/mysql/backend-error.js';
import { MysqlDatabase } from '../events/mysql/database.js';
import { newKey } from './envelope.js';
import type { SubjectKeyStore } from './key-store.js';

/**
 * The keys of a MySQL log: their own tables, `subject_keys` and
 * `forgotten_subjects`, in the log's database (a dump of the `events` table
 * alone holds no key; grant and back them up apart). A destroyed key's row
 * is deleted in a transaction of its own; InnoDB keeps the old row in its
 * undo log until purge and in the binary log if one is kept
 * (docs/privacy.md says what to do about both).
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS subject_keys (
  subject VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  \`key\` VARBINARY(64) NOT NULL,
  created_at DATETIME(3) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (subject)
) ENGINE=InnoDB`,
  `CREATE TABLE IF NOT EXISTS forgotten_subjects (
  subject VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  at DATETIME(3) NOT NULL COMMENT 'UTC',
  PRIMARY KEY (subject)
) ENGINE=InnoDB`,
];

interface KeyRow extends RowDataPacket {
  readonly subject: string;
  readonly key: Buffer;
}

function mysqlInstant(iso: string): string {
  return iso.replace('T', ' ').replace('Z', '');
}

export class MysqlKeyStore implements SubjectKeyStore {
  readonly #db: MysqlDatabase;

  private constructor(db: MysqlDatabase) {
    this.#db = db;
  }

  static async open(url: string): Promise<MysqlKeyStore> {
    const store = new MysqlKeyStore(new MysqlDatabase(parseMysqlUrl(url), 'keyStore', { connectionLimit: 2 }));
    try {
      for (const statement of SCHEMA) await store.#run(() => store.#db.execute(statement));
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async keys(subjects: readonly string[], create: boolean): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (subjects.length === 0) return found;
    const read = async () => {
      const rows = await this.#run(() =>
        this.#db.query<KeyRow>('SELECT subject, `key` FROM subject_keys WHERE subject IN (?)', [subjects]),
      );
      for (const row of rows) found.set(row.subject, Buffer.from(row.key));
    };
    await read();
    const missing = subjects.filter((subject) => !found.has(subject));
    if (create && missing.length > 0) {
      const now = mysqlInstant(new Date().toISOString());
      for (const subject of missing) {
        // INSERT … SELECT skips a forgotten subject; IGNORE keeps a key another process made first.
        await this.#run(() =>
          this.#db.execute(
            'INSERT IGNORE INTO subject_keys (subject, `key`, created_at) SELECT ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM forgotten_subjects WHERE subject = ?)',
            [subject, newKey(), now, subject],
          ),
        );
      }
      await read();
    }
    return found;
  }

  async forgotten(): Promise<ReadonlySet<string>> {
    const rows = await this.#run(() => this.#db.query<RowDataPacket & { subject: string }>('SELECT subject FROM forgotten_subjects'));
    return new Set(rows.map((row) => row.subject));
  }

  async forget(subject: string, at: string): Promise<boolean> {
    return this.#run(() =>
      this.#db.transaction(async (connection) => {
        await connection.query('DELETE FROM subject_keys WHERE subject = ?', [subject]);
        const [result] = await connection.query<import('mysql2').ResultSetHeader>(
          'INSERT IGNORE INTO forgotten_subjects (subject, at) VALUES (?, ?)',
          [subject, mysqlInstant(at)],
        );
        return { value: result.affectedRows > 0, commit: true };
      }),
    );
  }

  async subjectsStartingWith(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.#run(() =>
      this.#db.query<RowDataPacket & { subject: string }>(
        'SELECT subject FROM subject_keys WHERE subject >= ? AND subject < ? ORDER BY subject LIMIT ?',
        [prefix, `${prefix}\u007f`, limit],
      ),
    );
    return rows.map((row) => row.subject);
  }

  close(): Promise<void> {
    return this.#db.close();
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toBackendError(error, this.#db.context);
    }
  }
}
