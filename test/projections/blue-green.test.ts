/**
 * Blue/green rebuilds: the next tables are built beside the live ones, which
 * keep answering; the switch is atomic with the checkpoint; one rebuild per
 * projection at a time; a schema change in a projection's code is rebuilt
 * once, before its new shape is served.
 */

import { sql } from 'kysely';
import * as assert from 'uvu/assert';
import { asDomainEvent } from '../../src/domain/decider.js';
import { clientsProjection } from '../../src/projections/clients-projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { catchUp, PROJECTIONS, projectionStatus, rebuild } from '../../src/projections/projector.js';
import { listClients } from '../../src/projections/queries/index.js';
import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { existingTables } from '../../src/projections/read-db/schema-catalog.js';
import { columnTypes } from '../../src/projections/read-db/table-ddl.js';
import { acquireRebuildLock, RebuildInProgress } from '../../src/projections/rebuild/projection-lock.js';
import { rejection } from '../event-store/rejection.js';
import { CARL, GINA, KEVIN, writeScenario } from '../support/crm-scenario.js';
import { english } from '../support/english.js';
import { EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { dumpReadTables } from '../support/read-db-dump.js';
import { describeReadDb } from '../support/read-db-matrix.js';

async function scenarioStore(): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await writeScenario(new EventWriter(store));
  return store;
}

const clientNames = async ({ db }: ReadDb) => (await listClients(db, { scope: 'all', actorId: GINA.id })).map((c) => c.name).sort();

/**
 * Version 2 of `clients`, for tests: one more column, `email_domain`, NOT NULL.
 * Counts how often its tables were created.
 */
/** The clients table as this test's version 2 makes it: one column more than `Database` knows. */
type ClientsV2 = { clients: { email_domain: string } };

function clientsV2(): { projection: Projection; created: () => number } {
  let created = 0;
  const projection: Projection = {
    ...clientsProjection,
    version: clientsProjection.version + 1,
    async createTables(db, dialect, names) {
      created += 1;
      const t = columnTypes(dialect);
      const clients = names.table('clients');
      await db.schema
        .createTable(clients)
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_domain', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('phone', 'text')
        .addColumn('company', 'text')
        .addColumn('commercial_id', t.id, (c) => c.notNull())
        .addColumn('search', 'text', (c) => c.notNull())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .$call(t.options)
        .execute();
      await db.schema.createIndex(names.index('clients_commercial_idx')).on(clients).column('commercial_id').execute();
      await db.schema.createIndex(names.index('clients_domain_idx')).on(clients).column('email_domain').execute();
    },
    async apply(trx, events, dialect) {
      await clientsProjection.apply(trx, events, dialect);
      const loose = trx.withTables<ClientsV2>();
      for (const recorded of events) {
        const event = asDomainEvent<{ type: 'ClientCreated' | 'ClientUpdated'; data: { clientId: string; email?: string } }>(recorded, [
          'ClientCreated',
          'ClientUpdated',
        ]);
        const email = event?.data.email;
        if (event && email !== undefined)
          await loose
            .updateTable('clients')
            .set({ email_domain: email.slice(email.indexOf('@') + 1) })
            .where('id', '=', event.data.clientId)
            .execute();
      }
    },
  };
  return { projection, created: () => created };
}

