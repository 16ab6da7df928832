import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventStore } from '../../src/events/event-store.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';

interface Client {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  commercialId: string;
}
interface Report {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: { line: number; email: string | null; reason: string; reasonMessage: { key: string; params: unknown } | null }[];
  duplicates: { line: number; sameEmailAsLine: number }[];
  ignoredColumns: string[];
}
interface LogEntry {
  id: string;
  command: string;
  outcome: string;
  events: string[];
}

const test = suite('import clients');
let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;

test.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('ada@epic.test');
});
test.after(() => app.cleanup());

function file(name: string, content: string | Buffer): string {
  const path = join(app.home, name);
  writeFileSync(path, content);
  return path;
}

async function clients(): Promise<Client[]> {
  return app.json<Client[]>(['client', 'list']);
}

/** The installation's log as every reader of it sees it: personal values opened (src/privacy). */
async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const { store, credentials } = await openEventStore(`sqlite:${join(app.home, 'events.db')}`, { keyring: testKeyring });
  try {
    return await work(store);
  } finally {
    await credentials.close();
    await store.close();
  }
}

test('a commercial may not import (exit 4), and the denied attempt is in the log; nor may a support dry-run', async () => {
  const path = file('denied.csv', 'name,email,commercial\nX,x@denied.io,bob@epic.test\n');
  await app.as('bob@epic.test');
  const result = await app.epic(['import', 'clients', path]);
  assert.is(result.code, 4, result.stderr);
  assert.match(result.stderr, /^error: a commercial may not import clients\n$/);
  const [entry] = await app.json<LogEntry[]>(['log', '--limit', '1']);
  assert.equal({ command: entry!.command, outcome: entry!.outcome }, { command: 'import clients', outcome: 'denied' });
  await app.as('sam@epic.test');
  assert.is((await app.epic(['import', 'clients', path, '--dry-run'])).code, 4);
  await app.as('ada@epic.test');
  assert.is((await clients()).length, 0);
});

