/**
 * Each projection's rows after a realistic history (test/support/crm-scenario.ts),
 * read back through the query functions in the exact JSON shapes of docs/cli.md.
 */
import * as assert from 'uvu/assert';
import { loadTranslator, type Translator } from '../../src/i18n/translator.js';
import { catchUp } from '../../src/projections/projector.js';
import {
  getClient,
  getContract,
  getLogEntry,
  getOccasion,
  getUser,
  listClients,
  listContracts,
  listLog,
  listOccasions,
  listUsers,
  logEntryReason,
} from '../../src/projections/queries/index.js';
import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';
import {
  ADA,
  BISTRO,
  CARL,
  CHLOE,
  GINA,
  GONE,
  K1,
  K2,
  K3,
  K4,
  K5,
  KEVIN,
  O1,
  O2,
  O3,
  O4,
  SAM,
  SID,
  SUE,
  writeScenario,
} from '../support/crm-scenario.js';
import { ANONYMOUS, EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { describeReadDb } from '../support/read-db-matrix.js';

async function project(readDb: ReadDb, batchSize = 7) {
  const store = new InMemoryEventStore();
  const t = await writeScenario(new EventWriter(store));
  const result = await catchUp(store, readDb, { batchSize });
  return { store, t, result };
}

const everything = { scope: 'all', actorId: GINA.id } as const;

describeReadDb('projections: users', (test) => {
  test('live users with their current name, email and role; a deleted user is gone', async ({ readDb }) => {
    const { t } = await project(readDb);
    const users = await listUsers(readDb.db);
    assert.equal(
      users.map((u) => u.id),
      [CARL.id, CHLOE.id, GINA.id, SAM.id, SUE.id],
      'sorted by name, case-insensitively; Sid was deleted',
    );
    assert.equal(await getUser(readDb.db, CARL.id), {
      id: CARL.id,
      name: 'Carl Durand',
      email: 'carl@epic-events.test',
      role: 'commercial',
      createdAt: t.staffHired,
      updatedAt: t.carlRenamed,
      disabled: false,
      lockedUntil: null,
    });
    assert.equal(await getUser(readDb.db, CHLOE.id), {
      id: CHLOE.id,
      name: 'Chloé Martin',
      email: 'chloe.martin@epic-events.test',
      role: 'commercial',
      createdAt: t.staffHired,
      updatedAt: t.chloeEmailChanged,
      disabled: false,
      lockedUntil: null,
    });
    assert.is((await getUser(readDb.db, SAM.id))?.updatedAt, t.samPasswordChanged, 'a password change is a change of the user');
    assert.is(await getUser(readDb.db, SID.id), undefined);
  });

  test('filter by role', async ({ readDb }) => {
    await project(readDb);
    assert.equal(
      (await listUsers(readDb.db, { role: 'support' })).map((u) => u.id),
      [SAM.id, SUE.id],
    );
    assert.equal(
      (await listUsers(readDb.db, { role: 'gestion' })).map((u) => u.id),
      [GINA.id],
    );
  });

  test('a role change moves the user between role listings', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.users(GINA, {
      type: 'UserCreated',
      data: { userId: SUE.id, name: 'Sue Support', email: 'sue@epic-events.test', role: 'support' },
    });
    await catchUp(store, readDb);
    const at = w.now;
    await w.users(GINA, { type: 'UserRoleChanged', data: { userId: SUE.id, role: 'commercial' } });
    await catchUp(store, readDb);
    assert.equal(await listUsers(readDb.db, { role: 'support' }), []);
    assert.equal(await listUsers(readDb.db, { role: 'commercial' }), [
      {
        id: SUE.id,
        name: 'Sue Support',
        email: 'sue@epic-events.test',
        role: 'commercial',
        disabled: false,
        lockedUntil: null,
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: at,
      },
    ]);
  });
});

