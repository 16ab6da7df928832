/**
 * Existence leaks and terminal spoofing (issue 17, item 9). A record outside
 * the actor's scope answers exactly as one that does not exist — by id, by
 * prefix, in a view, a history, a change — and the attempt is recorded as
 * denied. Stored values holding U+202E (a bidi override), U+009B (an 8-bit
 * CSI) and their kin reach no readable output raw: tables, views, history,
 * the log and the messages that quote them are cleaned as error lines are.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TERMINAL_UNSAFE } from '../../src/terminal-text.js';
import { type CliResult, Installation } from '../support/cli.js';

const scope = suite('out of scope is not found');
let app: Installation;
let carlaClient: string;
let carlaContract: string;
let bobClient: string;

scope.before(async () => {
  app = new Installation();
  await app.seedTeam();
  await app.as('carla@epic.test');
  carlaClient = await app.ok(['client', 'create', '--name', 'Carla Client', '--email', 'cc@client.io']);
  carlaContract = await app.ok(['contract', 'create', '--client', carlaClient, '--total', '100']);
  await app.as('bob@epic.test');
  bobClient = await app.ok(['client', 'create', '--name', 'Bob Client', '--email', 'bc@client.io']);
});
scope.after(() => app.cleanup());

/** Runs `args(input)` on a record outside the scope and `args(nothing(input))`: the same answer, but for the id it quotes. */
async function assertSameAnswer(input: string, args: (id: string) => string[], what: string): Promise<void> {
  const absent = nothing(input.toLowerCase());
  const outside = await app.epic(args(input));
  const missing = await app.epic(args(absent));
  assert.is(outside.code, 5, `${what}: ${outside.stderr}`);
  assert.is(outside.stdout, '');
  assert.is(outside.stderr, missing.stderr.replace(absent, input.toLowerCase()), `${what}: worded as a record that does not exist`);
  assert.is(outside.code, missing.code);
  assert.not.ok(input.length < carlaClient.length && outside.stderr.includes(carlaClient), `${what}: a prefix is never completed`);
}

/** An id of the same length as `id` that names nothing: its first character changed. */
const nothing = (id: string) => `${id[0] === 'z' ? 'y' : 'z'}${id.slice(1)}`;

scope('view, history and change by id or prefix: as if it did not exist', async () => {
  for (const input of [carlaClient, carlaClient.slice(0, 4), carlaClient.slice(0, 6).toUpperCase()]) {
    await assertSameAnswer(input, (id) => ['client', 'view', id], `client view ${input}`);
    await assertSameAnswer(input, (id) => ['history', 'client', id], `history client ${input}`);
    await assertSameAnswer(input, (id) => ['client', 'edit', id, '--company', 'X'], `client edit ${input}`);
  }
  for (const input of [carlaContract, carlaContract.slice(0, 5)]) {
    await assertSameAnswer(input, (id) => ['contract', 'view', id], `contract view ${input}`);
    await assertSameAnswer(input, (id) => ['contract', 'pay', id, '--amount', '1'], `contract pay ${input}`);
    await assertSameAnswer(input, (id) => ['history', 'contract', id], `history contract ${input}`);
  }
  await assertSameAnswer(
    carlaClient.slice(0, 5),
    (id) => ['contract', 'create', '--client', id, '--total', '10'],
    'contract create --client',
  );
  // The role's own record still answers, and a role refused outright is still told so (4).
  assert.is((await app.epic(['client', 'view', bobClient])).code, 0);
  await app.as('sam@epic.test');
  assert.is((await app.epic(['client', 'edit', carlaClient, '--company', 'X'])).code, 4, 'a support may edit no client at all');
});

scope('the probing is in the command log as denied', async () => {
  await app.as('bob@epic.test');
  assert.is((await app.epic(['contract', 'pay', carlaContract.slice(0, 5), '--amount', '1'])).code, 5);
  await app.as('ada@epic.test');
  const denied = await app.json<{ command: string; outcome: string; actor: { id: string } }[]>(['log', '--denied']);
  assert.ok(
    denied.some((entry) => entry.command === 'contract pay' && entry.outcome === 'denied'),
    `a denied contract pay in ${JSON.stringify(denied.map((e) => e.command))}`,
  );
});

scope.run();

const spoofing = suite('no terminal control from stored data');
const HOSTILE = '\u202eevil\u009b31m\u2066x';
let spoof: Installation;
let clientId: string;
let bobId: string;

spoofing.before(async () => {
  spoof = new Installation();
  const team = await spoof.seedTeam();
  bobId = team.commercial;
  // A name refuses C0 and C1 controls, but takes the bidi override and isolates.
  await spoof.ok(['user', 'edit', bobId, '--name', 'Bob\u202eevil\u2066x']);
  await spoof.as('bob@epic.test');
  clientId = await spoof.ok(['client', 'create', '--name', 'Spoof', '--email', 'spoof@client.io', '--company', `Co${HOSTILE}`]);
  await spoof.ok(['client', 'edit', clientId, '--company', `Again${HOSTILE}`]);
});
spoofing.after(() => spoof.cleanup());

function assertClean(result: CliResult, what: string): void {
  assert.is(result.code, 0, `${what}: ${result.stderr}`);
  for (const [name, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    // Line ends and the tabs of piped tables are the output's own; nothing else of the set may appear.
    const found = text.replace(/[\n\t]/g, '').match(TERMINAL_UNSAFE);
    assert.is(found, null, `${what}: ${name} holds ${JSON.stringify(found)}: ${JSON.stringify(text.slice(0, 300))}`);
  }
}

spoofing('tables, views, history, the log and messages, piped and on a terminal', async () => {
  for (const terminalColumns of [undefined, 80]) {
    // Without colour: the escape sequences of bold and dim are the output's own, not stored data.
    const options = terminalColumns === undefined ? {} : { terminalColumns, env: { NO_COLOR: '1' } };
    for (const args of [
      ['client', 'list'],
      ['client', 'view', clientId],
      ['history', 'client', clientId],
      ['history', 'user', bobId],
      ['log'],
      ['whoami'],
    ]) {
      const as = args[1] === 'user' ? 'ada@epic.test' : 'bob@epic.test';
      await spoof.as(as);
      assertClean(await spoof.epic(args, options), `${args.join(' ')} (${terminalColumns ?? 'pipe'})`);
    }
  }
  await spoof.as('ada@epic.test');
  assertClean(await spoof.epic(['user', 'list'], { terminalColumns: 80, env: { NO_COLOR: '1' } }), 'user list');
  const login = await spoof.epic(['login', '--email', 'bob@epic.test', '--password-stdin'], { stdin: 'seller passphrase one\n' });
  assertClean(login, 'login');
  assert.match(login.stdout, /Bob\?evil\?x/, 'the name is shown, its controls replaced');
  // --json is data, not a terminal's text: the stored value exactly.
  const json = await spoof.json<{ company: string }>(['client', 'view', clientId]);
  assert.is(json.company, `Again${HOSTILE}`);
});

spoofing.run();
