/**
 * Replays a contract through creation, edits, signing, payments and the
 * reassignment of its client, through the real CLI, and checks every history
 * entry and the contract `--at` several of those moments. The clock is the
 * real one: each step is a few milliseconds apart, and the instants are read
 * back from the history itself.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Installation } from '../support/cli.js';

interface Entry {
  version: number;
  type: string;
  at: string;
  actor: { id: string; name: string | null; role: string };
  changes: Record<string, { from: unknown; to: unknown }>;
  stream: string;
  streamVersion: number;
  eventId: string;
}

const history = suite('history of a contract');
let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;
let clientId: string;
let contractId: string;
let entries: Entry[];

/** One CLI step, then a pause so that the next one gets a later instant. */
async function step(args: string[]): Promise<string> {
  const out = await app.ok(args);
  await sleep(5);
  return out;
}

history.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('bob@epic.test');
  clientId = await step(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io']);
  contractId = await step(['contract', 'create', '--client', clientId, '--total', '1500.50']);
  await step(['contract', 'edit', contractId, '--total', '2000']);
  await step(['contract', 'edit', contractId, '--remaining', '1800']);
  await step(['contract', 'sign', contractId]);
  await step(['contract', 'pay', contractId, '--amount', '500']);
  await step(['contract', 'pay', contractId, '--amount', '299.99']);
  await app.as('ada@epic.test');
  await step(['client', 'edit', clientId, '--commercial', team.commercial2]);
  // Renamed afterwards: the history keeps the name Bob had when he acted.
  await step(['user', 'edit', team.commercial, '--name', 'Robert Seller']);
  entries = await app.json<Entry[]>(['history', 'contract', contractId]);
});
history.after(() => app.cleanup());

history('one entry per change, numbered, in order, with who and the event type', () => {
  assert.equal(
    entries.map((e) => [e.version, e.type, e.actor.name, e.actor.role]),
    [
      [1, 'ContractCreated', 'Bob Seller', 'commercial'],
      [2, 'ContractAmended', 'Bob Seller', 'commercial'],
      [3, 'ContractAmended', 'Bob Seller', 'commercial'],
      [4, 'ContractSigned', 'Bob Seller', 'commercial'],
      [5, 'PaymentRecorded', 'Bob Seller', 'commercial'],
      [6, 'PaymentRecorded', 'Bob Seller', 'commercial'],
      [7, 'ClientReassigned', 'Ada Admin', 'gestion'],
    ],
  );
  assert.ok(
    entries.every((e, i) => i === 0 || Date.parse(e.at) > Date.parse(entries[i - 1]!.at)),
    'instants grow',
  );
  assert.ok(
    entries.every((e) => e.stream === `client-${clientId}`),
    'read from the client account stream',
  );
  assert.equal(
    entries.map((e) => e.streamVersion),
    [2, 3, 4, 5, 6, 7, 8],
    'stream version 1 is the client creation, not a contract change',
  );
  assert.is(entries[0]!.actor.id, team.commercial);
});

history('each entry carries the fields that changed, before and after', () => {
  const [created, total, remaining, signed, pay1, pay2, moved] = entries.map((e) => e.changes);
  assert.equal(created, {
    id: { from: null, to: contractId },
    clientId: { from: null, to: clientId },
    clientName: { from: null, to: 'Kevin Casey' },
    commercialId: { from: null, to: team.commercial },
    commercialName: { from: null, to: 'Bob Seller' },
    totalAmount: { from: null, to: '1500.50' },
    remainingAmount: { from: null, to: '1500.50' },
    signed: { from: null, to: false },
    createdAt: { from: null, to: entries[0]!.at },
    updatedAt: { from: null, to: entries[0]!.at },
  });
  // Nothing was paid yet: the new total is all still to pay.
  assert.equal(total, {
    totalAmount: { from: '1500.50', to: '2000.00' },
    remainingAmount: { from: '1500.50', to: '2000.00' },
    updatedAt: { from: entries[0]!.at, to: entries[1]!.at },
  });
  assert.equal(remaining, { remainingAmount: { from: '2000.00', to: '1800.00' }, updatedAt: { from: entries[1]!.at, to: entries[2]!.at } });
  assert.equal(signed, { signed: { from: false, to: true }, updatedAt: { from: entries[2]!.at, to: entries[3]!.at } });
  assert.equal(pay1, { remainingAmount: { from: '1800.00', to: '1300.00' }, updatedAt: { from: entries[3]!.at, to: entries[4]!.at } });
  assert.equal(pay2, { remainingAmount: { from: '1300.00', to: '1000.01' }, updatedAt: { from: entries[4]!.at, to: entries[5]!.at } });
  // The client moved: the contract's commercial changes, its own updatedAt does not.
  assert.equal(moved, {
    commercialId: { from: team.commercial, to: team.commercial2 },
    commercialName: { from: 'Bob Seller', to: 'Carla Closer' },
  });
});

