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

/** Every row of every read table, in key order: two databases built from the same log dump equal. */
export async function dumpReadTables({ db }: ReadDb): Promise<ReadTablesDump> {
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    clients: await db.selectFrom('clients').selectAll().orderBy('id').execute(),
    contracts: await db.selectFrom('contracts').selectAll().orderBy('id').execute(),
    occasions: await db.selectFrom('occasions').selectAll().orderBy('id').execute(),
    command_log: await db.selectFrom('command_log').selectAll().orderBy('id').execute(),
    projection_state: await db.selectFrom('projection_state').select(['name', 'version', 'position']).orderBy('name').execute(),
  };
}
