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
  test('--limit N and --sort [-]field on every list, ties by id; bad values refused (2) naming what is allowed', async ({ url }) => {
    const { team, contracts } = await made(url);
    try {
      type U = { id: string; name: string; email: string; role: string };
      const users = await team.json<U[]>('ada', ['user', 'list']);
      const byEmail = [...users].sort((a, b) => a.email.localeCompare(b.email)).map((u) => u.email);
      assert.equal(
        (await team.json<U[]>('ada', ['user', 'list', '--sort', 'email'])).map((u) => u.email),
        byEmail,
      );
      assert.equal(
        (await team.json<U[]>('ada', ['user', 'list', '--sort', '-email'])).map((u) => u.email),
        [...byEmail].reverse(),
      );
      assert.equal(
        (await team.json<U[]>('ada', ['user', 'list', '--sort', '-email', '--limit', '2'])).map((u) => u.email),
        [...byEmail].reverse().slice(0, 2),
      );
      // Ties on role broken by id, in the sort's direction.
      const byRole = (await team.json<U[]>('ada', ['user', 'list', '--sort', 'role'])).map((u) => [u.role, u.id].join(' '));
      assert.equal(byRole, [...byRole].sort());

      type C = { name: string };
      assert.equal(names(await team.json<C[]>('ada', ['client', 'list', '--sort', '-name'])), ['Carla Client', 'Bob Client']);
      assert.equal(names(await team.json<C[]>('ada', ['client', 'list', '--sort', 'createdAt', '--limit', '1'])), ['Bob Client']);
      assert.equal(names(await team.json<C[]>('ada', ['client', 'list', '--sort', '-createdAt', '--limit', '1'])), ['Carla Client']);
      const table = await team.ok('ada', ['client', 'list', '--sort', '-name', '--limit', '1']);
      assert.ok(table.includes('Carla Client') && !table.includes('Bob Client'), table);

      type K = { id: string };
      assert.equal(ids(await team.json<K[]>('ada', ['contract', 'list', '--sort', '-totalAmount'])), [contracts.carla, contracts.bob]);
      assert.equal(ids(await team.json<K[]>('ada', ['contract', 'list', '--sort', 'totalAmount', '--limit', '1'])), [contracts.bob]);
      // The scope still applies under a sort and a limit.
      assert.equal(ids(await team.json<K[]>('bob', ['contract', 'list', '--sort', '-totalAmount', '--limit', '1'])), [contracts.bob]);

      type E = { name: string };
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--sort', '-start'])), ['autumn', 'summer', 'spring']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--sort', 'name', '--limit', '2'])), ['autumn', 'spring']);
      assert.equal(names(await team.json<E[]>('ada', ['event', 'list', '--limit', '1', '--from', '2030-05-01'])), ['summer']);

      type L = { id: string; at: string; command: string };
      const log = await team.json<L[]>('ada', ['log', '--sort', 'at']);
      const ats = log.map((e) => e.at);
      assert.equal(ats, [...ats].sort());
      assert.equal(
        (await team.json<L[]>('ada', ['log', '--sort', 'at', '--limit', '3'])).map((e) => e.id),
        log.slice(0, 3).map((e) => e.id),
      );
      const commands = (await team.json<L[]>('ada', ['log', '--sort', '-command'])).map((e) => e.command);
      assert.equal(commands, [...commands].sort().reverse());

      for (const list of [['user', 'list'], ['client', 'list'], ['contract', 'list'], ['event', 'list'], ['log']]) {
        for (const limit of ['0', '-1', 'ten', '1.5']) {
          const bad = await team.run('ada', [...list, '--limit', limit]);
          assert.is(bad.code, 2, `${list.join(' ')} --limit ${limit}: ${bad.stderr}`);
          assert.match(bad.stderr, /--limit must be a whole number of 1 or more/);
        }
        const bad = await team.run('ada', [...list, '--sort', 'colour']);
        assert.is(bad.code, 2, `${list.join(' ')} --sort colour: ${bad.stderr}`);
        assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr);
        assert.match(bad.stderr, /cannot sort by "colour": give one of /);
      }
      const userSort = await team.run('ada', ['user', 'list', '--sort', '-id']);
      assert.match(userSort.stderr, /name, email, role, createdAt or updatedAt/);
      const french = await team.run('ada', ['event', 'list', '--sort', 'when'], { env: { EPIC_LANG: 'fr' } });
      assert.is(french.code, 2);
      assert.match(
        french.stderr,
        /--sort ne sait pas trier par «\s?when\s?»\s: choisissez start, end, name, attendees, createdAt ou updatedAt/,
      );
      assert.not.ok(french.stderr.includes(' :'), 'a no-break space before the colon');
    } finally {
      team.cleanup();
    }
  });
});
