import { sql } from 'kysely';
import type { ReadDb } from '../projections/read-db/open-read-db.js';

/**
 * After the read tables erased a client: on SQLite, the pages as they were
 * before (with the client's values) are still in the WAL until a checkpoint
 * copies the new ones over, and in the WAL file itself until it is truncated.
 * The file's freed space is zeroed as it is freed (`secure_delete`, set when
 * the database is opened). MySQL keeps old row versions in its undo log until
 * purge (docs/privacy.md).
 */
export async function scrubReadDb(readDb: ReadDb): Promise<void> {
  if (readDb.dialect !== 'sqlite') return;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(readDb.db);
}
