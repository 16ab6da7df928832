/**
 * The round trip of a client's life (issue 19): created, two contracts,
 * events, one cancelled, payments and a refund, its commercial disabled with
 * the client reassigned, then everything wound down and the client deleted —
 * and the history of each record tells that story, in order.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Team } from '../support/team.js';

interface Entry {
  type: string;
  actor: { id: string };
  changes: Record<string, { from: unknown; to: unknown }>;
}

const life = suite("a client's life, start to end");
let team: Team;
life.before(async () => {
  team = await Team.start();
});
life.after(() => team?.cleanup());

const event = (contract: string, name: string, day: string) =>
  team.ok('bob', [
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    name,
    '--start',
    `2026-09-${day}T10:00Z`,
    '--end',
    `2026-09-${day}T18:00Z`,
    '--location',
    'Lyon',
    '--attendees',
    '20',
  ]);

life('created, contracts, events, one cancelled, payments and a refund, reassigned, deleted', async () => {
  const client = await team.ok('bob', ['client', 'create', '--name', 'Lifelong Client', '--email', 'life@long.io']);
  const main = await team.ok('bob', ['contract', 'create', '--client', client, '--total', '12000', '--signed']);
  const extra = await team.ok('bob', ['contract', 'create', '--client', client, '--total', '500']);
  const gala = await event(main, 'Gala', '10');
  const party = await event(main, 'Party', '11');
  await team.ok('bob', ['event', 'cancel', party, '--reason', 'merged into the gala', '--yes']);
  await team.ok('bob', ['contract', 'pay', main, '--amount', '4000']);
  await team.ok('bob', ['contract', 'edit', main, '--total', '15000']);
  await team.ok('bob', ['contract', 'refund', main, '--amount', '500']);
  assert.equal(
    (await team.json<{ totalAmount: string; remainingAmount: string }>('ada', ['contract', 'view', main])).remainingAmount,
    '11500.00',
    '15,000 − (4,000 paid − 500 refunded)',
  );
  await team.ok('ada', ['user', 'disable', team.ids.bob, '--reassign-to', team.ids.carla]);
  assert.is((await team.json<{ commercialId: string }>('ada', ['client', 'view', client])).commercialId, team.ids.carla);
  // Wound down by Carla, now its commercial, and gestion.
  await team.ok('carla', ['event', 'cancel', gala, '--yes']);
  await team.ok('ada', ['contract', 'delete', main, '--yes']);
  await team.ok('ada', ['contract', 'delete', extra, '--yes']);
  await team.ok('ada', ['client', 'delete', client, '--yes']);
  assert.is((await team.run('ada', ['client', 'view', client, '--json'])).code, 5);

  const types = async (kind: string, id: string) => (await team.json<Entry[]>('ada', ['history', kind, id])).map((e) => e.type);
  assert.equal(await types('client', client), ['ClientCreated', 'ClientReassigned', 'ClientDeleted']);
  assert.equal(await types('contract', main), [
    'ContractCreated',
    'PaymentRecorded',
    'ContractAmended',
    'RefundRecorded',
    'ClientReassigned',
    'ContractDeleted',
  ]);
  // An event's record names no commercial: the reassignment is not a change of it.
  assert.equal(await types('event', party), ['OccasionScheduled', 'OccasionCancelled', 'ContractDeleted']);
  const galaHistory = await team.json<Entry[]>('ada', ['history', 'event', gala]);
  assert.equal(
    galaHistory.map((e) => e.type),
    ['OccasionScheduled', 'OccasionCancelled', 'ContractDeleted'],
  );
  assert.is(galaHistory[1]?.actor.id, team.ids.carla, 'cancelled by the commercial who took the client over');
  assert.equal(galaHistory[1]?.changes.status, { from: 'scheduled', to: 'cancelled' });
  const bob = (await team.json<Entry[]>('ada', ['history', 'user', team.ids.bob])).map((e) => e.type);
  assert.is(bob.at(-1), 'UserDisabled');
});

life.run();
