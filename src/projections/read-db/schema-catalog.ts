import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, ReadDialect } from './database.js';

/** The columns read of each dialect's catalog of tables (not tables of `Database`). */
type Catalogs = {
  'information_schema.tables': { table_schema: string; table_name: string };
  sqlite_master: { type: string; name: string };
};

/** Which of these tables exist in the read database (its own schema on MySQL). */
export async function existingTables(db: Kysely<Database>, dialect: ReadDialect, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const catalog = db.withTables<Catalogs>();
  const rows: { name: string }[] =
    dialect === 'mysql'
      ? await catalog
          .selectFrom('information_schema.tables')
          .select('table_name as name')
          .where('table_schema', '=', sql<string>`database()`)
          .where('table_name', 'in', [...names])
          .execute()
      : await catalog
          .selectFrom('sqlite_master')
          .select('name')
          .where('type', '=', 'table')
          .where('name', 'in', [...names])
          .execute();
  return new Set(rows.map((row) => row.name));
}