describeReadDb('projections: clients', (test) => {
  test('a client record, with the current contact details and commercial name', async ({ readDb }) => {
    const { t } = await project(readDb);
    assert.equal(await getClient(readDb.db, KEVIN), {
      id: KEVIN,
      name: 'Kevin Casey',
      email: 'kevin.casey@startup.io',
      phone: '+678 987 654 32',
      company: 'Cool Startup LLC',
      commercialId: CARL.id,
      commercialName: 'Carl Durand',
      erased: false,
      createdAt: t.kevinCreated,
      updatedAt: t.kevinUpdated,
    });
  });

  test('a reassigned client has its new commercial; null phone and company stay null', async ({ readDb }) => {
    const { t } = await project(readDb);
    assert.equal(await getClient(readDb.db, ADA), {
      id: ADA,
      name: 'Ada Lovelace',
      email: 'ada@analytical.test',
      phone: null,
      company: null,
      commercialId: CHLOE.id,
      commercialName: 'Chloé Martin',
      erased: false,
      createdAt: t.adaCreated,
      updatedAt: t.adaReassigned,
    });
  });

  test('a deleted client is gone; the listing is by name', async ({ readDb }) => {
    await project(readDb);
    assert.is(await getClient(readDb.db, GONE), undefined);
    assert.equal(
      (await listClients(readDb.db, everything)).map((c) => c.name),
      ['Ada Lovelace', "Bob's Bistro", 'Kevin Casey'],
    );
  });

  test('ClientUpdated sets only the fields it gives, and can clear one to null', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(BISTRO, GINA, {
      type: 'ClientCreated',
      data: {
        clientId: BISTRO,
        name: "Bob's Bistro",
        email: 'bob@bistro.test',
        phone: '01 23 45 67 89',
        company: 'Bistro SARL',
        commercialId: CHLOE.id,
      },
    });
    await catchUp(store, readDb);
    await w.account(BISTRO, CHLOE, { type: 'ClientUpdated', data: { clientId: BISTRO, company: null } });
    await catchUp(store, readDb);
    const client = await getClient(readDb.db, BISTRO);
    assert.equal(
      [client?.name, client?.email, client?.phone, client?.company],
      ["Bob's Bistro", 'bob@bistro.test', '01 23 45 67 89', null],
    );
    assert.equal(await listClients(readDb.db, { ...everything, search: 'sarl' }), [], 'the search text follows the update');
  });
});

describeReadDb('projections: contracts', (test) => {
  test('a contract record: amounts as strings with two decimals, signed as a boolean, names joined', async ({ readDb }) => {
    const { t } = await project(readDb);
    assert.equal(await getContract(readDb.db, K1), {
      id: K1,
      clientId: KEVIN,
      clientName: 'Kevin Casey',
      commercialId: CARL.id,
      commercialName: 'Carl Durand',
      totalAmount: '1500.50',
      remainingAmount: '1000.50',
      signed: true,
      createdAt: t.k1Created,
      updatedAt: t.k1Paid,
    });
  });

  test('payments decrement, an amendment sets the given amounts, signing sets signed', async ({ readDb }) => {
    const { t } = await project(readDb);
    const k3 = await getContract(readDb.db, K3);
    assert.equal([k3?.totalAmount, k3?.remainingAmount, k3?.signed, k3?.updatedAt], ['999.99', '0.00', true, t.k3Paid]);
    const k2 = await getContract(readDb.db, K2);
    assert.equal([k2?.totalAmount, k2?.remainingAmount, k2?.signed, k2?.updatedAt], ['2500.00', '2500.00', false, t.k2Amended]);
  });

  test("a contract follows its client's reassignment; a deleted contract is gone", async ({ readDb }) => {
    await project(readDb);
    const k4 = await getContract(readDb.db, K4);
    assert.equal([k4?.commercialId, k4?.commercialName, k4?.clientName], [CHLOE.id, 'Chloé Martin', 'Ada Lovelace']);
    assert.is(await getContract(readDb.db, K5), undefined);
    assert.equal(
      (await listContracts(readDb.db, everything)).map((c) => c.id),
      [K1, K2, K3, K4],
      'by creation',
    );
  });

  test('an amendment of the remaining amount only leaves the total', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(KEVIN, CARL, {
      type: 'ContractCreated',
      data: { contractId: K1, clientId: KEVIN, totalCents: 150050, remainingCents: 150050, signed: false },
    });
    await w.account(KEVIN, CARL, {
      type: 'ClientCreated',
      data: { clientId: KEVIN, name: 'Kevin Casey', email: 'kevin@startup.io', phone: null, company: null, commercialId: CARL.id },
    });
    await catchUp(store, readDb);
    await w.account(KEVIN, CARL, { type: 'ContractAmended', data: { contractId: K1, remainingCents: 5 } });
    await catchUp(store, readDb);
    const k1 = await getContract(readDb.db, K1);
    assert.equal([k1?.totalAmount, k1?.remainingAmount, k1?.commercialName], ['1500.50', '0.05', null], 'no user row: the name is null');
  });
});

