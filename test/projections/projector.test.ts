/**
 * The projector: batches folded in memory, checkpoints committed with the
 * rows, rebuilds that give back exactly the same tables.
 */
import * as assert from 'uvu/assert';
import { InvalidInput } from '../../src/errors.js';
import type { Projection } from '../../src/projections/projection.js';
import { catchUp, PROJECTIONS, projectionStatus, rebuild } from '../../src/projections/projector.js';
import {
  getClient,
  getContract,
  listClients,
  listContracts,
  listLog,
  listOccasions,
  listUsers,
} from '../../src/projections/queries/index.js';
import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { usersProjection } from '../../src/projections/users-projection.js';
import { rejection } from '../event-store/rejection.js';
import { BISTRO, CARL, CHLOE, GINA, K1, K2, KEVIN, writeScenario } from '../support/crm-scenario.js';
import { english } from '../support/english.js';
import { EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { dumpReadTables } from '../support/read-db-dump.js';
import { describeReadDb } from '../support/read-db-matrix.js';
import { counted } from '../support/statement-counter.js';

/**
 * The read database as a new installation's first command leaves it: the
 * migration created version 1 of every table, and a projection whose code is
 * at a later version (command_log 2) was rebuilt blue/green at that first
 * catch-up, over an empty log. Tests that count what a catch-up does start here.
 */
async function atCurrentVersions(readDb: ReadDb): Promise<void> {
  await catchUp(new InMemoryEventStore(), readDb);
}

async function scenarioStore(options: { positionStep?: number } = {}): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore(options);
  await writeScenario(new EventWriter(store));
  return store;
}

/** A store holding the first `count` events of `source`, with the same ids, streams and positions. */
async function truncatedCopy(source: InMemoryEventStore, count: number): Promise<InMemoryEventStore> {
  const copy = new InMemoryEventStore();
  for (const event of source.events.slice(0, count)) {
    const { actor, at, commandId } = event.metadata;
    await copy.append(
      event.streamId,
      [{ id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: { actor, at, commandId } }],
      'any',
    );
  }
  return copy;
}

async function checkpoints(readDb: ReadDb): Promise<Record<string, number>> {
  const rows = await readDb.db.selectFrom('projection_state').select(['name', 'position']).execute();
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.position)]));
}

/** The projections with `name`'s apply failing (after it has written) on its `failOn`-th call. */
function failingOn(name: string, failOn: number): Projection[] {
  let calls = 0;
  return PROJECTIONS.map((projection) =>
    projection.name !== name
      ? projection
      : {
          ...projection,
          async apply(trx, events, dialect) {
            calls += 1;
            await projection.apply(trx, events, dialect);
            if (calls === failOn) throw new Error('the process died here');
          },
        },
  );
}

