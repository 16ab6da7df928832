/**
 * The terminal experience, in a real pseudo-terminal (tmux, test/support/terminal.ts):
 * the menu as each role, prompts that check each answer as it is typed, a new
 * password typed twice, Ctrl-C and Ctrl-D at a prompt, confirmations of
 * deletes. Every wait is for text on the screen, with a generous limit.
 */
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Role } from '../../src/domain/values/roles.js';
import { type Dataset, EMAILS, type Member, PASSWORDS, seedDataset, Team } from '../support/team.js';
import { Terminal } from '../support/terminal.js';

interface ClientJson {
  id: string;
  name: string;
  commercialName: string | null;
}
interface ContractJson {
  id: string;
  remainingAmount: string;
}
interface LogJson {
  id: string;
  outcome: string;
  command: string;
}

let team: Team;
let data: Dataset;
let term: Terminal;

const tty = suite('in a terminal');
tty.before(async () => {
  team = await Team.start();
  data = await seedDataset(team);
});
tty.before.each(() => {
  term = Terminal.open({ env: { EPIC_HOME: team.app.home, HOME: team.app.home, EPIC_LANG: 'en', NO_COLOR: '1' } });
});
tty.after.each(() => term.close());
tty.after(() => team.cleanup());

/**
 * The menu asks again after `text`: counting the menus on the screen is not
 * enough once the earlier ones have scrolled off (the gestion menu grew past a
 * screen with the privacy and account entries).
 */
const menuAfter = (text: string) => (screen: string) =>
  screen.includes(text) && screen.lastIndexOf('What do you want to do?') > screen.lastIndexOf(text);

/** In the menu: types to find the action and picks it. */
async function choose(action: string): Promise<void> {
  term.type(action);
  await term.waitFor(new RegExp(`❯ ${action}`));
  term.press('Enter');
}

/** Signs in through the menu (the session file removed first: the menu starts signed out). */
async function signInThroughMenu(who: Member): Promise<void> {
  rmSync(team.sessionPath, { force: true });
  term.run('epic');
  await term.waitFor('not signed in');
  await choose('Sign in');
  await term.waitFor('? email');
  term.type(EMAILS[who]);
  term.press('Enter');
  await term.waitFor('? password');
  term.type(PASSWORDS[who]);
  term.press('Enter');
  await term.waitFor(/Epic Events CRM: .+ \((gestion|commercial|support)\)\n\? What do you want to do\?/);
}

/** Signs out and quits; the member's test session is renewed (a sign-in ends their earlier sessions). */
async function signOutAndQuit(who: Member): Promise<void> {
  await choose('Sign out');
  await term.waitFor(/logged out [^\n]+\n\nEpic Events CRM: not signed in/);
  await choose('Quit');
  assert.is(await term.exitCode(), 0);
  await team.login(who);
}

/** What the role's menu offers must be what the permission table allows, and nothing else. */
function assertMenuFor(role: Role, screen: string): void {
  const offers = (label: string) => new RegExp(`^[ ❯] ${label}$`, 'm').test(screen);
  const expected: Record<string, Readonly<Record<Role, boolean>>> = {
    'Create a client': { gestion: true, commercial: true, support: false },
    'Record a payment': { gestion: true, commercial: true, support: false },
    'Change an event': { gestion: true, commercial: false, support: true },
    'Assign a support to an event': { gestion: true, commercial: false, support: false },
    'Create a collaborator': { gestion: true, commercial: false, support: false },
    'List the events': { gestion: true, commercial: true, support: true },
  };
  for (const [label, roles] of Object.entries(expected))
    assert.is(offers(label), roles[role], `${role}'s menu ${roles[role] ? 'offers' : 'does not offer'} ${label}`);
}

