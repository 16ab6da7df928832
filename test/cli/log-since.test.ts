/** `epic log --since` takes a relative time (`1h`, `2d`: that long ago) as well as a date-time (issue 19 item 5). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Team } from '../support/team.js';

const test = suite('log --since, relative');
let team: Team;
test.before(async () => {
  team = await Team.start();
});
test.after(() => team?.cleanup());

test('1h and 2d reach back that long; a date-time after every entry finds none; a bad one is refused (2)', async () => {
  await team.ok('bob', ['client', 'create', '--name', 'Recent Client', '--email', 'recent@since.io']);
  for (const since of ['1h', '2d', '90m']) {
    const entries = await team.json<{ command: string }[]>('ada', ['log', '--since', since]);
    assert.ok(
      entries.some((e) => e.command === 'client create'),
      `--since ${since}`,
    );
  }
  const future = new Date(Date.now() + 3_600_000).toISOString();
  assert.equal(await team.json<unknown[]>('ada', ['log', '--since', future]), []);
  const bad = await team.run('ada', ['log', '--since', '5 weeks']);
  assert.is(bad.code, 2, bad.stderr);
});

test.run();