describeReadDb('projector: batches', (test) => {
  test('a batch folds create + updates + delete in memory: one multi-row insert per table, no row for the deleted', async (context) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(
      'temp2345ab',
      GINA,
      {
        type: 'ClientCreated',
        data: { clientId: 'temp2345ab', name: 'Temp', email: 'temp@x.test', phone: null, company: null, commercialId: CARL.id },
      },
      { type: 'ClientUpdated', data: { clientId: 'temp2345ab', name: 'Temp 2' } },
      { type: 'ClientReassigned', data: { clientId: 'temp2345ab', commercialId: CHLOE.id } },
      { type: 'ClientDeleted', data: { clientId: 'temp2345ab' } },
    );
    await w.account(
      KEVIN,
      CARL,
      {
        type: 'ClientCreated',
        data: { clientId: KEVIN, name: 'Kevin', email: 'kevin@startup.io', phone: null, company: null, commercialId: CARL.id },
      },
      { type: 'ClientUpdated', data: { clientId: KEVIN, name: 'Kevin Casey', company: 'Cool Startup LLC' } },
      { type: 'ContractCreated', data: { contractId: K1, clientId: KEVIN, totalCents: 150050, remainingCents: 150050, signed: false } },
      { type: 'ContractSigned', data: { contractId: K1 } },
      { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 50 } },
      { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 100000 } },
      { type: 'ContractCreated', data: { contractId: K2, clientId: KEVIN, totalCents: 100, remainingCents: 100, signed: false } },
      { type: 'ContractAmended', data: { contractId: K2, totalCents: 200 } },
      { type: 'ContractDeleted', data: { contractId: K2 } },
    );
    // The checkpoints first (creating them looks whether their tables already hold rows): the batch alone is counted.
    await atCurrentVersions(context.readDb);
    const { readDb, counter } = counted(context.readDb);
    const result = await catchUp(store, readDb, { batchSize: 100 });
    assert.equal([result.events, result.batches], [13, 1]);

    assert.is(counter.count('InsertQueryNode', 'clients'), 1);
    assert.is(counter.count('InsertQueryNode', 'contracts'), 1);
    assert.is(counter.count('DeleteQueryNode', 'clients'), 0, 'created and deleted in the batch: never written');
    // (contracts do see one DELETE: the cascade of the deleted client to contracts already stored, which the
    // contracts projection cannot know are none.)
    assert.is(counter.count('SelectQueryNode', 'clients'), 0, 'rows created in the batch are not read back');
    assert.is(counter.count('SelectQueryNode', 'contracts'), 0);

    assert.equal(
      (await listClients(readDb.db, { scope: 'all', actorId: GINA.id })).map((c) => [c.id, c.name, c.company]),
      [[KEVIN, 'Kevin Casey', 'Cool Startup LLC']],
    );
    const contracts = await listContracts(readDb.db, { scope: 'all', actorId: GINA.id });
    assert.equal(
      contracts.map((c) => [c.id, c.totalAmount, c.remainingAmount, c.signed]),
      [[K1, '1500.50', '500.00', true]],
    );
  });

  test('rows created in an earlier batch are read once, changed, and written back', async (context) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(
      KEVIN,
      CARL,
      {
        type: 'ClientCreated',
        data: { clientId: KEVIN, name: 'Kevin', email: 'kevin@startup.io', phone: null, company: null, commercialId: CARL.id },
      },
      { type: 'ContractCreated', data: { contractId: K1, clientId: KEVIN, totalCents: 10000, remainingCents: 10000, signed: true } },
    );
    await catchUp(store, context.readDb);
    await w.account(
      KEVIN,
      CARL,
      { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 1000 } },
      { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 2000 } },
      { type: 'ClientUpdated', data: { clientId: KEVIN, phone: '+33 1 23 45 67 89' } },
      { type: 'ClientDeleted', data: { clientId: 'neverseen1' } },
    );
    const { readDb, counter } = counted(context.readDb);
    await catchUp(store, readDb, { batchSize: 100 });
    assert.is(counter.count('SelectQueryNode', 'contracts'), 1);
    assert.is(counter.count('InsertQueryNode', 'contracts'), 1);
    assert.is((await getContract(readDb.db, K1))?.remainingAmount, '70.00');
    assert.is((await getClient(readDb.db, KEVIN))?.phone, '+33 1 23 45 67 89');
    assert.equal(
      await listClients(readDb.db, { scope: 'all', actorId: GINA.id, search: 'startup' }).then((c) => c.length),
      1,
      'search text kept',
    );
  });

  test('any batch size gives the same tables', async (context) => {
    const store = await scenarioStore();
    await catchUp(store, context.readDb, { batchSize: 1 });
    const reference = await dumpReadTables(context.readDb);
    for (const batchSize of [2, 7, 1000]) {
      const other = await context.createReadDb();
      await catchUp(store, other, { batchSize });
      assert.equal(await dumpReadTables(other), reference, `batch size ${batchSize}`);
    }
  });

  test('positions with gaps are followed', async (context) => {
    const store = await scenarioStore({ positionStep: 4 });
    const result = await catchUp(store, context.readDb, { batchSize: 5 });
    assert.is(result.position, await store.headPosition());
    const reference = await context.createReadDb();
    await catchUp(await scenarioStore(), reference);
    const records = async ({ db }: ReadDb) => ({
      users: await listUsers(db),
      clients: await listClients(db, { scope: 'all', actorId: GINA.id }),
      contracts: await listContracts(db, { scope: 'all', actorId: GINA.id }),
      events: await listOccasions(db, { scope: 'all', actorId: GINA.id }),
      log: await listLog(db, { scope: 'all', actorId: GINA.id }),
    });
    assert.equal(await records(context.readDb), await records(reference));
  });
});

