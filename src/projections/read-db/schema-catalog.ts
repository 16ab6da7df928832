import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, ReadDialect } from './database.js';

/** Which of these tables exist in the read database (its own schema on MySQL). */
export async function existingTables(db: Kysely<Database>, dialect: ReadDialect, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  // `any`: the catalogs are not tables of `Database`.
  const catalog = db as Kysely<any>;
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