history('--at shows the contract as it stood at each moment', async () => {
  const at = (i: number) => app.json<Record<string, unknown>>(['history', 'contract', contractId, '--at', entries[i]!.at]);
  const created = await at(0);
  assert.equal(created, {
    id: contractId,
    clientId,
    clientName: 'Kevin Casey',
    commercialId: team.commercial,
    commercialName: 'Bob Seller',
    totalAmount: '1500.50',
    remainingAmount: '1500.50',
    signed: false,
    createdAt: entries[0]!.at,
    updatedAt: entries[0]!.at,
  });
  const signed = await at(3);
  assert.equal([signed.totalAmount, signed.remainingAmount, signed.signed, signed.updatedAt], ['2000.00', '1800.00', true, entries[3]!.at]);
  const firstPayment = await at(4);
  assert.is(firstPayment.remainingAmount, '1300.00');
  // Just before the second payment: still the first one's figures.
  const between = await app.json<Record<string, unknown>>([
    'history',
    'contract',
    contractId,
    '--at',
    new Date(Date.parse(entries[5]!.at) - 1).toISOString(),
  ]);
  assert.is(between.remainingAmount, '1300.00');
  const reassigned = await at(6);
  assert.equal(
    [reassigned.commercialId, reassigned.commercialName, reassigned.remainingAmount],
    [team.commercial2, 'Carla Closer', '1000.01'],
  );
  // Names as they were then: Bob was renamed only after the reassignment.
  const beforeRename = await at(5);
  assert.is(beforeRename.commercialName, 'Bob Seller');

  const before = await app.epic([
    'history',
    'contract',
    contractId,
    '--at',
    new Date(Date.parse(entries[0]!.at) - 1).toISOString(),
    '--json',
  ]);
  assert.is(before.code, 5, 'not yet created');
  assert.match(before.stderr, /did not exist at/);
});

