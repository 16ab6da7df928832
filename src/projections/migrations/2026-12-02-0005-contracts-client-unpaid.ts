/**
 * `contracts_client_idx` version 2: (client_id, unpaid, created_at, id)
 * instead of (client_id, created_at), the index of `contracts` version 2
 * (contracts-projection.ts). A commercial's first page of `--unpaid` reads
 * their clients' unpaid contracts from it alone (B6). FROZEN: once released,
 * never edit this file; add a new dated migration instead.
 *
 * As 0003 does: the contracts projection rebuilds its table in the version 2
 * shape anyway (its version changed); this gives a fresh database that shape
 * at once, so it is not rebuilt at its first catch-up. A table rebuilt since
 * the first migration has its indexes under other names: the old one is then
 * not found, and left to that rebuild.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ReadDialect } from '../read-db/database.js';

// Frozen against the schema of its day: the connection's schema builder and plain SQL only.
type SchemaDb = Kysely<unknown>;

const INDEX = 'contracts_client_idx';

async function hasIndex(db: SchemaDb, dialect: ReadDialect): Promise<boolean> {
  const found =
    dialect === 'mysql'
      ? await sql`select 1 from information_schema.statistics where table_schema = database() and table_name = 'contracts' and index_name = ${INDEX}`.execute(
          db,
        )
      : await sql`select 1 from sqlite_master where type = 'index' and tbl_name = 'contracts' and name = ${INDEX}`.execute(db);
  return found.rows.length > 0;
}

export async function up(db: SchemaDb, dialect: ReadDialect): Promise<void> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'contracts')) return;
  // MySQL names the table of the index to drop; SQLite's index names are the database's own.
  if (await hasIndex(db, dialect))
    await db.schema
      .dropIndex(INDEX)
      .$call((q) => (dialect === 'mysql' ? q.on('contracts') : q))
      .execute();
  await db.schema.createIndex(INDEX).on('contracts').columns(['client_id', 'unpaid', 'created_at', 'id']).execute();
}
