/**
 * `projection_state.hash`: the chain hash (`metadata.hash`) of the event at
 * the checkpoint's position, as the projection saw it. FROZEN: once
 * released, never edit this file; add a new dated migration instead.
 *
 * A catch-up compares it with the event the log holds at that position: a
 * different event there (the log restored from an older backup, then
 * appended to again) means the tables hold events the log no longer has, and
 * they are rebuilt (projector.ts). Null for a checkpoint written before this
 * migration, or at position 0: nothing to compare yet; the next batch fills it.
 */
import type { Kysely } from 'kysely';

// A migration is frozen against the schema of its day, not against the current `Database` interface:
// it uses only the connection's schema builder.
type SchemaDb = Pick<Kysely<unknown>, 'schema' | 'introspection'>;

export async function up(db: SchemaDb): Promise<void> {
  const tables = await db.introspection.getTables();
  const columns = new Set(tables.find((t) => t.name === 'projection_state')?.columns.map((c) => c.name) ?? []);
  if (!columns.has('hash')) await db.schema.alterTable('projection_state').addColumn('hash', 'varchar(64)').execute();
}

export async function down(db: SchemaDb): Promise<void> {
  await db.schema.alterTable('projection_state').dropColumn('hash').execute();
}
