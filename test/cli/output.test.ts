/**
 * Readable output (docs/cli.md, "Conventions"): on a terminal, tables fitted
 * to its width (every list, at 80 columns, with long and wide values), colour
 * unless NO_COLOR, views as labelled fields; in a pipe, tab-separated rows
 * without padding or colour; JSON indented on a terminal, compact otherwise.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { textWidth } from '../../src/cli/output/text-width.js';
import { type Dataset, seedDataset, Team } from '../support/team.js';

let team: Team;
let data: Dataset;
const ESC = String.fromCharCode(27);
const ESCAPE = new RegExp(`${ESC}\\[`);
const strip = (text: string) => text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');

const output = suite('readable output');
output.before(async () => {
  team = await Team.start();
  data = await seedDataset(team);
  // Long, wide and combining values: the widths a table must count right.
  await team.ok('ada', [
    'client',
    'create',
    '--name',
    'Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen',
    '--email',
    'maximilian.alexander.konstantin@hohenzollern-sigmaringen.example.com',
    '--phone',
    '+49 7571 729 0000 1234',
    '--company',
    'Hohenzollern Sigmaringen Veranstaltungen und Hochzeiten GmbH & Co. KG',
    '--commercial',
    'bob@epic.test',
  ]);
  const wide = await team.ok('ada', [
    'client',
    'create',
    '--name',
    '渡辺 さくら',
    '--email',
    'sakura@example.jp',
    '--company',
    '東京イベント株式会社と大阪の結婚式場',
    '--commercial',
    'carla@epic.test',
  ]);
  const contract = await team.ok('ada', ['contract', 'create', '--client', wide, '--total', '1234567.89', '--signed']);
  await team.ok('ada', [
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    '結婚式 — Sakura & Kenji, große Feier mit Familie und Freunden',
    '--start',
    '2027-03-10T11:00Z',
    '--end',
    '2027-03-11T02:00Z',
    '--location',
    'Château de Chenonceau, 37150 Chenonceaux, Indre-et-Loire, France',
    '--attendees',
    '250',
  ]);
});
output.after(() => team.cleanup());

const LISTS = [
  ['client', 'list'],
  ['contract', 'list'],
  ['event', 'list'],
  ['user', 'list'],
  ['log', '--limit', '50'],
  ['projection', 'status'],
];

output('at 80 columns no line of any list is wider than 80, and long values are cut with …', async () => {
  for (const columns of [80, 120]) {
    for (const args of LISTS) {
      const result = await team.run('ada', args, { terminalColumns: columns, env: { NO_COLOR: '1' } });
      assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      const lines = result.stdout.trimEnd().split('\n');
      assert.ok(lines.length >= 2, `${args.join(' ')}: a heading and rows`);
      for (const line of lines)
        assert.ok(textWidth(line) <= columns, `${args.join(' ')} at ${columns}: ${textWidth(line)} columns: ${line}`);
    }
  }
  const clients = (await team.run('ada', ['client', 'list'], { terminalColumns: 80, env: { NO_COLOR: '1' } })).stdout;
  assert.match(clients, /Maximilian[^\n]*…/, 'a long name is cut with …');
  assert.match(clients, /渡辺 さくら/, 'a wide name that fits is whole');
});

output('wide characters count two columns: the columns after them line up', async () => {
  const result = await team.run('ada', ['client', 'list'], { terminalColumns: 120, env: { NO_COLOR: '1' } });
  const lines = result.stdout.trimEnd().split('\n');
  const header = lines[0] as string;
  const emailAt = textWidth(header.slice(0, header.indexOf('email')));
  const wide = lines.find((line) => line.includes('渡辺')) as string;
  assert.is(textWidth(wide.slice(0, wide.indexOf('sakura@'))), emailAt, 'the email column starts at the same column on a wide row');
});

output('piped: tab-separated rows, no heading, no padding, no colour', async () => {
  const result = await team.run('ada', ['contract', 'list'], { env: { FORCE_COLOR: undefined } });
  assert.is(result.code, 0, result.stderr);
  assert.not.match(result.stdout, ESCAPE);
  const rows = result.stdout.trimEnd().split('\n');
  for (const row of rows) {
    const cells = row.split('\t');
    assert.is(cells.length, 6, row);
    for (const cell of cells) assert.is(cell, cell.trim(), `no padding: ${JSON.stringify(row)}`);
  }
  assert.ok(rows.some((row) => row.startsWith(`${data.contracts.bobSigned}\t`)));
  assert.not.match(result.stdout, /^id\t/m, 'no heading');
});

output('colour on a terminal; NO_COLOR=1 has no escape sequence; FORCE_COLOR colours a pipe', async () => {
  const coloured = await team.run('ada', ['contract', 'list'], {
    terminalColumns: 100,
    env: { NO_COLOR: undefined, FORCE_COLOR: undefined },
  });
  assert.match(coloured.stdout, ESCAPE, 'bold headings, coloured states');
  const plain = await team.run('ada', ['contract', 'list'], { terminalColumns: 100, env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
  assert.not.match(plain.stdout, ESCAPE);
  assert.is(plain.stdout, strip(coloured.stdout), 'the same text without the colour');
  for (const args of [...LISTS, ['client', 'view', data.clients.bob], ['event', 'view', data.events.bobSam], ['audit', 'verify']]) {
    const result = await team.run('ada', args, { terminalColumns: 80, env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
    assert.not.match(result.stdout + result.stderr, ESCAPE, `${args.join(' ')} with NO_COLOR=1`);
  }
  const forced = await team.run('ada', ['audit', 'verify'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
  assert.match(forced.stdout, ESCAPE);
});

output('JSON: indented on a terminal, compact in a pipe, the same value', async () => {
  const terminal = await team.run('ada', ['client', 'view', data.clients.bob, '--json'], { terminalColumns: 80 });
  const piped = await team.run('ada', ['client', 'view', data.clients.bob, '--json']);
  assert.match(terminal.stdout, /^\{\n {2}"id": /);
  assert.is(piped.stdout.split('\n').length, 2, 'one line');
  assert.equal(JSON.parse(terminal.stdout), JSON.parse(piped.stdout));
});

output("views are labelled fields; an event's client contact is a group of fields, not JSON", async () => {
  const view = await team.run('ada', ['event', 'view', data.events.bobSam], { terminalColumns: 80, env: { NO_COLOR: '1' } });
  assert.is(view.code, 0, view.stderr);
  assert.not.match(view.stdout, /[{}"]/, 'no JSON');
  assert.match(view.stdout, /^client contact\n {2}email +kevin@startup\.io\n {2}phone +-$/m);
  assert.match(view.stdout, /^support +Sam Support \([2-9a-z]{10}\)$/m);
  assert.match(view.stdout, /^client +Kevin Casey \([2-9a-z]{10}\)$/m);
  const piped = await team.run('ada', ['event', 'view', data.events.bobSam]);
  assert.match(piped.stdout, /^client contact email\tkevin@startup\.io$/m);
  const contract = await team.run('ada', ['contract', 'view', data.contracts.bobSigned], { terminalColumns: 80, env: { NO_COLOR: '1' } });
  assert.match(contract.stdout, /^signed +signed$/m);
  assert.match(contract.stdout, /^remaining +€400\.00$/m);
  const french = await team.run('ada', ['contract', 'view', data.contracts.bobSigned], {
    terminalColumns: 80,
    env: { NO_COLOR: '1', EPIC_LANG: 'fr' },
  });
  assert.match(french.stdout, /^signé +signé$/m);
  assert.match(french.stdout, /^reste dû +400,00\u00a0€$/m);
});

output('people by email wherever a user is expected, ids in any letter case', async () => {
  const byEmail = await team.json<{ id: string }>('ada', ['user', 'view', 'SAM@epic.test']);
  assert.is(byEmail.id, team.ids.sam);
  const upper = await team.json<{ id: string }>('ada', ['client', 'view', data.clients.bob.slice(0, 6).toUpperCase()]);
  assert.is(upper.id, data.clients.bob);
  const listed = await team.json<{ id: string }[]>('ada', ['client', 'list', '--commercial', 'carla@epic.test']);
  assert.ok(listed.length >= 1 && listed.every((c) => c.id !== data.clients.bob));
  const unknown = await team.run('ada', ['user', 'view', 'nobody@epic.test']);
  assert.is(unknown.code, 5);
  assert.is(unknown.stderr, 'error: no user with this email\n');
  const assigned = await team.run('ada', ['event', 'assign', data.events.bobOpen.toUpperCase(), '--support', 'sue@epic.test']);
  assert.is(assigned.code, 0, assigned.stderr);
  assert.is(assigned.stdout, 'assigned Sue Support to Casey party\n');
});

output.run();
