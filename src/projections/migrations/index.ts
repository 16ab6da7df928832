/**
 * Every migration of the read database, listed by hand: a bundled CLI cannot
 * `readdir` its own sources. Names sort in the order they run; add new ones at
 * the end with a later date prefix and never edit a released one.
 */
import type { Migration, MigrationProvider } from 'kysely/migration';
import type { ReadDialect } from '../database.js';
import * as readTables from './2026-11-28-0001-read-tables.js';
import * as projectionOperations from './2026-11-28-0002-projection-operations.js';

/** What each migration file exports: `up` may shape DDL for the dialect (table options, text sizes). */
interface DialectMigration {
  up(db: Parameters<Migration['up']>[0], dialect: ReadDialect): Promise<void>;
  down?(db: Parameters<Migration['up']>[0]): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: DialectMigration]> = [
  ['2026-11-28-0001-read-tables', readTables],
  ['2026-11-28-0002-projection-operations', projectionOperations],
];

export function migrationProvider(dialect: ReadDialect): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, migration] of MIGRATIONS) {
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