tty('the menu as gestion: sign in, create a client picking its commercial, pay a contract picked from a list, sign out', async () => {
  term = reopenTall(term);
  await signInThroughMenu('ada');
  assertMenuFor('gestion', term.screen());
  await choose('Create a client');
  await term.waitFor('? full name');
  term.type('Jeanne Martin');
  term.press('Enter');
  await term.waitFor('? email');
  term.type('jeanne@jardins.fr');
  term.press('Enter');
  await term.waitFor('? phone');
  term.press('Enter');
  await term.waitFor('? company');
  term.type('Les Jardins');
  term.press('Enter');
  await term.waitFor('Carla Closer <carla@epic.test>');
  term.type('carla');
  await term.waitFor(/❯ Carla Closer/);
  term.press('Enter');
  // The menu back after the creation (counting menus would not do: the signed-out one and the first are two already).
  await term.waitFor(menuAfter('created client Jeanne Martin'));
  const jeanne = (await team.json<ClientJson[]>('ada', ['client', 'list', '--search', 'jeanne']))[0];
  assert.is(jeanne?.commercialName, 'Carla Closer', 'the commercial picked from the list');

  await choose('Record a payment');
  await term.waitFor('Which contract is paid?');
  // Typing narrows the list to Lou Martin's contract not signed yet.
  term.type('lou martin — €1,000.00 (€1,000.00 due, not');
  await term.waitFor(/❯ Lou Martin — €1,000\.00 \(€1,000\.00 due, not signed\)\n(?! {2}Lou)/);
  term.press('Enter');
  await term.waitFor('? amount paid (€1,000.00 remaining)');
  term.type('250');
  term.press('Enter');
  await term.waitFor('paid €250.00; remaining €750.00');
  const paid = await team.json<ContractJson>('ada', ['contract', 'view', data.contracts.carlaUnsigned]);
  assert.is(paid.remainingAmount, '750.00');
  await term.waitFor(menuAfter('paid €250.00; remaining €750.00'));
  await signOutAndQuit('ada');
});

