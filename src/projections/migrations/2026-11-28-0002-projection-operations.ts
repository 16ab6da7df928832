/**
 * Bookkeeping for blue/green rebuilds. FROZEN: once released, never edit this
 * file; add a new dated migration instead.
 *
 * From here on, migrations only hold bookkeeping tables: a projection's own
 * tables are created by its code (`Projection.createTables`, one shape per
 * version), live or as a shadow to rebuild into.
 *
 * - `projection_lock`: one row per projection being rebuilt (who, until when);
 * - `projection_state.swapping`: the build whose tables a MySQL switch is
 *   renaming in (RENAME TABLE commits on its own; see projector.ts).
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ReadDialect } from '../read-db/database.js';

// A migration is frozen against the schema of its day, not against the current `Database` interface:
// it uses only the connection's schema builder.
type SchemaDb = Pick<Kysely<unknown>, 'schema'>;

export async function up(db: SchemaDb, dialect: ReadDialect): Promise<void> {
  await db.schema
    .createTable('projection_lock')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('owner', 'varchar(64)', (c) => c.notNull())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('acquired_at', 'varchar(24)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(24)', (c) => c.notNull())
    .$call((table) => (dialect === 'mysql' ? table.modifyEnd(sql`engine = InnoDB default charset = utf8mb4 collate = utf8mb4_bin`) : table))
    .execute();
  await db.schema.alterTable('projection_state').addColumn('swapping', 'varchar(32)').execute();
}

export async function down(db: SchemaDb): Promise<void> {
  await db.schema.alterTable('projection_state').dropColumn('swapping').execute();
  await db.schema.dropTable('projection_lock').ifExists().execute();
}
