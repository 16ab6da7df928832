/**
 * Migration 0005: `contracts_client_idx` on (client_id, unpaid, created_at,
 * id), the index of `contracts` version 2, on SQLite and MySQL. A fresh
 * database gets it from the migrations and is not rebuilt at its first
 * catch-up; one migrated before 0005 gets it when next opened; one whose
 * table a rebuild renamed (its indexes under other names) opens without
 * error. And the commercial's first `--unpaid` page is still the right one.
 */

import { sql } from 'kysely';
import * as assert from 'uvu/assert';
import { PROJECTION_VERSIONS } from '../../src/projections/projection-versions.js';
import { catchUp } from '../../src/projections/projector.js';
import { listContracts } from '../../src/projections/queries/index.js';
import type { ReadDialect } from '../../src/projections/read-db/database.js';
import { openReadDb, type ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { describeReadDb } from '../support/read-db-matrix.js';

const NEW_COLUMNS = ['client_id', 'unpaid', 'created_at', 'id'];
const OLD_COLUMNS = ['client_id', 'created_at'];
const MIGRATION = '2026-12-02-0005-contracts-client-unpaid';

/** The columns of each index of `contracts` whose name starts with `contracts_client_idx`, by index name. */
async function clientIndexes({ db }: ReadDb, dialect: ReadDialect): Promise<Record<string, string[]>> {
  const rows =
    dialect === 'mysql'
      ? (
          await sql<{
            name: string;
            column: string;
          }>`select index_name as name, column_name as ${sql.ref('column')} from information_schema.statistics
            where table_schema = database() and table_name = 'contracts' and index_name like 'contracts\\_client\\_idx%'
            order by index_name, seq_in_index`.execute(db)
        ).rows
      : (
          await sql<{
            name: string;
            column: string;
          }>`select m.name as name, i.name as ${sql.ref('column')} from sqlite_master m, pragma_index_info(m.name) i
            where m.type = 'index' and m.tbl_name = 'contracts' and m.name like 'contracts_client_idx%' order by m.name, i.seqno`.execute(
            db,
          )
        ).rows;
  const byName: Record<string, string[]> = {};
  for (const row of rows) byName[row.name] = [...(byName[row.name] ?? []), row.column];
  return byName;
}

/** Puts the database back as migration 0004 left it: the old index, 0005 not run. `renamed`: as a rebuild leaves it, under another name. */
async function asBefore0005({ db }: ReadDb, dialect: ReadDialect, renamed: boolean): Promise<void> {
  await (dialect === 'mysql' ? sql`drop index contracts_client_idx on contracts` : sql`drop index contracts_client_idx`).execute(db);
  const name = renamed ? 'contracts_client_idx__rebuilt1' : 'contracts_client_idx';
  await sql`create index ${sql.ref(name)} on contracts (client_id, created_at)`.execute(db);
  await sql`delete from kysely_migration where name = ${MIGRATION}`.execute(db);
}

describeReadDb('migration 0005: contracts_client_idx', (test, dialect) => {
  test('a fresh database has the version 2 index and is not rebuilt at its first catch-up', async ({ readDb }) => {
    assert.equal(await clientIndexes(readDb, dialect), { contracts_client_idx: NEW_COLUMNS });
    await catchUp(new InMemoryEventStore(), readDb);
    const state = await readDb.db
      .selectFrom('projection_state')
      .select(['version', 'rebuilt_at'])
      .where('name', '=', 'contracts')
      .executeTakeFirstOrThrow();
    assert.is(Number(state.version), PROJECTION_VERSIONS.contracts);
    assert.is(state.rebuilt_at, null, 'built by the migrations, not rebuilt');
    assert.equal(await clientIndexes(readDb, dialect), { contracts_client_idx: NEW_COLUMNS });
  });

  test('a database migrated before 0005 gets the new index when next opened', async ({ createReadDb }) => {
    const readDb = await createReadDb();
    await asBefore0005(readDb, dialect, false);
    assert.equal(await clientIndexes(readDb, dialect), { contracts_client_idx: OLD_COLUMNS });
    const reopened = await reopen(readDb, dialect);
    try {
      assert.equal(await clientIndexes(reopened, dialect), { contracts_client_idx: NEW_COLUMNS });
    } finally {
      await reopened.close();
    }
  });

  test('a table a rebuild renamed (its index under another name) opens, with both until the next rebuild', async ({ createReadDb }) => {
    const readDb = await createReadDb();
    await asBefore0005(readDb, dialect, true);
    const reopened = await reopen(readDb, dialect);
    try {
      assert.equal(await clientIndexes(reopened, dialect), {
        contracts_client_idx: NEW_COLUMNS,
        contracts_client_idx__rebuilt1: OLD_COLUMNS,
      });
    } finally {
      await reopened.close();
    }
  });

  test("a commercial's first unpaid page: their clients' unpaid contracts, oldest first", async ({ readDb }) => {
    const at = (i: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000).toISOString();
    await readDb.db
      .insertInto('users')
      .values(
        ['carl', 'chloe'].map((id) => ({
          id,
          name: id,
          email: `${id}@epic.test`,
          role: 'commercial',
          disabled: 0,
          created_at: at(0),
          updated_at: at(0),
        })),
      )
      .execute();
    await readDb.db
      .insertInto('clients')
      .values(
        [0, 1, 2, 3].map((i) => ({
          id: `client${i}`,
          name: `Client ${i}`,
          email: `c${i}@example.com`,
          phone: null,
          company: null,
          commercial_id: i % 2 === 0 ? 'carl' : 'chloe',
          search: `client ${i}`,
          created_at: at(i),
          updated_at: at(i),
        })),
      )
      .execute();
    // Twelve contracts over the four clients, every third one paid up.
    await readDb.db
      .insertInto('contracts')
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          id: `k${String(i).padStart(2, '0')}`,
          client_id: `client${i % 4}`,
          total_cents: 1000,
          remaining_cents: i % 3 === 0 ? 0 : 500,
          signed: 1,
          unpaid: i % 3 === 0 ? 0 : 1,
          created_at: at(100 - i),
          updated_at: at(100 - i),
        })),
      )
      .execute();
    const page = await listContracts(readDb.db, { scope: 'own', actorId: 'carl', unpaid: true, limit: 3 });
    // Carl's clients are client0 and client2 (i % 4 of 0 or 2: i even); unpaid: i % 3 ≠ 0 → 2, 4, 8, 10; oldest first: 10, 8, 4.
    assert.equal(
      page.map((contract) => contract.id),
      ['k10', 'k08', 'k04'],
    );
  });
});

/** Closes `readDb` and opens its database again (migrations run). */
async function reopen(readDb: ReadDb, dialect: ReadDialect): Promise<ReadDb> {
  const url = dialect === 'sqlite' ? `sqlite:${readDb.file?.path}` : undefined;
  if (url === undefined) {
    const [row] = (await sql<{ name: string }>`select database() as name`.execute(readDb.db)).rows;
    await readDb.close();
    const base = new URL(process.env.EPIC_TEST_MYSQL_URL ?? '');
    base.pathname = `/${row?.name}`;
    return openReadDb(base.toString());
  }
  await readDb.close();
  return openReadDb(url);
}
