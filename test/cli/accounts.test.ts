/**
 * Accounts people run themselves (issue 19 item 4), through the CLI:
 * `passwd`, the password policy, `user disable` / `enable` (with
 * `--reassign-to`), and the login lock made visible and lifted.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EMAILS, PASSWORDS, Team } from '../support/team.js';

interface UserJson {
  id: string;
  disabled: boolean;
  lockedUntil: string | null;
}

let team: Team;

const accounts = suite('accounts people run themselves');
accounts.before(async () => {
  team = await Team.start();
});
accounts.after(() => team?.cleanup());

const login = (email: string, password: string) =>
  team.app.epic(['login', '--email', email, '--password-stdin'], { stdin: `${password}\n` });

accounts('passwd: the current password first; the new one must pass the policy; then only the new one signs in', async () => {
  const wrong = await team.run('sam', ['passwd', '--password-stdin'], { stdin: 'not my password at all\nbrand new passphrase\n' });
  assert.is(wrong.code, 3, wrong.stderr);
  assert.match(wrong.stderr, /^error: the current password is wrong\n$/);
  for (const [next, reason] of [
    ['too short', /at least 12 characters/],
    ['sam@epic.test', /at least 12|must not be your email/],
    ['i am sam, really', /name part of your email/],
    ['Password1234', /most commonly used/],
    ['aaaaaaaaaaaaaaaa', /most commonly used/],
    ['qwertyuiopasdfgh', /most commonly used/],
  ] as const) {
    const refused = await team.run('sam', ['passwd', '--password-stdin'], { stdin: `${PASSWORDS.sam}\n${next}\n` });
    assert.is(refused.code, 2, `${next}: ${refused.stderr}`);
    assert.match(refused.stderr, reason);
  }
  const oneLine = await team.run('sam', ['passwd', '--password-stdin'], { stdin: `${PASSWORDS.sam}\n` });
  assert.is(oneLine.code, 2);
  assert.match(oneLine.stderr, /first line and the new one on the second/);
  const changed = await team.run('sam', ['passwd', '--password-stdin'], { stdin: `${PASSWORDS.sam}\nfield work passphrase\n` });
  assert.is(changed.code, 0, changed.stderr);
  assert.is(changed.stdout, 'password changed\n');
  assert.is((await login(EMAILS.sam, PASSWORDS.sam)).code, 3, 'the old password no longer signs in');
  assert.is((await login(EMAILS.sam, 'field work passphrase')).code, 0, 'the new one does');
  const history = await team.json<{ type: string; actor: { id: string } }[]>('ada', ['history', 'user', team.ids.sam]);
  assert.equal(history.at(-1)?.type, 'UserPasswordChanged');
  assert.equal(history.at(-1)?.actor.id, team.ids.sam, 'changed by Sam themselves');
});

accounts('user create refuses a password the policy refuses, and creates nothing', async () => {
  const result = await team.run(
    'ada',
    ['user', 'create', '--name', 'Nina New', '--email', 'nina@epic.test', '--role', 'support', '--password-stdin'],
    { stdin: 'nina loves passwords\n' },
  );
  assert.is(result.code, 2);
  assert.match(result.stderr, /name part of your email/);
  assert.is((await team.run('ada', ['user', 'view', 'nina@epic.test', '--json'])).code, 5);
});

accounts('user disable: a commercial with clients only with --reassign-to; then no sign-in, no session, no new client', async () => {
  const client = await team.ok('bob', ['client', 'create', '--name', 'Moving Client', '--email', 'moving@client.io']);
  const refused = await team.run('ada', ['user', 'disable', team.ids.bob]);
  assert.is(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--reassign-to/);
  const done = await team.run('ada', ['user', 'disable', EMAILS.bob, '--reassign-to', EMAILS.carla]);
  assert.is(done.code, 0, done.stderr);
  assert.is((await team.json<{ commercialId: string }>('ada', ['client', 'view', client])).commercialId, team.ids.carla);
  assert.is((await team.json<UserJson>('ada', ['user', 'view', team.ids.bob])).disabled, true);
  const signIn = await login(EMAILS.bob, PASSWORDS.bob);
  assert.is(signIn.code, 3);
  assert.match(signIn.stderr, /^error: this account is disabled/);
  const wrongPassword = await login(EMAILS.bob, 'not the right passphrase');
  assert.match(wrongPassword.stderr, /invalid email or password/, 'without the password, nothing says the account exists');
  const session = await team.run('bob', ['client', 'list', '--json']);
  assert.is(session.code, 3, 'a live session of a disabled user is refused');
  assert.match(session.stderr, /disabled/);
  const noClient = await team.run('ada', ['client', 'create', '--name', 'X', '--email', 'x@nobody.io', '--commercial', team.ids.bob]);
  assert.is(noClient.code, 2);
  assert.match(noClient.stderr, /is disabled/);
  const listed = await team.ok('ada', ['user', 'list']);
  assert.match(listed, new RegExp(`^${team.ids.bob}\\t.*\\tdisabled$`, 'm'));
  assert.match(listed, new RegExp(`^${team.ids.carla}\\t.*\\tactive$`, 'm'), 'the others are active');
  assert.equal(
    (await team.json<UserJson[]>('ada', ['user', 'list', '--disabled'])).map((u) => u.id),
    [team.ids.bob],
  );
  assert.is((await team.run('ada', ['user', 'disable', team.ids.ada])).code, 2, 'nobody disables themselves');
  assert.is((await team.run('ada', ['user', 'disable', team.ids.bob, '--reassign-to', team.ids.carla])).code, 2, 'already disabled');
  await team.ok('ada', ['user', 'enable', team.ids.bob]);
  assert.is((await login(EMAILS.bob, PASSWORDS.bob)).code, 0, 'enabled: signs in again');
  await team.login('bob');
  assert.is((await team.run('ada', ['user', 'enable', team.ids.bob])).code, 2, 'not disabled');
  const types = (await team.json<{ type: string }[]>('ada', ['history', 'user', team.ids.bob])).map((h) => h.type);
  assert.equal(types.slice(-2), ['UserDisabled', 'UserEnabled']);
});

accounts('the login lock: user view says until when, user list marks it, user unlock lifts it', async () => {
  for (let i = 0; i < 5; i++) await login(EMAILS.sue, 'a wrong passphrase');
  const locked = await team.json<UserJson>('ada', ['user', 'view', team.ids.sue]);
  assert.ok(locked.lockedUntil !== null && Date.parse(locked.lockedUntil) > Date.now(), `lockedUntil ${locked.lockedUntil}`);
  assert.is((await login(EMAILS.sue, PASSWORDS.sue)).code, 3, 'locked: even the right password is refused');
  assert.match(await team.ok('ada', ['user', 'list']), new RegExp(`^${team.ids.sue}\\t.*\\tlocked until `, 'm'));
  assert.is((await team.run('bob', ['user', 'unlock', team.ids.sue])).code, 4, 'gestion only');
  assert.is(await team.ok('ada', ['user', 'unlock', EMAILS.sue]), `unlocked Sue Support (${team.ids.sue}): they can sign in again`);
  assert.is((await team.json<UserJson>('ada', ['user', 'view', team.ids.sue])).lockedUntil, null);
  assert.is((await login(EMAILS.sue, PASSWORDS.sue)).code, 0);
  assert.match(await team.ok('ada', ['user', 'unlock', team.ids.sue]), /was not locked/);
});

accounts.run();
