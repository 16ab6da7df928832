/**
 * What a projection's `createTables` builds its DDL with: the names to give
 * its tables and indexes (the live ones, or a shadow's for a blue/green
 * rebuild), and the column types and table options that read the same on
 * SQLite and MySQL (see migrations/2026-11-28-0001-read-tables.ts).
 */

import type { CreateTableBuilder, Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { Database, ReadDialect } from './database.js';

/**
 * Table and index names for one build. Index names are global on SQLite (per
 * table on MySQL) and survive a table's rename, so a shadow's carry a suffix
 * of their own: they never meet the live table's.
 */
export interface TableNaming {
  table(name: string): string;
  index(name: string): string;
}

/** The suffix of a shadow table: `clients__next` is the next build of `clients`. */
export const SHADOW_SUFFIX = '__next';
/** What a live table is renamed to for the moment of a MySQL swap, then dropped. */
export const RETIRED_SUFFIX = '__old';

/** Shadow names for the build `buildId` (short, [a-z0-9]). */
export function shadowNaming(buildId: string): TableNaming {
  return { table: (name) => `${name}${SHADOW_SUFFIX}`, index: (name) => `${name}__${buildId}` };
}

/**
 * What DDL uses of a connection: its schema builder, which names tables by
 * string (those of one build, live or shadow), whatever `Database` says.
 */
export type SchemaDb = Pick<Kysely<Database>, 'schema'>;

export interface ColumnTypes {
  readonly id: 'varchar(64)';
  readonly instant: 'varchar(24)';
  /** TEXT on SQLite, MEDIUMTEXT on MySQL (free text that may pass 64 KiB). */
  readonly bigText: 'text' | RawBuilder<unknown>;
  /** utf8mb4 with the binary collation on MySQL: exact comparisons, the same order as SQLite's BINARY. */
  options<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
}

export function columnTypes(dialect: ReadDialect): ColumnTypes {
  return {
    id: 'varchar(64)',
    instant: 'varchar(24)',
    bigText: dialect === 'mysql' ? sql`mediumtext` : 'text',
    options: (table) =>
      dialect === 'mysql' ? table.modifyEnd(sql`engine = InnoDB default charset = utf8mb4 collate = utf8mb4_bin`) : table,
  };
}