test('10,000 rows, some malformed: the report lists exactly those lines and reasons, the others are imported under one command id', async () => {
  const header = 'nom_complet;email;téléphone;entreprise;commercial';
  const body: string[] = [];
  const bad = new Map<number, RegExp>(); // physical line -> reason
  let line = 2; // the header is line 1
  const N = 10_000;
  let carlas = 0;
  for (let i = 0; i < N; i++) {
    const commercial = i % 2 === 0 ? 'bob@epic.test' : 'CARLA@epic.test';
    /** A row the import must refuse, for this reason, on this line. */
    const refused = (text: string, reason: RegExp): string => {
      bad.set(line, reason);
      return text;
    };
    let row = `Client ${i};client${i}@bulk.test;+33 1 23 45 ${String(i).padStart(4, '0')};Société ${i};${commercial}`;
    if (i === 10)
      row = `"Client; ${i}";client${i}@bulk.test;;"Acme;\n""Ltd""";${commercial}`; // two physical lines
    else if (i % 1000 === 17) row = refused(`Client ${i};not-an-email-${i};;;${commercial}`, /invalid email address/);
    else if (i % 1000 === 333) row = refused(` ;client${i}@bulk.test;;;${commercial}`, /client name must not be empty/);
    else if (i % 1000 === 500) row = refused(`Client ${i};client${i}@bulk.test;phone?;;${commercial}`, /invalid phone number/);
    else if (i === 4242)
      row = refused(`Client ${i};client${i}@bulk.test;;;nobody@epic.test`, /^no user has the email given in the commercial column$/);
    else if (i === 4243)
      row = refused(`Client ${i};client${i}@bulk.test;;;sam@epic.test`, /is support: a client's commercial must be a commercial/);
    else if (i === 4244) row = refused(`Client ${i};client${i}@bulk.test;;;`, /needs a commercial/);
    else if (i === 4245) row = refused(`"Client" ${i};client${i}@bulk.test;;;${commercial}`, /text after a closing quote/);
    else if (i === 4246) row = refused(`Client ${i};client${i}@bulk.test;;Acme;${commercial};surprise`, /6 cells but the header has 5/);
    body.push(row);
    if (!bad.has(line) && i % 2 === 1) carlas++;
    line += row.split('\n').length;
  }
  const path = file('bulk.csv', `\uFEFF${header}\r\n${body.join('\r\n')}\r\n\r\n\r\n`);

  const started = performance.now();
  const result = await app.epic(['import', 'clients', path, '--json']);
  const seconds = (performance.now() - started) / 1000;
  console.log(`    import of ${N} rows: ${seconds.toFixed(1)} s`);
  assert.is(result.code, 2, 'some rows were refused');
  const report = JSON.parse(result.stdout) as Report;
  assert.equal(
    report.refused.map((r) => r.line),
    [...bad.keys()],
    'exactly the malformed lines, in order',
  );
  for (const refused of report.refused) assert.match(refused.reason, bad.get(refused.line)!, `line ${refused.line}`);
  assert.equal(report.refused[0]!.reasonMessage, { key: 'values.email.invalid', params: null }, 'each reason as a message too');
  assert.equal(report.refused.find((r) => /cells but/.test(r.reason))?.reasonMessage, {
    key: 'transfer.tooManyCells',
    params: { cells: 6, expected: 5 },
  });
  assert.is(report.rows, N);
  assert.is(report.created, N - bad.size);
  assert.equal([report.updated, report.unchanged, report.duplicates.length], [0, 0, 0]);
  assert.match(result.stderr, new RegExp(`^error: ${bad.size} of ${N} rows refused \\(lines ${[...bad.keys()].slice(0, 3).join(', ')}, `));
  // 4-6 s on a quiet disk; one fsync per client, so a disk shared with other suites can make it 30-45 s
  // (docs/import-export.md, "Speed"). The bound catches a pathology (a per-row re-read, quadratic work), not disk weather.
  assert.ok(seconds < 120, `10,000 rows in ${seconds.toFixed(1)} s`);

  const listed = await clients();
  assert.is(listed.length, N - bad.size);
  const multi = listed.find((c) => c.email === 'client10@bulk.test');
  assert.equal(
    { name: multi?.name, company: multi?.company, phone: multi?.phone },
    { name: 'Client; 10', company: 'Acme;\n"Ltd"', phone: null },
  );
  assert.is(listed.filter((c) => c.commercialId === team.commercial2).length, carlas, 'commercial emails match case-insensitively');

  const imports = (await app.json<LogEntry[]>(['log', '--limit', '5'])).filter((e) => e.command === 'import clients');
  assert.is(imports[0]?.outcome, 'accepted');
  // Each new client: its ClientCreated, and the claim of its email on the client email directory.
  // Each client and its email's claim, and the opening of the email holder streams (the store's first email change).
  assert.is(imports[0]?.events.length, 2 * (N - bad.size) + 1, 'one command-log entry holds every created event');
  await withStore(async (store) => {
    const created = (await store.readAll({ after: 0, limit: 100_000, types: ['ClientCreated'] })).filter(
      (e) => e.data.email === 'client0@bulk.test',
    );
    assert.is(created.length, 1);
    assert.is(created[0]!.metadata.commandId, imports[0]!.id, 'each creation is recorded under the import command id');
    assert.is(created[0]!.streamId, `client-${listed.find((c) => c.email === 'client0@bulk.test')!.id}`, "in the client's own stream");
  });
});

test('a row whose email belongs to a client updates it with only what changed; same email twice in the file: the later row updates', async () => {
  const kevin = await app.ok([
    'client',
    'create',
    '--name',
    'Kevin Casey',
    '--email',
    'Kevin@Startup.io',
    '--phone',
    '0123456789',
    '--company',
    'Cool Startup',
    '--commercial',
    team.commercial,
  ]);
  const path = file(
    'update.csv',
    [
      'name,email,phone,company,commercial',
      'Kevin Casey,kevin@startup.io,+33 6 00 00 00 00,Cool Startup,',
      'Nina New,nina@new.io,,,carla@epic.test',
      'Nina Newer,NINA@new.io,,Nina Co,',
      'Kevin Casey,KEVIN@STARTUP.IO,+33 6 00 00 00 00,Cool Startup,bob@epic.test',
    ].join('\n'),
  );
  const result = await app.epic(['import', 'clients', path, '--json']);
  assert.is(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as Report;
  assert.equal(
    { created: report.created, updated: report.updated, unchanged: report.unchanged, refused: report.refused },
    { created: 1, updated: 2, unchanged: 1, refused: [] },
  );
  assert.equal(report.duplicates, [
    { line: 4, sameEmailAsLine: 3 },
    { line: 5, sameEmailAsLine: 2 },
  ]);

  const all = await clients();
  const updated = all.find((c) => c.id === kevin)!;
  assert.equal(
    { email: updated.email, phone: updated.phone, company: updated.company, commercialId: updated.commercialId },
    {
      email: 'Kevin@Startup.io',
      phone: '+33 6 00 00 00 00',
      company: 'Cool Startup',
      commercialId: team.commercial,
    },
  );
  assert.is(all.filter((c) => c.email.toLowerCase() === 'kevin@startup.io').length, 1, 'not duplicated');
  const nina = all.filter((c) => c.email.toLowerCase() === 'nina@new.io');
  assert.equal(
    nina.map((c) => ({ name: c.name, email: c.email, company: c.company, commercialId: c.commercialId })),
    [{ name: 'Nina Newer', email: 'nina@new.io', company: 'Nina Co', commercialId: team.commercial2 }],
  );
  await withStore(async (store) => {
    const stream = await store.readStream(`client-${kevin}`);
    assert.equal(
      stream.map((e) => e.type),
      ['ClientCreated', 'ClientUpdated'],
    );
    assert.equal(stream[1]!.data, { clientId: kevin, phone: '+33 6 00 00 00 00' }, 'only the phone changed');
  });
});

test('--dry-run reports what would happen and writes nothing but its command-log entry', async () => {
  const path = file(
    'dry.csv',
    'name;email;commercial\nDry One;dry1@x.io;bob@epic.test\nKevin Renamed;kevin@startup.io;\nDry One Again;DRY1@x.io;\nBad;nope;bob@epic.test\n',
  );
  const before = await withStore((store) => store.headPosition());
  const count = (await clients()).length;
  const result = await app.epic(['import', 'clients', path, '--dry-run', '--json']);
  assert.is(result.code, 2);
  const report = JSON.parse(result.stdout) as Report;
  assert.equal(
    { dryRun: report.dryRun, created: report.created, updated: report.updated, refused: report.refused.map((r) => r.line) },
    { dryRun: true, created: 1, updated: 2, refused: [5] },
    'a later row about a client the dry run "created" is decided as an update',
  );
  // Nothing but the dry run's own command-log entry (issue 17: administrative commands are recorded).
  const added = await withStore((store) => store.readAll({ after: before, limit: 100 }));
  assert.equal(
    added.map((e) => [e.type, e.data.command, e.data.outcome]),
    [['CommandRecorded', 'import clients --dry-run', 'accepted']],
    'the log gained only the entry of the dry run',
  );
  assert.is((await clients()).length, count);
  assert.ok((await clients()).some((c) => c.name === 'Kevin Casey'));

  const text = await app.epic(['import', 'clients', path, '--dry-run']);
  assert.is(text.stdout.split('\n')[0], 'dry run, nothing written: would have created 1, updated 2, unchanged 0, refused 1 (of 4 rows)');
  // The value is not repeated (a message carries no personal data): the line number says which row.
  assert.match(text.stdout, /^line 5: invalid email address$/m);
});

test('a file that cannot be used is refused whole (exit 2) before anything is written', async () => {
  const before = await withStore((store) => store.headPosition());
  const noEmail = await app.epic(['import', 'clients', file('noemail.csv', 'nom;telephone\nX;0123456789\n')]);
  assert.is(noEmail.code, 2);
  assert.match(noEmail.stderr, /^error: the header row has no email column/);
  const missing = await app.epic(['import', 'clients', join(app.home, 'absent.csv')]);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /^error: cannot read .*absent\.csv: no such file\n$/);
  const latin1 = await app.epic([
    'import',
    'clients',
    file('latin1.csv', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xc9, 0x2c, 0x78, 0x0a])),
  ]);
  assert.is(latin1.code, 2);
  assert.match(latin1.stderr, /not UTF-8/);
  const after = await withStore(async (store) => {
    const events = await store.readAll({ after: before, limit: 100 });
    return events.map((e) => `${e.type}:${String(e.data.outcome)}`);
  });
  assert.equal(
    after,
    ['CommandRecorded:rejected', 'CommandRecorded:rejected', 'CommandRecorded:rejected'],
    'only the rejected attempts are recorded',
  );
});

test.run();
