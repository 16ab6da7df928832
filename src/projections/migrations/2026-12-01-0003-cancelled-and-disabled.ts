/**
 * The columns of `occasions` version 2 (`cancelled`, `cancel_reason`: event
 * cancel) and `users` version 2 (`disabled`: user disable) on tables the
 * first migration created. FROZEN: once released, never edit this file.
 *
 * The projections rebuild those tables in their version 2 shape anyway
 * (their version changed); this gives the same columns to a database whose
 * tables are still the first migration's, so that a query naming them works
 * before the rebuild. A table that has them already (rebuilt) is left alone.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ReadDialect } from '../read-db/database.js';

type SchemaDb = Pick<Kysely<unknown>, 'schema' | 'introspection'>;

export async function up(db: SchemaDb, dialect: ReadDialect): Promise<void> {
  const tables = await db.introspection.getTables();
  const columnsOf = (name: string) => new Set(tables.find((t) => t.name === name)?.columns.map((c) => c.name) ?? []);
  const bigText = dialect === 'mysql' ? sql`mediumtext` : 'text';
  const occasions = columnsOf('occasions');
  if (occasions.size > 0 && !occasions.has('cancelled')) {
    await db.schema
      .alterTable('occasions')
      .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  if (occasions.size > 0 && !occasions.has('cancel_reason'))
    await db.schema.alterTable('occasions').addColumn('cancel_reason', bigText).execute();
  const users = columnsOf('users');
  if (users.size > 0 && !users.has('disabled')) {
    await db.schema
      .alterTable('users')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}