describeReadDb("projections: occasions (the CLI's events)", (test) => {
  test('an event record: client contact as it is now, support joined, instants in UTC', async ({ readDb }) => {
    const { t } = await project(readDb);
    assert.equal(await getOccasion(readDb.db, O1), {
      id: O1,
      name: 'Casey wedding',
      contractId: K1,
      clientId: KEVIN,
      clientName: 'Kevin Casey',
      clientContact: { email: 'kevin.casey@startup.io', phone: '+678 987 654 32' },
      supportId: SAM.id,
      supportName: 'Sam Support',
      start: '2026-06-04T11:00:00.000Z',
      end: '2026-06-05T02:00:00.000Z',
      location: '53 Rue du Château, 41120 Candé-sur-Beuvron, France',
      attendees: 75,
      notes: 'Wedding starts at 3PM, by the river.',
      createdAt: t.o1Created,
      updatedAt: t.o1Assigned,
      status: 'scheduled',
      cancelReason: null,
    });
  });

  test('OccasionUpdated sets the given fields; a reassignment after an unassignment sticks', async ({ readDb }) => {
    const { t } = await project(readDb);
    const o2 = await getOccasion(readDb.db, O2);
    assert.equal(
      [o2?.attendees, o2?.notes, o2?.name, o2?.supportId, o2?.supportName, o2?.updatedAt],
      [25, 'Bring a projector', 'Bistro seminar', SUE.id, 'Sue Support', t.o2Updated],
    );
  });

  test('a deleted support leaves no occasion pointing at them', async ({ readDb }) => {
    const { t } = await project(readDb);
    const o3 = await getOccasion(readDb.db, O3);
    assert.equal(
      [o3?.supportId, o3?.supportName, o3?.updatedAt],
      [null, null, t.o3Assigned],
      'unassigned, and its own record did not change',
    );
    const rows = await readDb.db.selectFrom('occasions').select('support_id').where('support_id', '=', SID.id).execute();
    assert.equal(rows, []);
  });

  test('the listing is by start', async ({ readDb }) => {
    await project(readDb);
    assert.equal(
      (await listOccasions(readDb.db, everything)).map((o) => o.id),
      [O4, O2, O3, O1],
    );
  });

  test('offsets in the data are stored as UTC instants', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(KEVIN, CARL, {
      type: 'ClientCreated',
      data: { clientId: KEVIN, name: 'Kevin Casey', email: 'kevin@startup.io', phone: null, company: null, commercialId: CARL.id },
    });
    await w.account(KEVIN, CARL, {
      type: 'OccasionScheduled',
      data: {
        occasionId: O1,
        contractId: K1,
        name: 'Late',
        start: '2026-06-04T13:00:00+02:00',
        end: '2026-06-04T23:30:00.5+02:00',
        location: 'Paris',
        attendees: 0,
        notes: null,
      },
    });
    await catchUp(store, readDb);
    const o1 = await getOccasion(readDb.db, O1);
    assert.equal([o1?.start, o1?.end, o1?.attendees], ['2026-06-04T11:00:00.000Z', '2026-06-04T21:30:00.500Z', 0]);
  });

  test('a deleted contract or client takes its occasions along, even without their own events', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account(KEVIN, CARL, {
      type: 'ClientCreated',
      data: { clientId: KEVIN, name: 'Kevin Casey', email: 'kevin@startup.io', phone: null, company: null, commercialId: CARL.id },
    });
    await w.account(KEVIN, CARL, {
      type: 'ContractCreated',
      data: { contractId: K1, clientId: KEVIN, totalCents: 100, remainingCents: 100, signed: true },
    });
    await w.account(KEVIN, CARL, {
      type: 'ContractCreated',
      data: { contractId: K2, clientId: KEVIN, totalCents: 100, remainingCents: 100, signed: true },
    });
    const occasion = (occasionId: string, contractId: string) =>
      ({
        type: 'OccasionScheduled',
        data: {
          occasionId,
          contractId,
          name: occasionId,
          start: '2026-06-04T11:00:00.000Z',
          end: '2026-06-04T12:00:00.000Z',
          location: 'Paris',
          attendees: 1,
          notes: null,
        },
      }) as const;
    await w.account(KEVIN, CARL, occasion(O1, K1), occasion(O2, K2));
    await catchUp(store, readDb);
    await w.account(KEVIN, GINA, { type: 'ContractDeleted', data: { contractId: K1 } });
    await catchUp(store, readDb);
    assert.equal(
      (await listOccasions(readDb.db, everything)).map((o) => o.id),
      [O2],
    );
    await w.account(KEVIN, GINA, { type: 'ClientDeleted', data: { clientId: KEVIN } });
    await catchUp(store, readDb);
    assert.equal(await readDb.db.selectFrom('occasions').selectAll().execute(), []);
    assert.equal(await readDb.db.selectFrom('contracts').selectAll().execute(), []);
    assert.equal(await readDb.db.selectFrom('clients').selectAll().execute(), []);
  });
});

