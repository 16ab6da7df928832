/**
 * The listing queries over the scenario's read tables: what each scope of the
 * permission table lets each role see, the CLI's filters, and id prefixes.
 */
import * as assert from 'uvu/assert';
import { scopeOf } from '../../src/auth/policy.js';
import { InvalidInput, NotFound, OutOfScope } from '../../src/errors.js';
import { catchUp } from '../../src/projections/projector.js';
import { assignedSupportIds, listClients, listContracts, listLog, listOccasions, resolveId } from '../../src/projections/queries/index.js';
import type { ReadDb } from '../../src/projections/read-db/open-read-db.js';
import { insertRows } from '../../src/projections/read-db/upsert.js';
import { rejection } from '../event-store/rejection.js';
import {
  ADA,
  BISTRO,
  CARL,
  CHLOE,
  GINA,
  K1,
  K2,
  K3,
  K4,
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
import { english } from '../support/english.js';
import { ANONYMOUS, EventWriter } from '../support/event-writer.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { describeReadDb } from '../support/read-db-matrix.js';

async function project(readDb: ReadDb): Promise<void> {
  const store = new InMemoryEventStore();
  await writeScenario(new EventWriter(store));
  await catchUp(store, readDb);
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describeReadDb('queries: scopes', (test) => {
  test('clients: all, own (commercial), assigned (support), none', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    assert.equal(ids(await listClients(db, { scope: 'all', actorId: GINA.id })), [ADA, BISTRO, KEVIN]);
    assert.equal(ids(await listClients(db, { scope: 'own', actorId: CARL.id })), [KEVIN], 'Ada moved to Chloé');
    assert.equal(ids(await listClients(db, { scope: 'own', actorId: CHLOE.id })), [ADA, BISTRO]);
    assert.equal(ids(await listClients(db, { scope: 'assigned', actorId: SAM.id })), [ADA, KEVIN]);
    assert.equal(ids(await listClients(db, { scope: 'assigned', actorId: SUE.id })), [BISTRO]);
    assert.equal(ids(await listClients(db, { scope: 'assigned', actorId: SID.id })), [], 'a deleted support sees nothing');
    assert.equal(await listClients(db, { scope: 'none', actorId: GINA.id }), []);
  });

  test('contracts: own are those of own clients; assigned are those behind assigned events only', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    assert.equal(ids(await listContracts(db, { scope: 'all', actorId: GINA.id })), [K1, K2, K3, K4]);
    assert.equal(ids(await listContracts(db, { scope: 'own', actorId: CARL.id })), [K1, K2]);
    assert.equal(ids(await listContracts(db, { scope: 'own', actorId: CHLOE.id })), [K3, K4], "K4 moved with Ada's reassignment");
    assert.equal(ids(await listContracts(db, { scope: 'assigned', actorId: SAM.id })), [K1, K4], 'not K2: no event of Sam on it');
    assert.equal(ids(await listContracts(db, { scope: 'assigned', actorId: SUE.id })), [K3]);
    assert.equal(await listContracts(db, { scope: 'none', actorId: GINA.id }), []);
  });

  test('events: own are those of own clients; assigned are those assigned to the support', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: GINA.id })), [O4, O2, O3, O1]);
    assert.equal(ids(await listOccasions(db, { scope: 'own', actorId: CARL.id })), [O3, O1]);
    assert.equal(ids(await listOccasions(db, { scope: 'own', actorId: CHLOE.id })), [O4, O2]);
    assert.equal(ids(await listOccasions(db, { scope: 'assigned', actorId: SAM.id })), [O4, O1]);
    assert.equal(ids(await listOccasions(db, { scope: 'assigned', actorId: SUE.id })), [O2]);
    assert.equal(await listOccasions(db, { scope: 'none', actorId: GINA.id }), []);
  });

  test('the scopes of the permission table give each role its view', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    const view = async (actor: { id: string; role: 'gestion' | 'commercial' | 'support' }) => ({
      clients: ids(await listClients(db, { scope: scopeOf('client.view', actor.role), actorId: actor.id })),
      contracts: ids(await listContracts(db, { scope: scopeOf('contract.view', actor.role), actorId: actor.id })),
      events: ids(await listOccasions(db, { scope: scopeOf('event.view', actor.role), actorId: actor.id })),
    });
    assert.equal(await view(GINA), { clients: [ADA, BISTRO, KEVIN], contracts: [K1, K2, K3, K4], events: [O4, O2, O3, O1] });
    assert.equal(await view(CARL), { clients: [KEVIN], contracts: [K1, K2], events: [O3, O1] });
    assert.equal(await view(SUE), { clients: [BISTRO], contracts: [K3], events: [O2] });
  });

  test('assignedSupportIds: the facts a view check needs', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    assert.equal([...(await assignedSupportIds(db, { clientId: KEVIN }))], [SAM.id]);
    assert.equal([...(await assignedSupportIds(db, { contractId: K3 }))], [SUE.id]);
    assert.equal([...(await assignedSupportIds(db, { contractId: K2 }))], []);
  });
});