history('the readable timeline and the exports', async () => {
  const text = await app.ok(['history', 'contract', contractId.slice(0, 6)]);
  assert.match(text, new RegExp(`^contract ${contractId}: 7 changes`));
  // The readable timeline words what happened and names fields as people do; amounts and instants as the language writes them.
  assert.match(text, /#5 {2}\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} {2}payment recorded {2}by Bob Seller \(commercial\)/);
  assert.match(text, /^ {4}remaining amount {2}€1,800\.00 → €1,300\.00$/m);
  assert.match(text, /^ {4}signed {3}not signed → signed$/m);
  assert.not.match(
    text,
    /PaymentRecorded|ContractSigned|remainingAmount|totalAmount|updatedAt|\d{4}-\d{2}-\d{2}T/,
    'no internal name, no ISO instant',
  );

  const json = JSON.parse(await app.ok(['history', 'contract', contractId, '--format', 'json'])) as Entry[];
  assert.equal(json, entries);

  const csv = (await app.epic(['history', 'contract', contractId, '--format', 'csv'])).stdout;
  assert.ok(csv.startsWith('\uFEFF'), 'a BOM, as export writes');
  assert.ok(csv.endsWith('"\r\n'), 'CRLF line ends');
  // Every field quoted, as export writes: unquoted here to compare.
  const lines = csv
    .slice(1, -2)
    .split('\r\n')
    .map((line) => line.replaceAll('"', ''));
  assert.is(lines[0], 'version,at,type,actorId,actorName,actorRole,field,from,to,stream,streamVersion,eventId');
  const rows = entries.reduce((n, e) => n + Object.keys(e.changes).length, 0);
  assert.is(lines.length, rows + 1, 'one row per changed field');
  assert.is(
    lines[lines.length - 1],
    `7,${entries[6]!.at},ClientReassigned,${team.gestion},Ada Admin,gestion,commercialName,Bob Seller,Carla Closer,client-${clientId},8,${entries[6]!.eventId}`,
  );
  assert.ok(
    lines.includes(
      `4,${entries[3]!.at},ContractSigned,${team.commercial},Bob Seller,commercial,signed,false,true,client-${clientId},5,${entries[3]!.eventId}`,
    ),
  );

  const record = await app.ok(['history', 'contract', contractId, '--at', entries[4]!.at, '--format', 'csv']);
  assert.is(
    record.split('\r\n')[0]?.replaceAll('"', ''),
    'id,clientId,clientName,commercialId,commercialName,totalAmount,remainingAmount,signed,createdAt,updatedAt',
  );
});

history("history --format csv takes export's --delimiter and its French default: ; and decimal commas in amounts", async () => {
  /** The rows of a history CSV, once its BOM and its CRLF line ends are checked (what export writes). */
  const csv = async (args: string[], lang: 'fr' | 'en') => {
    const result = await app.epic(['history', 'contract', contractId, '--format', 'csv', ...args], { env: { EPIC_LANG: lang } });
    assert.is(result.code, 0, result.stderr);
    assert.ok(result.stdout.startsWith('\uFEFF') && result.stdout.endsWith('"\r\n'), 'a BOM, CRLF line ends');
    assert.not.match(result.stdout.slice(0, -2), /[^\r]\n/, 'no bare LF');
    return result.stdout.slice(1, -2).split('\r\n');
  };
  const payment = (lines: string[]) => lines.find((line) => line.includes('PaymentRecorded') && line.includes('remainingAmount'));

  // French: `;`, the amounts of an amount field with a decimal comma, every other value verbatim.
  const fr = await csv([], 'fr');
  assert.is(fr[0], '"version";"at";"type";"actorId";"actorName";"actorRole";"field";"from";"to";"stream";"streamVersion";"eventId"');
  assert.match(payment(fr) ?? '', /;"PaymentRecorded";.*;"remainingAmount";"1800,00";"1300,00";/);
  assert.ok(
    fr.some((line) => line.includes(';"totalAmount";"1500,50";"2000,00";')),
    'an edited total',
  );
  assert.ok(
    fr.some((line) => line.includes(';"signed";"false";"true";')),
    'booleans stay as JSON',
  );
  assert.ok(
    fr.every((line) => !/"\d{4}-\d{2}-\d{2}T[^"]*,/.test(line)),
    'instants keep their point',
  );
  // English: `,` and points, as before.
  const en = await csv([], 'en');
  assert.match(payment(en) ?? '', /,"PaymentRecorded",.*,"remainingAmount","1800.00","1300.00",/);
  // --delimiter, either language: `,` keeps the point (for tools), `;` and tab take the comma in French only.
  assert.match(payment(await csv(['--delimiter', ','], 'fr')) ?? '', /,"remainingAmount","1800.00","1300.00",/);
  assert.match(payment(await csv(['--delimiter', 'tab'], 'fr')) ?? '', /\t"remainingAmount"\t"1800,00"\t"1300,00"\t/);
  assert.match(payment(await csv(['--delimiter', ';'], 'en')) ?? '', /;"remainingAmount";"1800.00";"1300.00";/);
  assert.match(payment(await csv(['--delimiter', 'tab'], 'en')) ?? '', /\t"remainingAmount"\t"1800.00"\t"1300.00"\t/);

  // The record as it stood (--at): its amount columns too.
  const at = entries[4]!.at;
  const record = await csv(['--at', at], 'fr');
  assert.match(record[1] ?? '', /^"[a-z0-9]+";"[a-z0-9]+";"Kevin Casey";"[a-z0-9]+";"Bob Seller";"2000,00";"1300,00";"true";/);

  for (const lang of ['fr', 'en'] as const) {
    const wrong = await app.epic(['history', 'contract', contractId, '--format', 'csv', '--delimiter', '|'], { env: { EPIC_LANG: lang } });
    assert.is(wrong.code, 2, wrong.stderr);
    assert.is(wrong.stdout, '');
    // In the reader's language (`\s`: the French no-break spaces).
    const said =
      lang === 'fr'
        ? /^error: --delimiter doit être , ou\s; ou tab \(valeur reçue\s:\s«\s\|\s»\)\n$/
        : /^error: --delimiter must be , or ; or tab \(got "\|"\)\n$/;
    assert.match(wrong.stderr, said);
  }
});