describeReadDb('blue/green rebuild', (test, dialect) => {
  test('listings answer from the old tables while the next ones fill, and catch-ups keep them current', async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const before = await clientNames(readDb);
    const w = new EventWriter(store, '2026-04-01T09:00:00.000Z');
    const seen: string[][] = [];
    const live: string[][] = [];
    let appended = false;
    const result = await rebuild(store, readDb, {
      names: ['clients'],
      batchSize: 5,
      // Between two batches of the rebuild (it waits for this):
      onProgress: async () => {
        if (appended) return;
        appended = true;
        seen.push(await clientNames(readDb));
        assert.ok(
          (await existingTables(readDb.db, readDb.dialect, ['clients__next'])).has('clients__next'),
          'the next table exists beside the live one',
        );
        await w.account(KEVIN, CARL, { type: 'ClientUpdated', data: { clientId: KEVIN, name: 'Kevin (renamed mid-rebuild)' } });
        await catchUp(store, readDb);
        live.push(await clientNames(readDb));
      },
    });
    assert.equal(seen, [before], 'the old rows, whole, mid-rebuild');
    assert.ok(live[0]?.includes('Kevin (renamed mid-rebuild)'), 'the live tables kept being caught up during the rebuild');
    assert.equal(result.rebuilt, ['clients']);
    assert.ok(
      (await clientNames(readDb)).includes('Kevin (renamed mid-rebuild)'),
      'the event written during the rebuild is in the new tables',
    );
    assert.equal(await existingTables(readDb.db, readDb.dialect, ['clients__next', 'clients__old']), new Set(), 'no shadow left behind');
    const clean = await (await import('../support/read-db-matrix.js')).readDbFactory(dialect);
    try {
      const fresh = await clean.create();
      await catchUp(store, fresh);
      assert.equal(await dumpReadTables(readDb), await dumpReadTables(fresh));
    } finally {
      await clean.dispose();
    }
  });

  test('a second rebuild of the same projection is refused while the first holds it; others are not', async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const held = await acquireRebuildLock(readDb, ['contracts']);
    try {
      const error = await rejection(rebuild(store, readDb, { names: ['users', 'contracts'] }));
      assert.instance(error, RebuildInProgress);
      assert.match(
        english(error),
        new RegExp(`projection contracts is already being rebuilt by pid ${process.pid} on .+ since .+: wait for it to finish`),
      );
      const status = await projectionStatus(store, readDb);
      assert.equal(status.find((s) => s.name === 'contracts')?.rebuilding?.pid, process.pid);
      assert.equal((await rebuild(store, readDb, { names: ['users'] })).rebuilt, ['users'], 'another projection rebuilds meanwhile');
    } finally {
      await held.release();
    }
    assert.equal((await rebuild(store, readDb, { names: ['contracts'] })).rebuilt, ['contracts'], 'free again once released');
  });

  test('a rebuild that dies half way leaves the live tables and checkpoint as they were, and the next one completes', async ({
    readDb,
  }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const before = await dumpReadTables(readDb);
    let calls = 0;
    const failing = PROJECTIONS.map(
      (p): Projection =>
        p.name !== 'occasions'
          ? p
          : {
              ...p,
              async apply(trx, events, dialect) {
                calls += 1;
                await p.apply(trx, events, dialect);
                if (calls === 2) throw new Error('the process died here');
              },
            },
    );
    const error = await rejection(rebuild(store, readDb, { projections: failing, batchSize: 10 }));
    assert.match(english(error), /the process died here/);
    assert.equal(await dumpReadTables(readDb), before, 'rows and checkpoints untouched');
    const result = await rebuild(store, readDb, { batchSize: 10 });
    assert.equal(
      result.rebuilt,
      PROJECTIONS.map((p) => p.name),
    );
    assert.equal(await dumpReadTables(readDb), before);
  });

  test('a new version of a projection with another shape is rebuilt once, then served in its new shape', async (context) => {
    const readDb = await context.createReadDb();
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const v2 = clientsV2();
    const projections = PROJECTIONS.map((p) => (p.name === 'clients' ? v2.projection : p));
    const rebuilds: number[] = [];
    await catchUp(store, readDb, { projections, onRebuildProgress: (p) => void rebuilds.push(p.position) });
    await catchUp(store, readDb, { projections });
    const w = new EventWriter(store, '2026-04-01T09:00:00.000Z');
    await w.account(KEVIN, CARL, { type: 'ClientUpdated', data: { clientId: KEVIN, email: 'kevin@new-domain.test' } });
    await catchUp(store, readDb, { projections });
    assert.is(v2.created(), 1, 'the v2 tables were created once');
    assert.ok(rebuilds.length > 0);
    const status = await projectionStatus(store, readDb, projections);
    assert.equal(status.find((s) => s.name === 'clients')?.storedVersion, v2.projection.version);
    const domains = await readDb.db.withTables<ClientsV2>().selectFrom('clients').select(['id', 'email_domain']).orderBy('id').execute();
    assert.ok(domains.length > 0);
    assert.ok(domains.every((row) => row.email_domain.length > 0 && !row.email_domain.includes('@')));
    assert.equal(domains.find((row) => row.id === KEVIN)?.email_domain, 'new-domain.test', 'kept current after the switch');
    // Back to the code's version 1: rebuilt once more, the column gone.
    await catchUp(store, readDb);
    const columns = await sql<{ email_domain: string }>`select * from clients`.execute(readDb.db);
    assert.ok(columns.rows.every((row) => !('email_domain' in row)));
    assert.is(v2.created(), 1);
  });

  if (dialect === 'mysql') {
    test('MySQL: a switch left half done by a dead process is finished by the next catch-up', async ({ readDb }) => {
      const store = await scenarioStore();
      await catchUp(store, readDb);
      const before = await dumpReadTables(readDb);
      // What a rebuild leaves when killed between marking the checkpoint and RENAME TABLE: a full shadow and the mark.
      await sql`create table clients__next like clients`.execute(readDb.db);
      await sql`insert into clients__next select * from clients`.execute(readDb.db);
      await sql`update clients set name = 'stale'`.execute(readDb.db);
      await readDb.db.updateTable('projection_state').set({ swapping: 'deadbuild1' }).where('name', '=', 'clients').execute();
      await catchUp(store, readDb);
      assert.equal(await dumpReadTables(readDb), before, 'the shadow was switched in, the stale table dropped');
      assert.equal(await existingTables(readDb.db, 'mysql', ['clients__next', 'clients__old']), new Set());
      // And when killed after the RENAME: only the mark is left.
      await readDb.db.updateTable('projection_state').set({ swapping: 'deadbuild2' }).where('name', '=', 'clients').execute();
      await catchUp(store, readDb);
      const state = await readDb.db
        .selectFrom('projection_state')
        .select('swapping')
        .where('name', '=', 'clients')
        .executeTakeFirstOrThrow();
      assert.is(state.swapping, null);
    });
  }
});