describeReadDb('projector: a large replay', (test, dialect) => {
  test('12,000 events in batches of 1000: multi-row statements, statistics refreshed on MySQL', async (context) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    for (let c = 0; c < 40; c += 1) {
      const clientId = `cl${String(c).padStart(8, '0')}`;
      const contracts = Array.from({ length: 150 }, (_, k) => `ct${String(c).padStart(4, '0')}${String(k).padStart(4, '0')}`);
      await w.account(
        clientId,
        CARL,
        {
          type: 'ClientCreated',
          data: { clientId, name: `Client ${c}`, email: `c${c}@x.test`, phone: null, company: null, commercialId: CARL.id },
        },
        ...contracts.map(
          (contractId) =>
            ({ type: 'ContractCreated', data: { contractId, clientId, totalCents: 10000, remainingCents: 10000, signed: true } }) as const,
        ),
        ...contracts.map((contractId) => ({ type: 'PaymentRecorded', data: { contractId, amountCents: 2500 } }) as const),
      );
    }
    const head = await store.headPosition();
    assert.is(head, 12_040);
    await atCurrentVersions(context.readDb);
    const { readDb, counter } = counted(context.readDb);
    const start = performance.now();
    const result = await catchUp(store, readDb);
    const ms = performance.now() - start;
    assert.equal([result.events, result.batches], [head, 13]);
    assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
    assert.ok(counter.count('InsertQueryNode', 'contracts') <= 13 * 3, 'at most a few multi-row statements a batch');
    const remaining = await readDb.db.selectFrom('contracts').select('remaining_cents').distinct().execute();
    assert.equal(
      remaining.map((row) => Number(row.remaining_cents)),
      [7500],
    );
    assert.is((await listContracts(readDb.db, { scope: 'all', actorId: GINA.id, unpaid: true, limit: 3 })).length, 3);
    const analyzed = [...counter.counts.keys()].some((key) => key.startsWith('RawNode'));
    assert.is(analyzed, dialect === 'mysql');
  });
});

describeReadDb('projector: checkpoints', (test) => {
  test('catching up twice applies nothing twice', async ({ readDb }) => {
    const store = await scenarioStore();
    const first = await catchUp(store, readDb, { batchSize: 5 });
    const head = await store.headPosition();
    assert.equal(first, { events: head, batches: Math.ceil(head / 5), position: head });
    const before = await dumpReadTables(readDb);
    assert.equal(await catchUp(store, readDb, { batchSize: 5 }), { events: 0, batches: 0, position: head });
    assert.equal(await dumpReadTables(readDb), before);
    assert.is((await getContract(readDb.db, K1))?.remainingAmount, '1000.50', 'one payment of 500.00, applied once');
    assert.equal(
      Object.values(await checkpoints(readDb)),
      PROJECTIONS.map(() => head),
    );
  });

  test('new events after a catch-up are applied from the checkpoint on', async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const w = new EventWriter(store, '2026-03-03T09:00:00.000Z');
    await w.account(KEVIN, CARL, { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 50 } });
    const result = await catchUp(store, readDb);
    assert.equal([result.events, result.batches], [1, 1]);
    assert.is((await getContract(readDb.db, K1))?.remainingAmount, '1000.00');
  });

  test('a crash inside a batch leaves neither its rows nor its checkpoint; the next run completes exactly', async (context) => {
    const store = await scenarioStore();
    const head = await store.headPosition();
    const batchSize = 20;
    await atCurrentVersions(context.readDb);

    const error = await rejection(catchUp(store, context.readDb, { batchSize, projections: failingOn('contracts', 2) }));
    assert.match(english(error), /the process died here/);
    assert.equal(
      Object.values(await checkpoints(context.readDb)),
      PROJECTIONS.map(() => batchSize),
      'every checkpoint after the first batch',
    );

    const firstBatchOnly = await context.createReadDb();
    await catchUp(await truncatedCopy(store, batchSize), firstBatchOnly);
    assert.equal(
      await dumpReadTables(context.readDb),
      await dumpReadTables(firstBatchOnly),
      'the rows of the first batch only, in every table',
    );

    const resumed = await catchUp(store, context.readDb, { batchSize });
    assert.is(resumed.events, head - batchSize);
    const clean = await context.createReadDb();
    await catchUp(store, clean);
    assert.equal(await dumpReadTables(context.readDb), await dumpReadTables(clean));
  });

  test('projections at different checkpoints catch up together, each from its own', async (context) => {
    const store = await scenarioStore();
    const half = Math.floor((await store.headPosition()) / 2);
    const partial = await truncatedCopy(store, half);
    await catchUp(partial, context.readDb, { projections: PROJECTIONS.filter((p) => p.name === 'users' || p.name === 'contracts') });
    await catchUp(store, context.readDb, { batchSize: 6 });
    const clean = await context.createReadDb();
    await catchUp(store, clean);
    assert.equal(await dumpReadTables(context.readDb), await dumpReadTables(clean));
  });
});