describeReadDb('queries: filters', (test) => {
  test('client search: case-insensitive, over name, email and company; no wildcards', async ({ readDb }) => {
    await project(readDb);
    const search = async (text: string) => ids(await listClients(readDb.db, { scope: 'all', actorId: GINA.id, search: text }));
    assert.equal(await search('KEVIN'), [KEVIN], 'name');
    assert.equal(await search('analytical'), [ADA], 'email');
    assert.equal(await search('cool startup'), [KEVIN], 'company');
    assert.equal(await search('  Bistro '), [BISTRO], 'trimmed');
    assert.equal(await search('.test'), [ADA, BISTRO]);
    assert.equal(await search('%'), [], '% is a character, not a wildcard');
    assert.equal(await search('_'), []);
    assert.equal(await search(''), [ADA, BISTRO, KEVIN], 'empty: no filter');
    assert.equal(await search('kevin@startup.io'), [], 'the old email no longer matches');
  });

  test('client search folds non-ASCII case too; combines with scope and commercial', async ({ readDb }) => {
    const store = new InMemoryEventStore();
    const w = new EventWriter(store);
    await w.account('elod2345ab', CARL, {
      type: 'ClientCreated',
      data: {
        clientId: 'elod2345ab',
        name: 'ÉLODIE Ωmega',
        email: 'elodie@exemple.test',
        phone: null,
        company: 'Château Öko',
        commercialId: CARL.id,
      },
    });
    await w.account(BISTRO, CHLOE, {
      type: 'ClientCreated',
      data: {
        clientId: BISTRO,
        name: "Bob's Bistro",
        email: 'bob@bistro.test',
        phone: null,
        company: 'Château Bistro',
        commercialId: CHLOE.id,
      },
    });
    await catchUp(store, readDb);
    const search = async (text: string, more: { scope?: 'all' | 'own'; commercialId?: string } = {}) =>
      ids(await listClients(readDb.db, { scope: more.scope ?? 'all', actorId: CARL.id, search: text, commercialId: more.commercialId }));
    assert.equal(await search('élodie'), ['elod2345ab']);
    assert.equal(await search('ωMEGA'), ['elod2345ab']);
    assert.equal(await search('château'), [BISTRO, 'elod2345ab']);
    assert.equal(await search('château', { scope: 'own' }), ['elod2345ab']);
    assert.equal(await search('château', { commercialId: CHLOE.id }), [BISTRO]);
  });

  test('contracts: unsigned, unpaid, client, limit, and combined', async ({ readDb }) => {
    await project(readDb);
    const list = async (
      filters: { unsigned?: boolean; unpaid?: boolean; clientId?: string; limit?: number },
      scope: 'all' | 'own' = 'all',
      actorId: string = GINA.id,
    ) => ids(await listContracts(readDb.db, { scope, actorId, ...filters }));
    assert.equal(await list({ unsigned: true }), [K2]);
    assert.equal(await list({ unpaid: true }), [K1, K2, K4], 'K3 is paid in full');
    assert.equal(await list({ clientId: KEVIN }), [K1, K2]);
    assert.equal(await list({ unpaid: true, limit: 2 }), [K1, K2], 'the first page');
    assert.equal(await list({ unpaid: true, unsigned: true }), [K2]);
    assert.equal(await list({ unpaid: true }, 'own', CHLOE.id), [K4]);
    assert.equal(await list({ clientId: KEVIN }, 'own', CHLOE.id), [], 'a filter never widens the scope');
    assert.equal(await list({ limit: 0 }), []);
  });

  test('events: unassigned, mine, by contract or client, limit', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: GINA.id, unassigned: true })), [O3]);
    assert.equal(ids(await listOccasions(db, { scope: 'assigned', actorId: SAM.id, mine: true })), [O4, O1]);
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: SAM.id, mine: true })), [O4, O1]);
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: GINA.id, mine: true })), []);
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: GINA.id, contractId: K1 })), [O3, O1]);
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: GINA.id, clientId: ADA })), [O4]);
    assert.equal(ids(await listOccasions(db, { scope: 'all', actorId: GINA.id, limit: 2 })), [O4, O2]);
    assert.equal(ids(await listOccasions(db, { scope: 'own', actorId: CARL.id, unassigned: true })), [O3]);
  });

  test('log: all, own entries, one user, denied only, since, limit', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    const commands = async (options: Omit<Parameters<typeof listLog>[1], 'actorId'> & { actorId?: string }) =>
      (await listLog(db, { actorId: GINA.id, ...options })).map((e) => `${e.command}/${e.outcome}`);
    assert.equal(await commands({ scope: 'all' }), [
      'client create/denied',
      'user delete/accepted',
      'event edit/rejected',
      'contract pay/accepted',
      'event assign/accepted',
      'contract delete/denied',
      'login/denied',
      'user create/accepted',
      'init/accepted',
    ]);
    assert.equal(await commands({ scope: 'own', actorId: CARL.id }), ['contract pay/accepted', 'contract delete/denied']);
    assert.equal(await commands({ scope: 'own', actorId: SUE.id }), ['event edit/rejected']);
    assert.equal(await commands({ scope: 'all', userId: ANONYMOUS.id }), ['login/denied', 'init/accepted']);
    assert.equal(await commands({ scope: 'own', actorId: CARL.id, userId: SUE.id }), [], 'a filter never widens the scope');
    assert.equal(await commands({ scope: 'all', denied: true }), ['client create/denied', 'contract delete/denied', 'login/denied']);
    assert.equal(await commands({ scope: 'all', since: '2026-03-02T09:34:00.000Z' }), [
      'client create/denied',
      'user delete/accepted',
      'event edit/rejected',
    ]);
    assert.equal(
      await commands({ scope: 'all', since: '2026-03-02T10:34:00+01:00' }),
      ['client create/denied', 'user delete/accepted', 'event edit/rejected'],
      'an offset is an instant',
    );
    assert.equal(await commands({ scope: 'all', limit: 2 }), ['client create/denied', 'user delete/accepted']);
    assert.equal(await commands({ scope: 'none' }), []);
  });

  test('a bad --since or --limit is invalid input', async ({ readDb }) => {
    const since = await rejection(listLog(readDb.db, { scope: 'all', actorId: GINA.id, since: 'yesterday' }));
    assert.instance(since, InvalidInput);
    assert.match(english(since), /^since must be an ISO 8601 date-time/);
    assert.instance(await rejection(listLog(readDb.db, { scope: 'all', actorId: GINA.id, limit: -1 })), InvalidInput);
    assert.instance(await rejection(listContracts(readDb.db, { scope: 'all', actorId: GINA.id, limit: 1.5 })), InvalidInput);
    assert.instance(await rejection(listOccasions(readDb.db, { scope: 'all', actorId: GINA.id, limit: Number.NaN })), InvalidInput);
  });
});