history('who may read it: gestion, the commercial who owns the client now; not the former one, not a support', async () => {
  await app.as('carla@epic.test');
  assert.is((await app.epic(['history', 'contract', contractId, '--json'])).code, 0);
  await app.as('bob@epic.test');
  // Out of scope answers as a record the log does not hold (docs/cli.md: no id reveals what lies outside).
  const bob = await app.epic(['history', 'contract', contractId, '--json']);
  assert.is(bob.code, 5, bob.stderr);
  assert.is(bob.stderr, `error: no contract with id "${contractId}" in the log\n`);
  assert.is(bob.stdout, '');
  assert.is((await app.epic(['history', 'user', team.commercial])).code, 4, 'users history is gestion only');
  await app.as('sam@epic.test');
  assert.is((await app.epic(['history', 'contract', contractId])).code, 5);
  await app.as('ada@epic.test');
  const unknown = await app.epic(['history', 'contract', 'zzzzzzzz']);
  assert.is(unknown.code, 5, unknown.stderr);
  assert.is((await app.epic(['history', 'invoice', contractId])).code, 2);
});

history('a deleted contract keeps its history, found by id or prefix in the log', async () => {
  await app.as('ada@epic.test');
  const doomed = await step(['contract', 'create', '--client', clientId, '--total', '10']);
  await step(['contract', 'delete', doomed, '--yes']);
  assert.is((await app.epic(['contract', 'view', doomed])).code, 5, 'gone from the read tables');
  const gone = await app.json<Entry[]>(['history', 'contract', doomed.slice(0, 7)]);
  assert.equal(
    gone.map((e) => e.type),
    ['ContractCreated', 'ContractDeleted'],
  );
  assert.equal(gone[1]!.changes.totalAmount, { from: '10.00', to: null });
  const then = await app.json<{ totalAmount: string }>(['history', 'contract', doomed, '--at', gone[0]!.at]);
  assert.is(then.totalAmount, '10.00');
  assert.is((await app.epic(['history', 'contract', doomed, '--at', gone[1]!.at])).code, 5, 'no longer existed');
});

history("a user's history: the rename, by whom", async () => {
  await app.as('ada@epic.test');
  const user = await app.json<Entry[]>(['history', 'user', team.commercial]);
  assert.equal(
    user.map((e) => e.type),
    ['UserCreated', 'UserRenamed'],
  );
  assert.equal(user[1]!.changes.name, { from: 'Bob Seller', to: 'Robert Seller' });
  assert.equal(user[1]!.actor, { id: team.gestion, name: 'Ada Admin', role: 'gestion' });
  const first = await app.json<Entry[]>(['history', 'user', team.gestion]);
  assert.equal(first[0]!.actor, { id: team.gestion, name: 'Ada Admin', role: 'gestion' }, 'the first user created themselves');
});

history.run();
