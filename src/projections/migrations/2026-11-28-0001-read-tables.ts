/**
 * The first read tables. FROZEN: once released, never edit this file; add a
 * new dated migration instead.
 *
 * The same schema on SQLite and MySQL: indexed text columns are VARCHAR with a
 * length (MySQL needs one to index them), free text is TEXT (MEDIUMTEXT on
 * MySQL where it may exceed 64 KiB), instants VARCHAR(24), money BIGINT cents.
 * On MySQL the tables are utf8mb4 with the binary collation, so comparisons and
 * ordering are exact and the same as SQLite's default BINARY collation.
 */

import type { CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ReadDialect } from '../read-db/database.js';

// A migration is frozen against the schema of its day, not against the current
// `Database` interface: it uses only the connection's schema builder.
type SchemaDb = Pick<Kysely<unknown>, 'schema'>;

export async function up(db: SchemaDb, dialect: ReadDialect): Promise<void> {
  const id = 'varchar(64)';
  const instant = 'varchar(24)';
  const bigText = dialect === 'mysql' ? sql`mediumtext` : 'text';
  const options = <T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> =>
    dialect === 'mysql' ? table.modifyEnd(sql`engine = InnoDB default charset = utf8mb4 collate = utf8mb4_bin`) : table;

  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .$call(options)
    .execute();
  await db.schema.createIndex('users_role_idx').on('users').column('role').execute();

  await db.schema
    .createTable('clients')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('company', 'text')
    .addColumn('commercial_id', id, (c) => c.notNull())
    .addColumn('search', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .$call(options)
    .execute();
  await db.schema.createIndex('clients_commercial_idx').on('clients').column('commercial_id').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('client_id', id, (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('remaining_cents', 'bigint', (c) => c.notNull())
    .addColumn('signed', 'integer', (c) => c.notNull())
    .addColumn('unpaid', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .$call(options)
    .execute();
  await db.schema.createIndex('contracts_client_idx').on('contracts').columns(['client_id', 'created_at']).execute();
  await db.schema.createIndex('contracts_created_idx').on('contracts').columns(['created_at', 'id']).execute();
  // `--unpaid` / `--unsigned`, first page in created order: an equality on the flag, then the index is in order.
  await db.schema.createIndex('contracts_unpaid_idx').on('contracts').columns(['unpaid', 'created_at', 'id']).execute();
  await db.schema.createIndex('contracts_signed_idx').on('contracts').columns(['signed', 'created_at', 'id']).execute();

  await db.schema
    .createTable('occasions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('contract_id', id, (c) => c.notNull())
    .addColumn('client_id', id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_at', instant, (c) => c.notNull())
    .addColumn('end_at', instant, (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('notes', bigText)
    .addColumn('support_id', id)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .$call(options)
    .execute();
  await db.schema.createIndex('occasions_contract_idx').on('occasions').column('contract_id').execute();
  await db.schema.createIndex('occasions_client_idx').on('occasions').column('client_id').execute();
  await db.schema.createIndex('occasions_support_idx').on('occasions').columns(['support_id', 'start_at']).execute();
  await db.schema.createIndex('occasions_start_idx').on('occasions').columns(['start_at', 'id']).execute();

  await db.schema
    .createTable('command_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('actor_id', id, (c) => c.notNull())
    .addColumn('actor_role', 'varchar(16)', (c) => c.notNull())
    .addColumn('command', 'varchar(100)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('events', bigText, (c) => c.notNull())
    .addColumn('args', bigText, (c) => c.notNull())
    .$call(options)
    .execute();
  await db.schema.createIndex('command_log_position_idx').on('command_log').column('position').execute();
  await db.schema.createIndex('command_log_actor_idx').on('command_log').columns(['actor_id', 'position']).execute();
  await db.schema.createIndex('command_log_at_idx').on('command_log').column('at').execute();
  await db.schema.createIndex('command_log_outcome_idx').on('command_log').columns(['outcome', 'position']).execute();

  await db.schema
    .createTable('projection_state')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('rebuilt_at', instant)
    .addColumn('updated_at', instant, (c) => c.notNull())
    .$call(options)
    .execute();
}

export async function down(db: SchemaDb): Promise<void> {
  for (const table of ['projection_state', 'command_log', 'occasions', 'contracts', 'clients', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
