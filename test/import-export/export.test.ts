import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv } from '../../src/import/csv.js';
import { Installation } from '../support/cli.js';

/** The CSV as objects keyed by header (the BOM and CRLF checked on the way). */
function rowsOf(csv: string): Record<string, string>[] {
  assert.ok(csv.startsWith('\uFEFF"'), 'UTF-8 BOM, then a quoted header');
  assert.ok(csv.endsWith('"\r\n'), 'CRLF after the last row');
  assert.not.match(csv.replaceAll('\r\n', ''), /"\n(?!")/, 'no bare LF between records');
  const [header, ...records] = parseCsv(csv).records;
  return records.map((record) => Object.fromEntries(header!.fields.map((name, i) => [name, record.fields[i] ?? ''])));
}

/** stdout untouched (`ok()` trims, and trimming drops the BOM and the final CRLF). */
async function exported(args: string[]): Promise<string> {
  const result = await app.epic(['export', ...args]);
  assert.is(result.code, 0, result.stderr);
  return result.stdout;
}

const test = suite('export');
let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;
const ids: Record<string, string> = {};

test.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('ada@epic.test');
  const client = (name: string, email: string, commercial: string, extra: string[] = []) =>
    app.ok(['client', 'create', '--name', name, '--email', email, '--commercial', commercial, ...extra]);
  ids.evil = await client('=HYPERLINK("http://evil.example","click")', 'evil@x.io', team.commercial, [
    '--company',
    '+1',
    '--phone',
    '+33 1 23 45 67 89',
  ]);
  // `--name=-2`: a bare `-2` would read as an option.
  ids.minus = await app.ok([
    'client',
    'create',
    '--name=-2',
    '--email',
    'minus@x.io',
    '--commercial',
    team.commercial,
    '--company',
    '@SUM(A1:A9)',
  ]);
  ids.carla = await client('Élodie Dupont, "la boss"', 'elodie@x.io', team.commercial2, ['--company', 'Société Générale\nParis']);
  const contract = await app.ok(['contract', 'create', '--client', ids.carla, '--total', '1500.5', '--signed']);
  ids.contract = contract;
  ids.other = await app.ok(['contract', 'create', '--client', ids.evil, '--total', '99']);
  ids.event = await app.ok([
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    'Gala',
    '--start',
    '2026-06-04T18:00Z',
    '--end',
    '2026-06-05T01:00Z',
    '--location',
    'Paris',
    '--attendees',
    '75',
  ]);
  await app.ok(['event', 'assign', ids.event, '--support', team.support]);
});
test.after(() => app.cleanup());

test('CSV neutralises formulas: =HYPERLINK, +1, -2, @SUM (and a phone with +) get a leading quote', async () => {
  const result = await app.epic(['export', 'clients']);
  assert.is(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes('"\'=HYPERLINK(""http://evil.example"",""click"")"'), 'quoted, inner quotes doubled, prefixed');
  const rows = rowsOf(result.stdout);
  const evil = rows.find((r) => r.email === 'evil@x.io')!;
  assert.equal(
    { name: evil.name, company: evil.company, phone: evil.phone },
    { name: '\'=HYPERLINK("http://evil.example","click")', company: "'+1", phone: '+33 1 23 45 67 89' },
  );
  const minus = rows.find((r) => r.email === 'minus@x.io')!;
  // A negative number and a phone written with spaces run nothing in any spreadsheet: left as they are (formula-guard.ts).
  assert.equal({ name: minus.name, company: minus.company }, { name: '-2', company: "'@SUM(A1:A9)" });
  const elodie = rows.find((r) => r.email === 'elodie@x.io')!;
  assert.equal(
    { name: elodie.name, company: elodie.company, phone: elodie.phone },
    { name: 'Élodie Dupont, "la boss"', company: 'Société Générale\nParis', phone: '' },
  );
});

test('clients CSV: the columns of the JSON record plus the commercial email', async () => {
  const rows = rowsOf(await exported(['clients', '--format', 'csv']));
  assert.equal(Object.keys(rows[0]!), [
    'id',
    'name',
    'email',
    'phone',
    'company',
    'commercialId',
    'commercialName',
    'commercialEmail',
    'createdAt',
    'updatedAt',
  ]);
  const elodie = rows.find((r) => r.email === 'elodie@x.io')!;
  assert.equal(
    { id: elodie.id, commercialId: elodie.commercialId, commercialName: elodie.commercialName, commercialEmail: elodie.commercialEmail },
    {
      id: ids.carla,
      commercialId: team.commercial2,
      commercialName: 'Carla Closer',
      commercialEmail: 'carla@epic.test',
    },
  );
});

test('JSON export is exactly what list --json shows', async () => {
  for (const [noun, list] of [
    ['clients', 'client'],
    ['contracts', 'contract'],
    ['events', 'event'],
  ] as const) {
    const records = JSON.parse(await app.ok(['export', noun, '--format', 'json'])) as unknown[];
    assert.equal(records, await app.json<unknown[]>([list, 'list']), noun);
    assert.ok(records.length > 0, noun);
  }
});

