/**
 * The list filters and options of issue 19 item 5 through the CLI, on every
 * configured read database: `contract list --commercial`, `event list
 * --client --support --from --to`, with the role scopes still applied.
 */
import * as assert from 'uvu/assert';
import { describeReadDb } from '../support/read-db-matrix.js';
import { Team } from '../support/team.js';

interface Made {
  readonly team: Team;
  /** bob's client and carla's client. */
  readonly bobClient: string;
  readonly carlaClient: string;
  readonly contracts: { readonly bob: string; readonly carla: string };
  /** Events by name: spring (bob's client, sam), summer (bob's client, sue), autumn (carla's client, sam). */
  readonly events: Record<'spring' | 'summer' | 'autumn', string>;
}

async function made(readDbUrl: string): Promise<Made> {
  const team = await Team.start({ EPIC_READ_DB: readDbUrl });
  const id = async (who: 'ada' | 'bob' | 'carla', args: string[]) => (await team.json<{ id: string }>(who, args)).id;
  const bobClient = await id('bob', ['client', 'create', '--name', 'Bob Client', '--email', 'b@lists.io']);
  const carlaClient = await id('carla', ['client', 'create', '--name', 'Carla Client', '--email', 'c@lists.io']);
  const bob = await id('ada', ['contract', 'create', '--client', bobClient, '--total', '1000', '--signed']);
  const carla = await id('ada', ['contract', 'create', '--client', carlaClient, '--total', '2000', '--signed']);
  const event = async (who: 'bob' | 'carla', contract: string, name: string, start: string, end: string) =>
    id(who, [
      'event',
      'create',
      '--contract',
      contract,
      '--name',
      name,
      '--start',
      start,
      '--end',
      end,
      '--location',
      'Lyon',
      '--attendees',
      '10',
    ]);
  const spring = await event('bob', bob, 'spring', '2030-04-01T10:00:00Z', '2030-04-01T18:00:00Z');
  const summer = await event('bob', bob, 'summer', '2030-07-01T10:00:00Z', '2030-07-01T18:00:00Z');
  const autumn = await event('carla', carla, 'autumn', '2030-10-01T10:00:00Z', '2030-10-01T18:00:00Z');
  await team.ok('ada', ['event', 'assign', spring, '--support', team.ids.sam]);
  await team.ok('ada', ['event', 'assign', summer, '--support', team.ids.sue]);
  await team.ok('ada', ['event', 'assign', autumn, '--support', team.ids.sam]);
  return { team, bobClient, carlaClient, contracts: { bob, carla }, events: { spring, summer, autumn } };
}

const names = (records: { name: string }[]) => records.map((r) => r.name);
const ids = (records: { id: string }[]) => records.map((r) => r.id);

describeReadDb('list options', (test) => {
  test('contract list --commercial; event list --client --support --from --to, within the role scopes', async ({ url }) => {
    const { team, bobClient, carlaClient, contracts } = await made(url);
    try {
      // --commercial: by id or by email, and the scope still applies (bob sees none of carla's).
      assert.equal(ids(await team.json('ada', ['contract', 'list', '--commercial', team.ids.bob])), [contracts.bob]);
      assert.equal(ids(await team.json('ada', ['contract', 'list', '--commercial', 'carla@epic.test'])), [contracts.carla]);
      assert.equal(await team.json('bob', ['contract', 'list', '--commercial', team.ids.carla]), []);
      assert.equal(ids(await team.json('bob', ['contract', 'list', '--commercial', team.ids.bob])), [contracts.bob]);

      type E = { id: string; name: string };
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--client', bobClient])), ['spring', 'summer']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--client', carlaClient])), ['autumn']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--support', team.ids.sam])), ['spring', 'autumn']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--support', 'sue@epic.test'])), ['summer']);
      // --from / --to: by start, both ends included.
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--from', '2030-07-01T10:00:00Z'])), ['summer', 'autumn']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--to', '2030-07-01T10:00:00Z'])), ['spring', 'summer']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--from', '2030-05-01', '--to', '2030-08-01'])), ['summer']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--support', team.ids.sam, '--from', '2030-05-01'])), ['autumn']);
      // Scopes: sue (support) sees only her own, whatever she asks; bob sees none of carla's client's.
      assert.equal(names(await team.json<E[]>('sue', ['event', 'list', '--support', team.ids.sam])), []);
      assert.equal(names(await team.json<E[]>('sue', ['event', 'list', '--from', '2030-01-01'])), ['summer']);
      assert.equal(names(await team.json<E[]>('bob', ['event', 'list', '--client', carlaClient])), []);
      // A date that is not one: exit 2, one line.
      const bad = await team.run('ada', ['event', 'list', '--from', 'next tuesday']);
      assert.is(bad.code, 2, bad.stderr);
      assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    } finally {
      team.cleanup();
    }
  });
});