/** `source`'s first `count` events, then other clients' (new ids, new names) until its head is past `source`'s: a backup restored and written to again. */
async function divergedCopy(source: InMemoryEventStore, count: number): Promise<InMemoryEventStore> {
  const copy = await truncatedCopy(source, count);
  const writer = new EventWriter(copy);
  for (let i = 0; (await copy.headPosition()) <= (await source.headPosition()); i += 1) {
    const clientId = `newc${String(i).padStart(2, '0')}45zz`;
    await writer.account(clientId, CARL, {
      type: 'ClientCreated',
      data: { clientId, name: `New ${i}`, email: `new${i}@client.io`, phone: null, company: null, commercialId: CARL.id },
    });
  }
  return copy;
}

/** The store, counting its `readAll` calls. */
function countingReads(store: InMemoryEventStore): { store: InMemoryEventStore; reads: () => number } {
  let reads = 0;
  const readAll = store.readAll.bind(store);
  store.readAll = (options) => {
    reads += 1;
    return readAll(options);
  };
  return { store, reads: () => reads };
}

describeReadDb('projector: a log that differs from the one the checkpoints saw', (test) => {
  test('another event at the checkpoint: every projection that saw it is rebuilt from the log as it is, once, and said', async (context) => {
    const original = await scenarioStore();
    await catchUp(original, context.readDb, { batchSize: 7 });
    const states = await context.readDb.db.selectFrom('projection_state').select(['name', 'hash']).execute();
    const head = await original.headPosition();
    const atHead = original.events.find((e) => e.position === head);
    assert.ok(
      states.every((state) => state.hash === atHead?.metadata.hash),
      'each checkpoint holds the hash of the event it saw',
    );

    const clientIds = async () => (await context.readDb.db.selectFrom('clients').select('id').execute()).map((row) => row.id);
    // Restored from a backup taken just before the last client still listed was created.
    const listed = await clientIds();
    const lastCreated = original.events.filter((e) => e.type === 'ClientCreated' && listed.includes(String(e.data.clientId))).at(-1);
    const lostClient = String(lastCreated?.data.clientId);
    const restored = await divergedCopy(original, (lastCreated?.position ?? 1) - 1);
    assert.ok((await restored.headPosition()) > head);
    const status = await projectionStatus(restored, context.readDb);
    assert.ok(
      status.every((s) => s.divergedFromLog && !s.aheadOfLog && !s.upToDate),
      JSON.stringify(status),
    );
    const heard: string[][] = [];
    const ahead: string[][] = [];
    await catchUp(restored, context.readDb, {
      batchSize: 5,
      onDivergedFromLog: (names) => heard.push([...names]),
      onAheadOfLog: (names) => ahead.push([...names]),
    });
    assert.equal(heard, [PROJECTIONS.map((p) => p.name)]);
    assert.equal(ahead, []);
    const clean = await context.createReadDb();
    await catchUp(restored, clean);
    assert.equal(await dumpReadTables(context.readDb), await dumpReadTables(clean), "the tables are the log's, nothing more");
    assert.not.ok((await clientIds()).includes(lostClient), 'a client only the lost part held is gone');
    assert.ok((await clientIds()).includes('newc0045zz'), 'a client only the restored log holds shows');
    await catchUp(restored, context.readDb, { onDivergedFromLog: (names) => heard.push([...names]) });
    assert.is(heard.length, 1, 'said once: the rebuilt checkpoints match the log');
    assert.ok((await projectionStatus(restored, context.readDb)).every((s) => s.upToDate && !s.divergedFromLog));
  });

  test('a checkpoint apart from the others is compared too; one whose event is the same is left as it is', async (context) => {
    const original = await scenarioStore();
    const head = await original.headPosition();
    const early = await truncatedCopy(original, 4);
    await catchUp(early, context.readDb, { projections: PROJECTIONS.filter((p) => p.name === 'users') });
    await catchUp(original, context.readDb, { projections: PROJECTIONS.filter((p) => p.name !== 'users') });
    const restored = await divergedCopy(original, 6);
    const heard: string[][] = [];
    // Batches of 3 from the users' checkpoint (4): the others' checkpoint (the head) is beyond the first read, looked up on its own.
    await catchUp(restored, context.readDb, { batchSize: 3, onDivergedFromLog: (names) => heard.push([...names]) });
    assert.equal(heard, [PROJECTIONS.filter((p) => p.name !== 'users').map((p) => p.name)]);
    const clean = await context.createReadDb();
    await catchUp(restored, clean);
    assert.equal(await dumpReadTables(context.readDb), await dumpReadTables(clean));
    assert.ok(head > 6);
  });

  test('a checkpoint without a hash (written before migration 0004) is no mismatch; the next batch fills it', async (context) => {
    const store = await scenarioStore();
    await catchUp(store, context.readDb);
    await context.readDb.db.updateTable('projection_state').set({ hash: null }).execute();
    const heard: string[][] = [];
    await catchUp(store, context.readDb, { onDivergedFromLog: (names) => heard.push([...names]) });
    assert.equal(heard, []);
    assert.ok((await projectionStatus(store, context.readDb)).every((s) => s.upToDate && !s.divergedFromLog));
    const [added] = await new EventWriter(store).account(BISTRO, CARL, { type: 'ClientDeleted', data: { clientId: BISTRO } });
    await catchUp(store, context.readDb, { onDivergedFromLog: (names) => heard.push([...names]) });
    const hashes = await context.readDb.db.selectFrom('projection_state').select('hash').execute();
    assert.ok(hashes.every((row) => row.hash === added?.metadata.hash));
    assert.equal(heard, []);
  });

  test('an up-to-date catch-up makes one read of the log, the one that compares', async (context) => {
    const counting = countingReads(await scenarioStore());
    await catchUp(counting.store, context.readDb);
    const before = counting.reads();
    await catchUp(counting.store, context.readDb);
    assert.is(counting.reads() - before, 1);
  });
});

