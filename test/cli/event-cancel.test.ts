/**
 * `epic event cancel` through the CLI: the event stays (view, history), the
 * lists hide it unless `--cancelled`, it can no longer be changed, and it no
 * longer holds back the deletion of its contract and then of its client.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Dataset, seedDataset, Team } from '../support/team.js';

interface EventJson {
  id: string;
  status: string;
  cancelReason: string | null;
}

let team: Team;
let data: Dataset;

const cancel = suite('event cancel');
cancel.before(async () => {
  team = await Team.start();
  data = await seedDataset(team);
});
cancel.after(() => team?.cleanup());

const newEvent = (contract: string, name: string) =>
  team.ok('ada', [
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    name,
    '--start',
    '2026-09-01T10:00Z',
    '--end',
    '2026-09-01T12:00Z',
    '--location',
    'Lyon',
    '--attendees',
    '4',
  ]);

cancel('the commercial of the client cancels; the event is kept, out of the lists unless --cancelled', async () => {
  const before = await team.json<EventJson[]>('bob', ['event', 'list']);
  assert.ok(before.every((e) => e.status === 'scheduled' && e.cancelReason === null));
  const result = await team.run('bob', [
    'event',
    'cancel',
    data.events.bobOpen.slice(0, 6),
    '--reason',
    'the client called it off',
    '--yes',
  ]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^cancelled event \w+ \(Casey party\)\n$/);
  const view = await team.json<EventJson>('bob', ['event', 'view', data.events.bobOpen]);
  assert.equal([view.status, view.cancelReason], ['cancelled', 'the client called it off']);
  const listed = await team.json<EventJson[]>('bob', ['event', 'list']);
  assert.not.ok(
    listed.some((e) => e.id === data.events.bobOpen),
    'hidden from event list',
  );
  assert.is(listed.length, before.length - 1);
  const all = await team.json<EventJson[]>('bob', ['event', 'list', '--cancelled']);
  assert.is(all.length, before.length);
  assert.is(all.find((e) => e.id === data.events.bobOpen)?.status, 'cancelled');
  const table = await team.ok('ada', ['event', 'list', '--cancelled']);
  assert.match(table, /Casey party.*\tcancelled$/m);
  const french = await team.run('bob', ['event', 'view', data.events.bobOpen], { env: { EPIC_LANG: 'fr' } });
  assert.match(french.stdout, /annulé/);
  assert.match(french.stdout, /the client called it off/);
});

cancel('the history of a cancelled event says it was cancelled, by whom and why', async () => {
  const history = await team.json<{ type: string; actor: { id: string }; changes: Record<string, { from: unknown; to: unknown }> }[]>(
    'ada',
    ['history', 'event', data.events.bobOpen],
  );
  const last = history.at(-1);
  assert.is(last?.type, 'OccasionCancelled');
  assert.is(last?.actor.id, team.ids.bob);
  assert.equal(last?.changes.status, { from: 'scheduled', to: 'cancelled' });
  assert.equal(last?.changes.cancelReason, { from: null, to: 'the client called it off' });
});

cancel('a contract whose events are all cancelled can be deleted, and then its client', async () => {
  const client = await team.ok('ada', [
    'client',
    'create',
    '--name',
    'Short Lived',
    '--email',
    'short@lived.io',
    '--commercial',
    team.ids.bob,
  ]);
  const contract = await team.ok('ada', ['contract', 'create', '--client', client, '--total', '500', '--signed']);
  const event = await newEvent(contract, 'Short party');
  const refused = await team.run('ada', ['contract', 'delete', contract, '--yes']);
  assert.is(refused.code, 2, refused.stderr);
  await team.ok('ada', ['event', 'cancel', event, '--yes']);
  await team.ok('ada', ['contract', 'delete', contract, '--yes']);
  await team.ok('ada', ['client', 'delete', client, '--yes']);
  const gone = await team.run('ada', ['event', 'view', event, '--json']);
  assert.is(gone.code, 5, 'the cancelled event went with its contract');
  const history = await team.json<{ type: string }[]>('ada', ['history', 'event', event]);
  assert.equal(
    history.map((h) => h.type),
    ['OccasionScheduled', 'OccasionCancelled', 'ContractDeleted'],
  );
});

cancel('a support may not cancel, even an event assigned to them; a commercial may not cancel another’s', async () => {
  for (const [who, id] of [
    ['sam', data.events.bobSam],
    ['bob', data.events.carlaSue],
  ] as const) {
    const result = await team.run(who, ['event', 'cancel', id, '--yes']);
    assert.ok(result.code === 4 || result.code === 5, `${who}: ${result.code} ${result.stderr}`);
    assert.is((await team.json<EventJson>('ada', ['event', 'view', id])).status, 'scheduled');
  }
});

cancel.run();