describeReadDb('projections: command log', (test) => {
  test('log entries: who (current name), what, outcome, reason, events; newest first', async ({ readDb }) => {
    await project(readDb);
    const entries = await listLog(readDb.db, everything);
    assert.is(entries.length, 9);
    assert.equal(entries[0], {
      id: 'cmd-00042',
      at: '2026-03-02T09:43:00.000Z',
      actor: { id: SAM.id, name: 'Sam Support', role: 'support' },
      command: 'client create',
      outcome: 'denied',
      reason: `support ${SAM.id} may not create a client`,
      reasonMessage: null,
      events: [],
    });
    const pay = entries.find((e) => e.command === 'contract pay');
    assert.ok(pay);
    assert.equal(pay.actor, { id: CARL.id, name: 'Carl Durand', role: 'commercial' }, 'the name is the current one');
    assert.is(pay.events.length, 1);
    assert.match(pay.events[0] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(await getLogEntry(readDb.db, pay.id), pay);
  });

  test('an anonymous actor has no name and the system role', async ({ readDb }) => {
    await project(readDb);
    const login = (await listLog(readDb.db, everything)).find((e) => e.command === 'login');
    assert.equal(login, {
      id: 'cmd-00005',
      at: '2026-03-02T09:04:00.000Z',
      actor: { id: ANONYMOUS.id, name: null, role: 'system' },
      command: 'login',
      outcome: 'denied',
      reason: 'wrong email or password',
      reasonMessage: null,
      events: [],
    });
  });

  test("a reason recorded as a message is listed with it and worded in the reader's language; older entries show their text", async ({
    readDb,
  }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    const refused = { key: 'policy.refused', params: { action: 'client.create', role: 'support', scope: 'none' } };
    await w.command(SAM, {
      command: 'client create',
      outcome: 'denied',
      reason: 'a support may not create clients',
      reasonMessage: refused,
    });
    // Recorded before messages were (CommandRecorded v1: text only), and with a key this catalogue no longer has.
    await store.append(
      'command-log',
      [
        {
          id: '00000000-0000-8000-8000-00000000a001',
          type: 'CommandRecorded',
          schemaVersion: 1,
          data: {
            commandId: 'cmd-v1',
            command: 'contract sign',
            args: {},
            outcome: 'rejected',
            reason: 'contract k1 is already signed',
            events: [],
          },
          metadata: { actor: CARL, at: '2026-03-02T10:00:00.000Z', commandId: 'cmd-v1' },
        },
      ],
      'any',
    );
    await w.command(CARL, {
      command: 'contract pay',
      outcome: 'rejected',
      reason: 'the words recorded then',
      reasonMessage: { key: 'contract.renamedSince', params: null },
      commandId: 'cmd-gone',
    });
    await catchUp(store, readDb);
    const entries = await listLog(readDb.db, everything);
    const byCommand = new Map(entries.map((e) => [e.command, e]));
    assert.equal(byCommand.get('client create')?.reasonMessage, refused);
    assert.is(byCommand.get('contract sign')?.reasonMessage, null, 'v1 is upcast: no message');
    const [en, fr] = [await loadTranslator('en'), await loadTranslator('fr')];
    const reasons = (translator: Translator) => entries.map((e) => [e.command, logEntryReason(e, translator)]);
    assert.equal(reasons(fr), [
      ['contract pay', 'the words recorded then'],
      ['contract sign', 'contract k1 is already signed'],
      ['client create', 'un support ne peut pas créer de clients'],
    ]);
    assert.equal(reasons(en)[2], ['client create', 'a support may not create clients']);
  });

  test('a command recorded twice under different event ids keeps one entry, the last record', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    // recordCommand derives the event id from the command id, so the store itself drops a plain retry;
    // two records of one command can only come from two different writers.
    const record = (outcome: string, reason: string | null) => ({
      type: 'CommandRecorded',
      data: { commandId: 'cmd-retried', command: 'contract sign', args: { id: K1 }, outcome, reason, events: [] },
    });
    await w.raw('command-log', GINA, record('failed', 'event store unavailable'));
    await catchUp(store, readDb);
    await w.raw('command-log', GINA, record('accepted', null));
    await catchUp(store, readDb);
    const entries = await listLog(readDb.db, everything);
    assert.equal(
      entries.map((e) => [e.id, e.outcome, e.reason]),
      [['cmd-retried', 'accepted', null]],
    );
  });
});

describeReadDb('projections: events nobody handles', (test) => {
  test('unknown types and unhandled types are skipped; the checkpoints still reach the head', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.raw('sessions', GINA, { type: 'SessionStarted', data: { sessionId: 's1' } });
    await w.users(ANONYMOUS, {
      type: 'UserCreated',
      data: { userId: GINA.id, name: 'Gina Gestion', email: 'gina@epic-events.test', role: 'gestion' },
    });
    await w.raw('users', GINA, { type: 'UserTeleported', data: { userId: GINA.id } });
    const head = await store.headPosition();
    const result = await catchUp(store, readDb, { batchSize: 2 });
    assert.equal(result, { events: 3, batches: 2, position: head });
    assert.equal(
      (await listUsers(readDb.db)).map((u) => u.id),
      [GINA.id],
    );
    const positions = await readDb.db.selectFrom('projection_state').select(['name', 'position']).orderBy('name').execute();
    assert.equal(
      positions.map((p) => [p.name, Number(p.position)]),
      [
        ['clients', head],
        ['command_log', head],
        ['contracts', head],
        ['occasions', head],
        ['users', head],
      ],
    );
  });
});
