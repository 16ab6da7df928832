import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';

export interface ReadTablesDump {
  readonly users: unknown[];
  readonly clients: unknown[];
  readonly contracts: unknown[];
  readonly occasions: unknown[];
  readonly command_log: unknown[];
  /** Checkpoints without their timestamps (those say when, not what). */
  readonly projection_state: unknown[];
}

/**
 * Every row of every read table, in key order, each row's columns by name:
 * two databases built from the same log dump equal. By name, because a table
 * a migration altered (users' `disabled`, added by 0003 at the end) and the
 * same table created whole by a rebuild hold the same values in another
 * column order.
 */
export async function dumpReadTables({ db }: ReadDb): Promise<ReadTablesDump> {
  return {
    users: byName(await db.selectFrom('users').selectAll().orderBy('id').execute()),
    clients: byName(await db.selectFrom('clients').selectAll().orderBy('id').execute()),
    contracts: byName(await db.selectFrom('contracts').selectAll().orderBy('id').execute()),
    occasions: byName(await db.selectFrom('occasions').selectAll().orderBy('id').execute()),
    command_log: byName(await db.selectFrom('command_log').selectAll().orderBy('id').execute()),
    projection_state: await db.selectFrom('projection_state').select(['name', 'version', 'position']).orderBy('name').execute(),
  };
}

function byName(rows: readonly object[]): unknown[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