describeReadDb('projector: rebuild', (test) => {
  test('dropping the read database and replaying the log gives the same rows', async (context) => {
    const store = await scenarioStore();
    await catchUp(store, context.readDb, { batchSize: 3 });
    const before = await dumpReadTables(context.readDb);
    const fresh = await context.createReadDb();
    await catchUp(store, fresh);
    assert.equal(await dumpReadTables(fresh), before);
  });

  test('rebuild replays every projection into new tables and switches them in', async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const before = await dumpReadTables(readDb);
    // A row no event explains: a rebuild must not keep it.
    await readDb.db
      .insertInto('clients')
      .values({
        id: 'stray23456',
        name: 'Stray',
        email: 's@x.test',
        phone: null,
        company: null,
        commercial_id: CARL.id,
        search: 'stray',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const at = new Date('2026-11-28T12:00:00.000Z');
    const result = await rebuild(store, readDb, { batchSize: 4, now: () => at });
    assert.is(result.events, await store.headPosition());
    assert.equal(await dumpReadTables(readDb), before);
    const states = await readDb.db.selectFrom('projection_state').select(['name', 'rebuilt_at']).orderBy('name').execute();
    assert.ok(states.every((s) => s.rebuilt_at === at.toISOString()));
  });

  test('rebuild of named projections only touches those', async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const before = await dumpReadTables(readDb);
    const rebuiltAt = async () =>
      new Map((await readDb.db.selectFrom('projection_state').select(['name', 'rebuilt_at']).execute()).map((r) => [r.name, r.rebuilt_at]));
    const rebuiltBefore = await rebuiltAt();
    await readDb.db.updateTable('users').set({ name: 'Tampered' }).execute();
    await readDb.db.updateTable('contracts').set({ remaining_cents: 1 }).execute();
    await rebuild(store, readDb, { names: ['contracts'] });
    const after = await dumpReadTables(readDb);
    assert.equal(after.contracts, before.contracts, 'contracts rebuilt');
    assert.ok(
      (after.users as { name: string }[]).every((u) => u.name === 'Tampered'),
      'users left alone',
    );
    const rebuiltAfter = await rebuiltAt();
    assert.equal(
      [...rebuiltAfter].filter(([name, at]) => at !== rebuiltBefore.get(name)).map(([name]) => name),
      ['contracts'],
    );
  });

  test('rebuild refuses an unknown projection name', async ({ readDb }) => {
    const error = await rejection(rebuild(new InMemoryEventStore(), readDb, { names: ['contracts', 'invoices'] }));
    assert.instance(error, InvalidInput);
    assert.match(english(error), /unknown projection "invoices": expected one of users, clients, contracts, events, log$/);
  });

  test("rebuild takes the names people use: the CLI's words in English or French, in any case", async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    for (const [words, expected] of [
      [['events'], ['occasions']],
      [
        ['Événements', 'journal'],
        ['occasions', 'command_log'],
      ],
      [
        ['log', 'utilisateurs', 'contrats'],
        ['command_log', 'users', 'contracts'],
      ],
      [['occasions', 'events'], ['occasions']],
    ] as const) {
      const result = await rebuild(store, readDb, { names: words });
      assert.equal([...result.rebuilt].sort(), [...expected].sort(), words.join(' '));
    }
  });

  test('a projection whose version changed is rebuilt at the next catch-up', async ({ readDb }) => {
    const store = await scenarioStore();
    await catchUp(store, readDb);
    const before = await dumpReadTables(readDb);
    await readDb.db.updateTable('users').set({ email: 'stale@x.test' }).execute();
    const v2: Projection = { ...usersProjection, version: usersProjection.version + 1 };
    const projections = PROJECTIONS.map((p) => (p.name === 'users' ? v2 : p));
    const progress: number[] = [];
    const result = await catchUp(store, readDb, { projections, onRebuildProgress: (p) => void progress.push(p.position) });
    assert.is(result.events, 0, 'the rebuilt tables were switched in at the head: nothing left to apply');
    assert.is(progress.at(-1), await store.headPosition(), 'replayed from the start into the next tables');
    const after = await dumpReadTables(readDb);
    assert.equal(after.users, before.users);
    assert.equal(after.contracts, before.contracts);
    const users = await readDb.db.selectFrom('projection_state').selectAll().where('name', '=', 'users').executeTakeFirstOrThrow();
    assert.equal([Number(users.version), Number(users.position)], [v2.version, await store.headPosition()]);
    assert.ok(users.rebuilt_at !== null);
  });

  test('projectionStatus: behind, then up to date', async ({ readDb }) => {
    const store = await scenarioStore();
    const head = await store.headPosition();
    const before = await projectionStatus(store, readDb);
    assert.equal(
      before.map((s) => [s.name, s.storedVersion, s.position, s.head, s.behind, s.upToDate]),
      PROJECTIONS.map((p) => [p.name, null, 0, head, head, false]),
    );
    await catchUp(store, readDb, { now: () => new Date('2026-11-28T12:00:00.000Z') });
    const after = await projectionStatus(store, readDb);
    assert.equal(after[0], {
      name: 'users',
      version: usersProjection.version,
      storedVersion: usersProjection.version,
      position: head,
      head,
      upToDate: true,
      aheadOfLog: false,
      divergedFromLog: false,
      behind: 0,
      behindAtLeast: false,
      rebuiltAt: null,
      updatedAt: '2026-11-28T12:00:00.000Z',
      rebuilding: null,
    });
    assert.ok(after.every((s) => s.upToDate));
  });

  test('a client reassigned while its contracts exist: the contracts move with it, in any replay', async (context) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(
      BISTRO,
      GINA,
      {
        type: 'ClientCreated',
        data: { clientId: BISTRO, name: "Bob's Bistro", email: 'bob@bistro.test', phone: null, company: null, commercialId: CARL.id },
      },
      { type: 'ContractCreated', data: { contractId: K1, clientId: BISTRO, totalCents: 100, remainingCents: 100, signed: true } },
    );
    await catchUp(store, context.readDb);
    await w.account(BISTRO, GINA, { type: 'ClientReassigned', data: { clientId: BISTRO, commercialId: CHLOE.id } });
    await catchUp(store, context.readDb);
    assert.equal(
      (await listContracts(context.readDb.db, { scope: 'own', actorId: CHLOE.id })).map((c) => c.id),
      [K1],
    );
    assert.equal(await listContracts(context.readDb.db, { scope: 'own', actorId: CARL.id }), []);
  });
});
