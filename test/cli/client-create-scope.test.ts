/**
 * `client create` asks the policy who names the commercial: with scope `all`
 * the actor must name one (--commercial), with scope `own` the actor becomes
 * it. The CLI does not decide by role name, so a change to the permission
 * table is all it takes to change who may do what.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { POLICY } from '../../src/auth/policy.js';
import type { ClientRecord } from '../../src/records.js';
import { Team } from '../support/team.js';

let team: Team;
const test = suite('client create: who names the commercial comes from the policy');
test.before(async () => {
  team = await Team.start();
});
test.after(() => team?.cleanup());

const create = (email: string, extra: readonly string[] = []) => ['client', 'create', '--name', 'Kevin Casey', '--email', email, ...extra];

test('as the table stands: a commercial becomes the commercial; gestion must name one', async () => {
  const client = await team.json<ClientRecord>('bob', create('own@client.test'));
  assert.is(client.commercialId, team.ids.bob);
  const gestion = await team.run('ada', create('missing@client.test'));
  assert.is(gestion.code, 2);
  assert.is(gestion.stderr, 'error: missing required option --commercial\n');
  const named = await team.json<ClientRecord>('ada', create('named@client.test', ['--commercial', team.ids.carla]));
  assert.is(named.commercialId, team.ids.carla);
});

test('a commercial given scope all must name a commercial too, as gestion does', async () => {
  const row = POLICY['client.create'];
  (POLICY as Record<string, unknown>)['client.create'] = { ...row, commercial: 'all' };
  try {
    const missing = await team.run('bob', create('scope-all@client.test'));
    assert.is(missing.code, 2, missing.stderr);
    assert.is(missing.stderr, 'error: missing required option --commercial\n');
    const id = await team.ok('bob', create('scope-all@client.test', ['--commercial', team.ids.carla]));
    assert.is((await team.json<ClientRecord>('ada', ['client', 'view', id])).commercialId, team.ids.carla);
  } finally {
    (POLICY as Record<string, unknown>)['client.create'] = row;
  }
});

test.run();
