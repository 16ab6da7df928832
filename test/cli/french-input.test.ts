/**
 * Input as a French user types it (issue 16; docs/cli.md, "Conventions"):
 * amounts with a decimal comma and spaces between thousands in every
 * language, an ambiguous `1,500` refused with a clear line and nothing
 * changed, `JJ/MM/AAAA HH:MM` in French read in the local time zone.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Team } from '../support/team.js';

const PARIS = { EPIC_LANG: 'fr', TZ: 'Europe/Paris' };
const NEW_YORK = { EPIC_LANG: 'en', TZ: 'America/New_York' };

let team: Team;
let client: string;

interface Contract {
  readonly id: string;
  readonly totalAmount: string;
  readonly remainingAmount: string;
}

const typed = suite('input as a French user types it');
typed.before(async () => {
  team = await Team.start();
  client = await team.ok('bob', ['client', 'create', '--name', 'Jeanne Dupont', '--email', 'jeanne@dupont.fr']);
});
typed.after(() => team.cleanup());

typed('amounts: 1 500,50, 1500,5 and 1500.50 are the same amount, in either language', async () => {
  for (const [total, env] of [
    ['1 500,50', PARIS],
    ['1500,5', PARIS],
    ['1500.50', PARIS],
    ['1 500,50', NEW_YORK],
  ] as const) {
    const id = await team.ok('bob', ['contract', 'create', '--client', client, '--total', total], { env });
    const contract = JSON.parse(await team.ok('bob', ['contract', 'view', id, '--json'])) as Contract;
    assert.is(contract.totalAmount, '1500.50', total);
  }
  const id = await team.ok('bob', ['contract', 'create', '--client', client, '--total', '12 000', '--signed'], { env: PARIS });
  await team.ok('bob', ['contract', 'pay', id, '--amount', '2 000,25'], { env: PARIS });
  const paid = JSON.parse(await team.ok('bob', ['contract', 'view', id, '--json'])) as Contract;
  assert.is(paid.remainingAmount, '9999.75');
});

typed('an ambiguous amount (1,500) is refused with one clear line in the reader’s language, and nothing changes', async () => {
  const before = await team.ok('bob', ['contract', 'list', '--json']);
  const french = await team.run('bob', ['contract', 'create', '--client', client, '--total', '1,500'], { env: PARIS });
  assert.is(french.code, 2);
  assert.is(french.stdout, '');
  assert.is(
    french.stderr,
    'error: --total\u00a0: «\u00a01,500\u00a0» est ambigu (trois chiffres après le séparateur)\u00a0: écrivez 1500 ou 1 500 pour un montant entier, 1,50 ou 1.50 pour des décimales\n',
  );
  const english = await team.run('bob', ['contract', 'create', '--client', client, '--total', '1.500'], { env: NEW_YORK });
  assert.is(english.code, 2);
  assert.match(english.stderr, /^error: --total: "1\.500" is ambiguous/);
  assert.is(await team.ok('bob', ['contract', 'list', '--json']), before, 'nothing created');
});

typed('dates: JJ/MM/AAAA HH:MM in French, in the local time zone; ISO 8601 in both; day-first refused in English', async () => {
  const contract = await team.ok('bob', ['contract', 'create', '--client', client, '--total', '100', '--signed']);
  const create = (start: string, end: string, env: Record<string, string>) =>
    team.run(
      'bob',
      [
        'event',
        'create',
        '--contract',
        contract,
        '--name',
        'Gala',
        '--start',
        start,
        '--end',
        end,
        '--location',
        'Lyon',
        '--attendees',
        '5',
      ],
      { env },
    );
  const paris = await create('10/03/2027 11:00', '10/03/2027 18h30', PARIS);
  assert.is(paris.code, 0, paris.stderr);
  const event = JSON.parse(await team.ok('bob', ['event', 'view', paris.stdout.trim(), '--json'])) as { start: string; end: string };
  assert.is(event.start, '2027-03-10T10:00:00.000Z', '11:00 in Paris, winter');
  assert.is(event.end, '2027-03-10T17:30:00.000Z');
  const york = await create('2027-07-10 11:00', '2027-07-10 12:00', NEW_YORK);
  assert.is(york.code, 0, york.stderr);
  const summer = JSON.parse(await team.ok('bob', ['event', 'view', york.stdout.trim(), '--json'])) as { start: string };
  assert.is(summer.start, '2027-07-10T15:00:00.000Z', '11:00 in New York, summer');
  const english = await create('10/03/2027 11:00', '10/03/2027 18:00', NEW_YORK);
  assert.is(english.code, 2);
  assert.match(english.stderr, /^error: --start must be an ISO 8601 date-time/);
  const wrong = await create('31/02/2027 11:00', '31/02/2027 18:00', PARIS);
  assert.is(wrong.code, 2);
  assert.match(wrong.stderr, /^error: --start doit être une date et une heure, comme 04\/06\/2026 13:00/);
});

typed('log --since and history --at take the French form too', async () => {
  const since = await team.run('ada', ['log', '--since', '01/01/2020 00:00', '--limit', '1'], { env: PARIS });
  assert.is(since.code, 0, since.stderr);
  assert.ok(since.stdout.length > 0);
  const at = await team.run('ada', ['history', 'client', client, '--at', '01/01/2020 00:00'], { env: PARIS });
  assert.is(at.code, 5, 'the client did not exist yet');
});

typed.run();
