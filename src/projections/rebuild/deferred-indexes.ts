/**
 * Bulk load, then index: a rebuild fills empty shadow tables, and building a
 * secondary index once over the filled table (a sort) is much cheaper on
 * SQLite and InnoDB than keeping it up to date row by row. So, after a
 * projection's `createTables` made its shadow tables, their secondary
 * indexes are read back from the catalog and dropped, and the very same
 * indexes are created again after the fill, before the switch. The indexes a
 * projection's `apply` needs during the fill (`Projection.fillIndexes`, for
 * its cascades) are kept. Nothing changes for a projection's code: what it
 * created is what it gets.
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, ReadDialect } from '../read-db/database.js';

/** A secondary index taken off a shadow table, and how to put it back. */
export interface DeferredIndex {
  readonly table: string;
  readonly name: string;
  /** SQLite: the CREATE INDEX statement the catalog kept. MySQL: the index definition for ALTER TABLE ... ADD. */
  readonly definition: string;
}

// The statements below are raw SQL: they name shadow tables, which `Database` does not list.

/** Drops the secondary indexes of `tables` except those named in `keep`, and returns them to create again. */
export async function dropSecondaryIndexes(
  db: Kysely<Database>,
  dialect: ReadDialect,
  tables: readonly string[],
  keep: ReadonlySet<string>,
): Promise<DeferredIndex[]> {
  if (tables.length === 0) return [];
  const indexes = (dialect === 'sqlite' ? await sqliteIndexes(db, tables) : await mysqlIndexes(db, tables)).filter(
    (index) => !keep.has(index.name),
  );
  if (dialect === 'sqlite') {
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  } else {
    for (const [table, group] of byTable(indexes)) {
      await sql`alter table ${sql.table(table)} ${sql.join(group.map((index) => sql`drop index ${sql.id(index.name)}`))}`.execute(db);
    }
  }
  return indexes;
}

/** Creates again the indexes `dropSecondaryIndexes` took off (one ALTER TABLE per table on MySQL: one pass over its rows). */
export async function createDeferredIndexes(db: Kysely<Database>, dialect: ReadDialect, indexes: readonly DeferredIndex[]): Promise<void> {
  if (dialect === 'sqlite') {
    for (const index of indexes) await sql.raw(index.definition).execute(db);
    return;
  }
  for (const [table, group] of byTable(indexes)) {
    await sql`alter table ${sql.table(table)} ${sql.join(group.map((index) => sql.raw(`add ${index.definition}`)))}`.execute(db);
  }
}

async function sqliteIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<DeferredIndex[]> {
  // Indexes behind PRIMARY KEY / UNIQUE constraints have no SQL (sqlite_autoindex_*): they stay.
  const { rows } = await sql<{ name: string; tbl_name: string; sql: string }>`
    select name, tbl_name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in (${sql.join([...tables])})
    order by tbl_name, name`.execute(db);
  return rows.map((row) => ({ table: row.tbl_name, name: row.name, definition: row.sql }));
}

interface StatisticsRow {
  readonly table_name: string;
  readonly index_name: string;
  readonly non_unique: number | string;
  readonly column_name: string;
  readonly sub_part: number | string | null;
  readonly collation: string | null;
}

async function mysqlIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<DeferredIndex[]> {
  const { rows } = await sql<StatisticsRow>`
    select table_name as table_name, index_name as index_name, non_unique as non_unique, column_name as column_name,
           sub_part as sub_part, collation as collation
    from information_schema.statistics
    where table_schema = database() and index_name <> 'PRIMARY' and table_name in (${sql.join([...tables])})
    order by table_name, index_name, seq_in_index`.execute(db);
  const indexes = new Map<string, { table: string; name: string; unique: boolean; columns: string[] }>();
  for (const row of rows) {
    const key = `${row.table_name}\u0000${row.index_name}`;
    let index = indexes.get(key);
    if (!index) {
      index = { table: row.table_name, name: row.index_name, unique: Number(row.non_unique) === 0, columns: [] };
      indexes.set(key, index);
    }
    const length = row.sub_part === null ? '' : `(${Number(row.sub_part)})`;
    index.columns.push(`${quoteMysql(row.column_name)}${length}${row.collation === 'D' ? ' desc' : ''}`);
  }
  return [...indexes.values()].map((index) => ({
    table: index.table,
    name: index.name,
    definition: `${index.unique ? 'unique ' : ''}index ${quoteMysql(index.name)} (${index.columns.join(', ')})`,
  }));
}

function quoteMysql(identifier: string): string {
  return `\`${identifier.replace(/`/g, '``')}\``;
}

function byTable(indexes: readonly DeferredIndex[]): Map<string, DeferredIndex[]> {
  const groups = new Map<string, DeferredIndex[]>();
  for (const index of indexes) groups.set(index.table, [...(groups.get(index.table) ?? []), index]);
  return groups;
}