describeReadDb('queries: resolveId', (test) => {
  test('an exact id, a unique prefix of 4+ characters', async ({ readDb }) => {
    await project(readDb);
    const { db } = readDb;
    assert.is(await resolveId(db, 'clients', KEVIN), KEVIN);
    assert.is(await resolveId(db, 'clients', 'kcas2'), KEVIN);
    assert.is(await resolveId(db, 'clients', 'bist'), BISTRO);
    assert.is(await resolveId(db, 'contracts', 'ctrb'), K3);
    assert.is(await resolveId(db, 'occasions', 'occd234'), O4);
    assert.is(await resolveId(db, 'users', 'samm'), SAM.id);
    assert.is(await resolveId(db, 'command_log', 'cmd-00042'), 'cmd-00042');
  });

  test('ambiguous: says how many match', async ({ readDb }) => {
    await project(readDb);
    const error = await rejection(resolveId(readDb.db, 'clients', 'kcas'));
    assert.instance(error, InvalidInput);
    assert.match(english(error), /client id "kcas" is ambiguous: 2 clients start with it/);
    const contracts = await rejection(resolveId(readDb.db, 'contracts', 'ctra'));
    assert.match(english(contracts), /2 contracts/);
    const log = await rejection(resolveId(readDb.db, 'command_log', 'cmd-000'));
    assert.match(english(log), /log entry id "cmd-000" is ambiguous: 9 log entries start with it/);
  });

  test("in an actor's view: another's record neither makes a prefix ambiguous nor is resolved (out of scope, worded as not found)", async ({
    readDb,
  }) => {
    await project(readDb);
    const { db } = readDb;
    // kcas2345pq is Carl's client, kcas6789rs Chloé's (reassigned); Sam supports an event of each, Sue neither.
    assert.is(await resolveId(db, 'clients', 'kcas', { scope: 'own', actorId: CARL.id }), KEVIN);
    assert.is(await resolveId(db, 'clients', 'kcas', { scope: 'own', actorId: CHLOE.id }), ADA);
    assert.match(english(await rejection(resolveId(db, 'clients', 'kcas', { scope: 'all', actorId: GINA.id }))), /2 clients/);
    assert.match(english(await rejection(resolveId(db, 'clients', 'kcas', { scope: 'assigned', actorId: SAM.id }))), /2 clients/);
    const hidden = await rejection(resolveId(db, 'clients', 'kcas', { scope: 'assigned', actorId: SUE.id }));
    assert.instance(hidden, OutOfScope);
    assert.is(
      english(hidden),
      english(await rejection(resolveId(db, 'clients', 'zcas'))).replace('zcas', 'kcas'),
      'the answer a prefix matching nothing gets',
    );
    assert.match(english(await rejection(resolveId(db, 'contracts', 'ctra', { scope: 'own', actorId: CARL.id }))), /2 contracts/);
    assert.instance(await rejection(resolveId(db, 'contracts', 'ctra', { scope: 'own', actorId: CHLOE.id })), OutOfScope);
    assert.is(await resolveId(db, 'occasions', 'occd', { scope: 'assigned', actorId: SAM.id }), O4);
    assert.instance(await rejection(resolveId(db, 'occasions', 'occd', { scope: 'own', actorId: CARL.id })), OutOfScope);
    assert.instance(await rejection(resolveId(db, 'clients', 'zzzz', { scope: 'own', actorId: CARL.id })), NotFound);
    assert.is(await resolveId(db, 'clients', ADA, { scope: 'own', actorId: CARL.id }), ADA, "an exact id is the caller's to check");
  });

  test('too short, missing, deleted', async ({ readDb }) => {
    await project(readDb);
    const short = await rejection(resolveId(readDb.db, 'clients', 'kca'));
    assert.instance(short, InvalidInput);
    assert.match(english(short), /too short: give at least 4 characters/);
    assert.instance(await rejection(resolveId(readDb.db, 'clients', '')), InvalidInput);
    const missing = await rejection(resolveId(readDb.db, 'occasions', 'zzzz'));
    assert.instance(missing, NotFound);
    assert.match(english(missing), /no event with id "zzzz"/);
    assert.instance(await rejection(resolveId(readDb.db, 'users', SID.id)), NotFound, 'deleted');
    assert.instance(await rejection(resolveId(readDb.db, 'clients', 'KCAS2345PQ')), NotFound, 'ids are exact, not case-folded');
  });

  test('an exact full id wins over the longer ids it prefixes; wildcard characters are plain', async ({ readDb }) => {
    const row = (id: string) => ({
      id,
      name: id,
      email: `${id}@x.test`,
      role: 'support' as const,
      disabled: 0,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    await insertRows(readDb.db, 'users', [row('abcd'), row('abcde'), row('abcdf'), row('ab%d1'), row('ab_d1'), row('xyz')]);
    assert.is(await resolveId(readDb.db, 'users', 'abcd'), 'abcd');
    assert.is(await resolveId(readDb.db, 'users', 'xyz'), 'xyz', 'exact, even under 4 characters');
    assert.is(await resolveId(readDb.db, 'users', 'ab%d'), 'ab%d1');
    assert.is(await resolveId(readDb.db, 'users', 'ab_d'), 'ab_d1');
    assert.instance(await rejection(resolveId(readDb.db, 'users', 'abcd~')), NotFound);
  });
});
