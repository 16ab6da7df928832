/**
 * Values as a person reads them (issue 16; docs/cli.md, "Conventions"):
 * instants in the local time zone in the language's style, amounts with the
 * currency and right-aligned, a contract's state in the same words in lists,
 * views and history, phone numbers grouped; `--json` unchanged.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { groupPhone } from '../../src/i18n/phone.js';
import { Team } from '../support/team.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const PARIS = { EPIC_LANG: 'fr', TZ: 'Europe/Paris', NO_COLOR: '1' };
const NEW_YORK = { EPIC_LANG: 'en', TZ: 'America/New_York', NO_COLOR: '1' };

let team: Team;
let client: string;
let contract: string;
let occasion: string;

const readable = suite('readable values');
readable.before(async () => {
  team = await Team.start();
  client = await team.ok('bob', ['client', 'create', '--name', 'Jeanne Dupont', '--email', 'jeanne@dupont.fr', '--phone', '+33612345678']);
  contract = await team.ok('ada', ['contract', 'create', '--client', client, '--total', '12000', '--remaining', '1500.5', '--signed']);
  await team.ok('ada', ['contract', 'create', '--client', client, '--total', '99.9']);
  // 11:00 in Paris on 10 March 2027 (UTC+1) is 10:00 UTC.
  occasion = await team.ok('bob', [
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    'Salon 2027',
    '--start',
    '2027-03-10T10:00Z',
    '--end',
    '2027-03-10T17:00Z',
    '--location',
    'Lyon',
    '--attendees',
    '80',
  ]);
});
readable.after(() => team.cleanup());

readable('French, Paris: dates in the local zone and style, amounts with €, contract state in words, phone grouped', async () => {
  const view = await team.ok('ada', ['event', 'view', occasion], { env: PARIS });
  assert.match(view, /^début\tmer\. 10 mars 2027, 11:00 \((dans|il y a) .+\)$/m);
  assert.match(view, /^fin\tmer\. 10 mars 2027, 18:00$/m);
  assert.match(view, /^contact du client téléphone\t\+33 6 12 34 56 78$/m);
  const events = await team.ok('ada', ['event', 'list'], { env: PARIS });
  assert.match(events, /\tmer\. 10 mars 2027, 11:00\tmer\. 10 mars 2027, 18:00\tSalon 2027\t/);

  const contractView = await team.ok('ada', ['contract', 'view', contract], { env: PARIS });
  assert.match(contractView, new RegExp(`^total\\t12${NNBSP}000,00${NBSP}€$`, 'm'));
  assert.match(contractView, new RegExp(`^reste dû\\t1${NNBSP}500,50${NBSP}€$`, 'm'));
  assert.match(contractView, /^signé\tsigné$/m);
  assert.not.match(contractView, /\d{4}-\d\d-\d\dT/, 'no ISO timestamp');
  const contracts = await team.ok('ada', ['contract', 'list', '--client', client], { env: PARIS });
  assert.match(contracts, new RegExp(`\\t12${NNBSP}000,00${NBSP}€\\t1${NNBSP}500,50${NBSP}€\\tsigné$`, 'm'));
  assert.match(contracts, new RegExp(`\\t99,90${NBSP}€\\t99,90${NBSP}€\\tnon signé$`, 'm'));

  const history = await team.ok('ada', ['history', 'contract', contract], { env: PARIS });
  assert.match(history, /signé +- → signé/, 'history says it in the same words');

  const clients = await team.ok('bob', ['client', 'list'], { env: PARIS });
  assert.match(clients, /\tjeanne@dupont\.fr\t\+33 6 12 34 56 78\t/);
});

readable('English, New York: the same values in English, in that zone', async () => {
  const view = await team.ok('ada', ['event', 'view', occasion], { env: NEW_YORK });
  assert.match(view, /^start\tWed, 10 Mar 2027, 05:00 \((in|ago) ?.*\)$/m);
  const contractView = await team.ok('ada', ['contract', 'view', contract], { env: NEW_YORK });
  assert.match(contractView, /^total\t€12,000\.00$/m);
  assert.match(contractView, /^signed\tsigned$/m);
  const contracts = await team.ok('ada', ['contract', 'list', '--client', client], { env: NEW_YORK });
  assert.match(contracts, /\t€99\.90\t€99\.90\tnot signed$/m);
});

readable('EPIC_CURRENCY names the currency shown', async () => {
  const view = await team.ok('ada', ['contract', 'view', contract], { env: { ...PARIS, EPIC_CURRENCY: 'CHF' } });
  assert.match(view, new RegExp(`^total\\t12${NNBSP}000,00${NBSP}CHF$`, 'm'));
});

readable('amounts are right-aligned on a terminal', async () => {
  const { stdout } = await team.run('ada', ['contract', 'list', '--client', client], { env: PARIS, terminalColumns: 100 });
  const rows = stdout.trimEnd().split('\n').slice(1);
  const ends = rows.map((row) => row.indexOf('€') + 1);
  assert.ok(
    ends.every((end) => end > 0 && end === ends[0]),
    `the € signs line up: ${JSON.stringify(rows)}`,
  );
});

readable('--json never changes: ISO 8601 UTC, amounts as "1500.50", the phone as typed', async () => {
  const [record] = JSON.parse(await team.ok('ada', ['contract', 'list', '--client', client, '--json'], { env: PARIS })) as {
    totalAmount: string;
    remainingAmount: string;
    signed: boolean;
    createdAt: string;
  }[];
  assert.is(record?.totalAmount, '12000.00');
  assert.is(record?.remainingAmount, '1500.50');
  assert.is(record?.signed, true);
  assert.match(record?.createdAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const event = JSON.parse(await team.ok('ada', ['event', 'view', occasion, '--json'], { env: PARIS })) as {
    start: string;
    clientContact: { phone: string };
  };
  assert.is(event.start, '2027-03-10T10:00:00.000Z');
  assert.is(event.clientContact.phone, '+33612345678');
});

readable('phone numbers are grouped by their country’s rule, and left as typed where we know none', () => {
  assert.is(groupPhone('+33612345678'), '+33 6 12 34 56 78');
  assert.is(groupPhone('+33 6.12.34.56.78'), '+33 6 12 34 56 78');
  assert.is(groupPhone('0033612345678'), '+33 6 12 34 56 78');
  assert.is(groupPhone('+330612345678'), '+33 6 12 34 56 78');
  assert.is(groupPhone('06-12-34-56-78'), '06 12 34 56 78');
  assert.is(groupPhone('+1 (212) 555-0100'.replace(/[()]/g, '')), '+1 212 555 0100');
  assert.is(groupPhone('+49 7571 729 0000 1234'), '+49 7571 729 0000 1234');
  assert.is(groupPhone('12345678'), '12345678');
});

readable.run();
