/**
 * Every migration of the read database, listed by hand: a bundled CLI cannot
 * `readdir` its own sources. Names sort in the order they run; add new ones at
 * the end with a later date prefix and never edit a released one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { ProjectionName } from '../projection-names.js';
import type { ReadDialect } from '../read-db/database.js';

/** What each migration file exports: `up` may shape DDL for the dialect (table options, text sizes). */
interface DialectMigration {
  up(db: Parameters<Migration['up']>[0], dialect: ReadDialect): Promise<void>;
  down?(db: Parameters<Migration['up']>[0]): Promise<void>;
}

/**
 * Loaded only when the Migrator runs: every command opens the read database,
 * and when its schema is current only the names are needed (open-read-db.ts).
 */
const MIGRATIONS: ReadonlyArray<readonly [name: string, load: () => Promise<DialectMigration>]> = [
  ['2026-11-28-0001-read-tables', () => import('./2026-11-28-0001-read-tables.js')],
  ['2026-11-28-0002-projection-operations', () => import('./2026-11-28-0002-projection-operations.js')],
  ['2026-12-01-0003-cancelled-and-disabled', () => import('./2026-12-01-0003-cancelled-and-disabled.js')],
  ['2026-12-01-0004-checkpoint-hash', () => import('./2026-12-01-0004-checkpoint-hash.js')],
  ['2026-12-02-0005-contracts-client-unpaid', () => import('./2026-12-02-0005-contracts-client-unpaid.js')],
];

/**
 * The version of each projection's tables once every migration above has run:
 * 0001 created version 1 of the five, 0003 brought `users` and `occasions` to
 * their version 2 shape, 0005 `contracts` to its version 2 index. A checkpoint created beside tables the migrations made
 * starts at this version (projector.ts), so a fresh database is not rebuilt at
 * its first catch-up. Raise an entry with the migration that reshapes its tables.
 */
export const MIGRATED_VERSIONS: Readonly<Record<ProjectionName, number>> = {
  users: 2,
  clients: 1,
  contracts: 2,
  occasions: 2,
  command_log: 1,
};

/** Every migration's name, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

export function migrationProvider(dialect: ReadDialect): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, load] of MIGRATIONS) {
        const migration = await load();
        const { down } = migration;
        migrations[name] = {
          up: (db) => migration.up(db, dialect),
          ...(down ? { down: (db) => down(db) } : {}),
        };
      }
      return migrations;
    },
  };
}