tty('the menu as commercial: only their own; create a client (they become its commercial), pay their contract, sign out', async () => {
  term = reopenTall(term);
  await signInThroughMenu('bob');
  assertMenuFor('commercial', term.screen());
  await choose('Create a client');
  await term.waitFor('? full name');
  term.type('Paul Durand');
  term.press('Enter');
  await term.waitFor('? email');
  term.type('paul@durand.fr');
  term.press('Enter');
  await term.waitFor('? phone');
  term.press('Enter');
  await term.waitFor('? company');
  term.press('Enter');
  await term.waitFor(menuAfter('created client Paul Durand'));
  assert.not.match(term.screen(), /\? commercial/, 'a commercial is not asked for one');
  const paul = (await team.json<ClientJson[]>('bob', ['client', 'list', '--search', 'paul@durand.fr']))[0];
  assert.is(paul?.commercialName, 'Bob Seller');

  await choose('Record a payment');
  await term.waitFor('Which contract is paid?');
  const list = await term.waitFor('Kevin Casey');
  assert.not.match(list, /Lou Martin/, "Carla's client's contracts are not offered to Bob");
  term.type('400');
  await term.waitFor(/❯ Kevin Casey — €1,000\.00 \(€400\.00 due/);
  term.press('Enter');
  await term.waitFor('? amount paid');
  term.type('100');
  term.press('Enter');
  await term.waitFor('paid €100.00; remaining €300.00');
  await term.waitFor(menuAfter('paid €100.00; remaining €300.00'));
  await signOutAndQuit('bob');
});

tty('the menu as support: the events assigned to them; a refusal is shown and the menu goes on', async () => {
  term = reopenTall(term);
  await signInThroughMenu('sam');
  assertMenuFor('support', term.screen());
  await choose('List the events');
  const afterList = await term.waitFor(menuAfter('Casey seminar'));
  assert.not.match(afterList, /Martin wedding/, 'only what is assigned to Sam');
  await choose('Change an event');
  await term.waitFor('Which event?');
  term.type('seminar');
  await term.waitFor(/❯ .*Casey seminar/);
  term.press('Enter');
  await term.waitFor('? event name (Casey seminar)');
  term.press('Enter');
  await term.waitFor('? start');
  term.type('not a date');
  term.press('Enter');
  await term.waitFor('must be an ISO 8601 date-time');
  term.press('C-c');
  await term.waitFor(/cancelled\n\nEpic Events CRM: Sam Support/);
  await signOutAndQuit('sam');
});

tty('a prompt asks again after a wrong email, with the reason; three wrong answers give up (exit 2)', async () => {
  team.actAs('bob');
  term.run('epic client create --name "Marie Curie"');
  await term.waitFor('? email');
  term.type('marie@');
  term.press('Enter');
  await term.waitFor('> not a valid email address');
  term.press(...Array<string>(10).fill('BSpace'));
  term.type('marie@radium.fr');
  term.press('Enter');
  assert.is(await term.exitCode(), 0);
  assert.match(term.screen(), /^[2-9a-z]{10}$/m, 'the new id');

  term.run('epic client create --name "Nobody"');
  for (const wrong of ['a', 'b@', 'c@d']) {
    await term.waitFor('? email');
    term.press(...Array<string>(10).fill('BSpace'));
    term.type(wrong);
    term.press('Enter');
  }
  assert.is(await term.exitCode(), 2);
  assert.match(term.screen(), /error: not a valid email address/);
});

tty('a new password is typed twice; when the two differ both are asked again', async () => {
  team.actAs('ada');
  term.run('epic user create --name "Nina New" --email nina@epic.test --role support');
  await term.waitFor('? new password');
  term.type('first long password');
  term.press('Enter');
  await term.waitFor('? the same password again');
  term.type('second long password');
  term.press('Enter');
  await term.waitFor('the two passwords differ');
  await term.waitFor(/the two passwords differ\n\? new password/);
  term.type('ninety long passphrase');
  term.press('Enter');
  await term.waitFor(/differ\n.*\n\? the same password again/);
  term.type('ninety long passphrase');
  term.press('Enter');
  assert.is(await term.exitCode(), 0);
  assert.not.match(term.screen(), /long pass/, 'never echoed');
  await team.app.login('nina@epic.test', 'ninety long passphrase');
});

tty('a wrong password at login is asked again; each try is recorded, and the good one opens a session', async () => {
  const before = await team.json<LogJson[]>('ada', ['log', '--limit', '1000']);
  rmSync(team.sessionPath, { force: true });
  term.run('epic login --email sue@epic.test');
  await term.waitFor('? password');
  term.type('not her password');
  term.press('Enter');
  await term.waitFor('error: invalid email or password');
  await term.waitFor(/password\n\? password/);
  term.type(PASSWORDS.sue);
  term.press('Enter');
  assert.is(await term.exitCode(), 0);
  assert.match(term.screen(), /logged in as Sue Support \(support\)/);
  // The session that login wrote is open: the try after a refusal was recorded as its own (it once reused the
  // refused try's event ids, so the store kept the refusal and no session was started).
  const whoami = await team.app.epic(['whoami', '--json']);
  assert.is(whoami.code, 0, whoami.stderr);
  assert.is((JSON.parse(whoami.stdout) as { email: string }).email, EMAILS.sue);
  const after = await team.json<LogJson[]>('ada', ['log', '--limit', '1000']);
  const tries = after.filter((entry) => !before.some((earlier) => earlier.id === entry.id) && entry.command === 'login');
  assert.equal(tries.map((entry) => entry.outcome).sort(), ['accepted', 'denied'], 'the refused try and the good one, each in the log');
  await team.login('sue');
});

tty('Ctrl-C or Ctrl-D at a prompt: cancelled, exit 130, nothing recorded', async () => {
  for (const key of ['C-c', 'C-d']) {
    const before = await team.json<LogJson[]>('ada', ['log', '--limit', '1000']);
    team.actAs('bob');
    term.run('epic client create');
    await term.waitFor('? full name');
    term.type('Half Typed');
    term.press('Enter');
    await term.waitFor('? email');
    term.press(key);
    assert.is(await term.exitCode(), 130, key);
    assert.match(term.screen(), /\ncancelled\n/, `${key}: the one word`);
    assert.not.match(term.screen(), /error/, key);
    const after = await team.json<LogJson[]>('ada', ['log', '--limit', '1000']);
    assert.equal(after, before, `${key}: nothing recorded`);
    assert.equal(await team.json<ClientJson[]>('ada', ['client', 'list', '--search', 'Half Typed']), []);
  }
});

tty('a delete asks first, saying what it deletes: refused (exit 130, kept), then accepted', async () => {
  const doomed = await team.ok('ada', ['contract', 'create', '--client', data.clients.carla, '--total', '5000', '--signed']);
  team.actAs('ada');
  term.run(`epic contract delete ${doomed.slice(0, 5).toUpperCase()}`);
  await term.waitFor(`deletes contract ${doomed} (Lou Martin, €5,000.00, signed). Continue? (y/N)`);
  term.type('n');
  term.press('Enter');
  assert.is(await term.exitCode(), 130);
  assert.match(term.screen(), /\ncancelled\n/);
  assert.is((await team.json<ContractJson>('ada', ['contract', 'view', doomed])).id, doomed, 'kept');
  const log = await team.json<LogJson[]>('ada', ['log', '--limit', '5']);
  assert.ok(!log.some((entry) => entry.command === 'contract delete'), 'a refused confirmation is not recorded');

  term.run(`epic contract delete ${doomed}`);
  await term.waitFor('Continue? (y/N)');
  term.type('y');
  term.press('Enter');
  assert.is(await term.exitCode(), 0);
  assert.match(term.screen(), new RegExp(`deleted contract ${doomed} \\(Lou Martin\\)`));
  assert.is((await team.run('ada', ['contract', 'view', doomed])).code, 5, 'gone');
});

tty('at 80 columns a listing fits: no line wraps', async () => {
  await team.ok('ada', [
    'client',
    'create',
    '--name',
    'Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen',
    '--email',
    'maximilian.alexander.konstantin@hohenzollern-sigmaringen.example.com',
    '--company',
    'Hohenzollern Sigmaringen Veranstaltungen und Hochzeiten GmbH & Co. KG',
    '--commercial',
    'bob@epic.test',
  ]);
  team.actAs('ada');
  for (const list of ['client list', 'contract list', 'event list', 'user list', 'log --limit 15']) {
    term.run(`epic ${list}`);
    assert.is(await term.exitCode(), 0, list);
    const lines = term.lines();
    const shown = lines.slice(
      1,
      lines.findIndex((line) => /\[exit \d+ #/.test(line)),
    );
    assert.ok(shown.length >= 2, `${list}: a heading and rows`);
    // A line wider than the terminal would wrap: the next screen line would hold its tail. Rows start with an id or a date (`Tue, 1 Dec 2026, 13:49`).
    for (const line of shown.slice(1))
      assert.match(
        line,
        /^([2-9a-z]{10}|[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d) /,
        `${list}: a wrapped line: ${JSON.stringify(line)}`,
      );
  }
});

tty('in French, the menu finds an action by words typed without accents, in any order, and by its synonyms', async () => {
  term.close();
  term = Terminal.open({ rows: 40, env: { EPIC_HOME: team.app.home, HOME: team.app.home, EPIC_LANG: 'fr', NO_COLOR: '1' } });
  team.actAs('ada');
  term.run('epic');
  await term.waitFor('Que voulez-vous faire');
  // "Créer un collaborateur": no "utilisateur" in its name, no accent typed.
  term.type('util creer');
  await term.waitFor(/❯ Créer un collaborateur\n(?! {2}\S)/);
  term.press(...Array<string>(10).fill('BSpace'));
  term.type('evenement annul');
  await term.waitFor(/❯ Annuler un événement/);
  term.press('C-c');
  assert.is(await term.exitCode(), 130);
});

tty('an end before the start is asked again at once, not refused after every answer', async () => {
  team.actAs('bob');
  term.run(`epic event create --contract ${data.contracts.bobSigned} --name 'Late party' --start '2027-06-12 14:00'`);
  await term.waitFor('? end');
  term.type('2027-06-12 10:00');
  term.press('Enter');
  await term.waitFor('the event must start before it ends');
  term.press(...Array<string>(16).fill('BSpace'));
  term.type('2027-06-12 23:00');
  term.press('Enter');
  await term.waitFor('? location');
  term.type('Lyon');
  term.press('Enter');
  await term.waitFor('? attendees');
  term.type('80');
  term.press('Enter');
  assert.is(await term.exitCode(), 0, term.screen());
  assert.match(term.screen(), /created event Late party/);
});

/** A taller terminal for the menu (its list and what the actions print). */
function reopenTall(old: Terminal): Terminal {
  old.close();
  return Terminal.open({ rows: 60, env: { EPIC_HOME: team.app.home, HOME: team.app.home, EPIC_LANG: 'en', NO_COLOR: '1' } });
}

tty.run();