test('contracts and events CSV: amounts as strings, booleans, clientContact flattened to columns', async () => {
  const contracts = rowsOf(await exported(['contracts']));
  const signed = contracts.find((c) => c.id === ids.contract)!;
  assert.equal(
    { totalAmount: signed.totalAmount, remainingAmount: signed.remainingAmount, signed: signed.signed, clientName: signed.clientName },
    {
      totalAmount: '1500.50',
      remainingAmount: '1500.50',
      signed: 'true',
      clientName: 'Élodie Dupont, "la boss"',
    },
  );
  const [event, ...more] = rowsOf(await exported(['events', '--format', 'CSV']));
  assert.is(more.length, 0);
  assert.equal(Object.keys(event!), [
    'id',
    'name',
    'contractId',
    'clientId',
    'clientName',
    'clientContact.email',
    'clientContact.phone',
    'supportId',
    'supportName',
    'start',
    'end',
    'location',
    'attendees',
    'notes',
    'createdAt',
    'updatedAt',
  ]);
  assert.equal(
    {
      email: event!['clientContact.email'],
      phone: event!['clientContact.phone'],
      support: event!.supportName,
      start: event!.start,
      attendees: event!.attendees,
      notes: event!.notes,
    },
    { email: 'elodie@x.io', phone: '', support: 'Sam Support', start: '2026-06-04T18:00:00.000Z', attendees: '75', notes: '' },
  );
});

test("a commercial exports their own clients only, and sees no other user's email", async () => {
  await app.as('carla@epic.test');
  const rows = rowsOf(await exported(['clients']));
  assert.equal(
    rows.map((r) => r.email),
    ['elodie@x.io'],
  );
  assert.is(rows[0]!.commercialEmail, 'carla@epic.test', 'their own email');
  await app.as('bob@epic.test');
  assert.equal(
    rowsOf(await exported(['clients']))
      .map((r) => r.email)
      .sort(),
    ['evil@x.io', 'minus@x.io'],
  );
  assert.equal(
    rowsOf(await exported(['contracts'])).map((r) => r.id),
    [ids.other],
  );
  assert.equal(JSON.parse(await app.ok(['export', 'events', '--format', 'json'])), [], 'no event of his clients');
});

test('a support exports the clients, contracts and events of the events assigned to them', async () => {
  await app.as('sam@epic.test');
  const clients = rowsOf(await exported(['clients']));
  assert.equal(
    clients.map((r) => r.id),
    [ids.carla],
  );
  assert.is(clients[0]!.commercialEmail, '', "the directory is gestion's: no colleague's email");
  assert.equal(
    rowsOf(await exported(['contracts'])).map((r) => r.id),
    [ids.contract],
  );
  assert.equal(
    rowsOf(await exported(['events'])).map((r) => r.id),
    [ids.event],
  );
  await app.as('sue@epic.test');
  assert.equal(JSON.parse(await app.ok(['export', 'clients', '--format', 'json'])), []);
  assert.equal(rowsOf(await exported(['clients'])), [], 'a header row and nothing else');
  await app.as('ada@epic.test');
});

test('--output writes a 0600 file instead of stdout; unknown noun or format: exit 2', async () => {
  const path = join(app.home, 'out', 'clients.csv');
  const result = await app.epic(['export', 'clients', '--output', path]);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '');
  assert.is(statSync(path).mode & 0o777, 0o600);
  assert.is(rowsOf(readFileSync(path, 'utf8')).length, 3);
  const noun = await app.epic(['export', 'users']);
  assert.is(noun.code, 2);
  assert.match(noun.stderr, /^error: cannot export "users": expected one of clients, contracts, events\n$/);
  assert.is((await app.epic(['export', 'clients', '--format', 'xlsx'])).code, 2);
  const anonymous = new Installation();
  try {
    assert.is((await anonymous.epic(['export', 'clients'])).code, 3, 'not logged in');
  } finally {
    anonymous.cleanup();
  }
});

test('round trip: export clients, import into a fresh EPIC_HOME with the same commercials, export again: the same client data', async () => {
  const first = await exported(['clients']);
  const fresh = new Installation();
  try {
    await fresh.seedTeam();
    await fresh.as('ada@epic.test');
    const path = join(fresh.home, 'clients.csv');
    writeFileSync(path, first);
    const imported = await fresh.epic(['import', 'clients', path]);
    assert.is(imported.code, 0, imported.stderr);
    assert.match(
      imported.stdout,
      /^created 3, updated 0, unchanged 0, refused 0 \(of 3 rows\)\nignored columns: id, commercialId, commercialName, createdAt, updatedAt\n$/,
    );
    const second = (await fresh.epic(['export', 'clients'])).stdout;
    const data = (csv: string) =>
      rowsOf(csv)
        .map(({ id: _id, commercialId: _c, createdAt: _a, updatedAt: _u, ...rest }) => rest)
        .sort((a, b) => a.email!.localeCompare(b.email!));
    assert.equal(data(second), data(first));
    assert.is(data(first).length, 3);
    const again = await fresh.epic(['import', 'clients', path, '--json']);
    assert.is(again.code, 0);
    assert.equal(
      (JSON.parse(again.stdout) as { unchanged: number; created: number }).unchanged,
      3,
      'importing the same file again changes nothing',
    );
  } finally {
    fresh.cleanup();
  }
});

test.run();
