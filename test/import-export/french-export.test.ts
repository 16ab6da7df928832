/**
 * Exports for French spreadsheets (issue 16; docs/import-export.md): `;` and
 * decimal commas by default in French, `--delimiter`, and a French export as
 * LibreOffice opens it — separate columns, amounts as numbers, phones as
 * text — which, saved again as CSV by LibreOffice, imports back to the same
 * clients. The LibreOffice part runs `soffice --headless --convert-to`
 * (Debian's libreoffice-calc-nogui) and is skipped, saying so, without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv } from '../../src/import/csv.js';
import { Installation } from '../support/cli.js';

const FRENCH = { EPIC_LANG: 'fr', TZ: 'Europe/Paris' };
const ENGLISH = { EPIC_LANG: 'en', TZ: 'Europe/Paris' };

let app: Installation;
let team: Awaited<ReturnType<Installation['seedTeam']>>;
let signedContract: string;
const work = mkdtempSync(join(tmpdir(), 'epic-french-export-'));

async function exported(args: string[], env: Record<string, string>): Promise<string> {
  const result = await app.epic(['export', ...args], { env });
  assert.is(result.code, 0, result.stderr);
  return result.stdout;
}

const test = suite('exports for French spreadsheets');
test.before(async () => {
  app = new Installation();
  team = await app.seedTeam();
  await app.as('ada@epic.test');
  const client = (name: string, email: string, commercial: string, extra: string[]) =>
    app.ok(['client', 'create', '--name', name, '--email', email, '--commercial', commercial, ...extra]);
  const dupont = await client('Jeanne Dupont', 'jeanne@dupont.fr', team.commercial, [
    '--phone',
    '+33 6 12 34 56 78',
    '--company',
    'Dupont & fils',
  ]);
  await client('Marc Lefèvre', 'marc@lefevre.fr', team.commercial2, ['--phone', '0612345678', '--company', 'Lefèvre; Associés']);
  await client('=HYPERLINK("http://evil.example","clic")', 'evil@x.io', team.commercial, ['--phone', '+33612345678']);
  signedContract = await app.ok(['contract', 'create', '--client', dupont, '--total', '12000', '--remaining', '2000,75', '--signed']);
  await app.ok(['contract', 'pay', signedContract, '--amount', '500,25']);
  await app.ok(['contract', 'create', '--client', dupont, '--total', '99.9']);
});
test.after(() => {
  app.cleanup();
  rmSync(work, { recursive: true, force: true });
});

test('in French: `;` between cells and decimal commas in amounts; in English: `,` and points; --delimiter chooses', async () => {
  const french = await exported(['contracts'], FRENCH);
  assert.ok(french.startsWith('\uFEFF"id";"clientId";'), 'BOM, then a `;`-separated header');
  assert.match(french, /;"12000,00";"1500,50";"true";/);
  assert.match(french, /;"99,90";"99,90";"false";/);
  assert.match(french, /"\r\n$/);
  const english = await exported(['contracts'], ENGLISH);
  assert.ok(english.startsWith('\uFEFF"id","clientId",'));
  assert.match(english, /,"12000\.00","1500\.50","true",/);
  const comma = await exported(['contracts', '--delimiter', ','], FRENCH);
  assert.match(comma, /,"12000\.00","1500\.50",/, 'with `,` between cells, amounts keep their point');
  const tab = await exported(['contracts', '--delimiter', 'tab'], FRENCH);
  assert.match(tab, /\t"12000,00"\t"1500,50"\t/);
  const semicolon = await exported(['contracts', '--delimiter', ';'], ENGLISH);
  assert.match(semicolon, /;"12000\.00";"1500\.50";/, 'decimal commas only for a French reader');
  const json = JSON.parse(await app.ok(['export', 'contracts', '--format', 'json'], { env: FRENCH })) as { totalAmount: string }[];
  assert.equal(
    json.map((c) => c.totalAmount),
    ['12000.00', '99.90'],
    'JSON never changes',
  );
  const bad = await app.epic(['export', 'contracts', '--delimiter', '|'], { env: FRENCH });
  assert.is(bad.code, 2);
  assert.is(bad.stdout, '');
  assert.is(bad.stderr, 'error: --delimiter doit être , ou\u00a0; ou tab (valeur reçue\u00a0: «\u00a0|\u00a0»)\n');
});

test('the formula guard: a phone written with spaces is left as it is; a formula and a bare +digits are not', async () => {
  const rows = parseCsv(await exported(['clients'], FRENCH)).records.map((record) => record.fields);
  const [header, ...clients] = rows;
  const phone = header?.indexOf('phone') ?? -1;
  const name = header?.indexOf('name') ?? -1;
  const byEmail = new Map(clients.map((fields) => [fields[header?.indexOf('email') ?? -1], fields]));
  assert.is(byEmail.get('jeanne@dupont.fr')?.[phone], '+33 6 12 34 56 78');
  assert.is(byEmail.get('evil@x.io')?.[phone], "'+33612345678");
  assert.is(byEmail.get('evil@x.io')?.[name], '\'=HYPERLINK("http://evil.example","clic")');
});

/** The path of soffice, or undefined when LibreOffice is not installed. */
function soffice(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/** LibreOffice converts `file` to `to` (a filter with its options), with a profile of its own, into `outDir`. */
function convert(bin: string, file: string, to: string, outDir: string, infilter?: string): void {
  const profile = join(work, 'profile');
  execFileSync(
    bin,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      ...(infilter === undefined ? [] : [`--infilter=${infilter}`]),
      '--convert-to',
      to,
      '--outdir',
      outDir,
      file,
    ],
    { stdio: 'pipe', timeout: 120_000, env: { ...process.env, HOME: work } },
  );
}

/** The cells of each row of the first sheet of a flat ODS file: their type and value (cells LibreOffice repeats, repeated). */
function sheetCells(fods: string): { type: string; value: string; text: string }[][] {
  const table = fods.slice(fods.indexOf('<table:table '), fods.indexOf('</table:table>'));
  return [...table.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) =>
    [...(row ?? '').matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].flatMap(
      ([, attributes = '', body = '']) => {
        const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? '1');
        // The empty cells to the end of the sheet's width, repeated hundreds of times, are not data.
        if (repeated > 100) return [];
        const cell = {
          type: /office:value-type="([^"]+)"/.exec(attributes)?.[1] ?? 'empty',
          value: /office:value="([^"]+)"/.exec(attributes)?.[1] ?? '',
          text: body
            .replace(/<[^>]+>/g, '')
            .replaceAll('&amp;', '&')
            .replaceAll('&quot;', '"')
            .replaceAll('&apos;', "'")
            .trim(),
        };
        return Array.from({ length: repeated }, () => cell);
      },
    ),
  );
}

const SOFFICE = soffice();
// Said once, on one line, when the three LibreOffice checks below do not run (CI has no LibreOffice).
if (SOFFICE === undefined) {
  console.log('french-export: skipped the 3 LibreOffice checks: soffice not found (apt-get install libreoffice-calc-nogui runs them)');
}

// A French user's LibreOffice: `;` as the separator (59), `"` around text (34), UTF-8 (76), from line 1, fr-FR (1036).
const FRENCH_CSV_IMPORT = 'CSV:59,34,76,1,,1036';

test('LibreOffice opens a French export as separate columns, amounts as numbers, phones as text', async () => {
  const bin = SOFFICE;
  if (bin === undefined) return;
  const dir = join(work, 'contracts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'contracts.csv'), await exported(['contracts'], FRENCH));
  convert(bin, join(dir, 'contracts.csv'), 'fods', dir, FRENCH_CSV_IMPORT);
  const [header, ...rows] = sheetCells(readFileSync(join(dir, 'contracts.fods'), 'utf8'));
  assert.equal(
    header?.map((cell) => cell.text),
    [
      'id',
      'clientId',
      'clientName',
      'commercialId',
      'commercialName',
      'totalAmount',
      'remainingAmount',
      'signed',
      'createdAt',
      'updatedAt',
    ],
    'one column per field',
  );
  const total = 5;
  const remaining = 6;
  assert.equal(
    rows.map((row) => [row[total]?.type, row[total]?.value, row[remaining]?.type, row[remaining]?.value]),
    [
      ['float', '12000', 'float', '1500.5'],
      ['float', '99.9', 'float', '99.9'],
    ],
    'amounts are numbers',
  );

  const clientsDir = join(work, 'clients');
  mkdirSync(clientsDir, { recursive: true });
  writeFileSync(join(clientsDir, 'clients.csv'), await exported(['clients'], FRENCH));
  convert(bin, join(clientsDir, 'clients.csv'), 'fods', clientsDir, FRENCH_CSV_IMPORT);
  const [clientHeader, ...clientRows] = sheetCells(readFileSync(join(clientsDir, 'clients.fods'), 'utf8'));
  const phone = clientHeader?.findIndex((cell) => cell.text === 'phone') ?? -1;
  assert.equal(
    clientRows.map((row) => [row[phone]?.type, row[phone]?.text]).sort(),
    [
      ['string', "'+33612345678"],
      ['string', "'0612345678"],
      ['string', '+33 6 12 34 56 78'],
    ],
    'phones stay text: the one with spaces without a quote, the others with the guard’s (a number would lose the + or the 0)',
  );
  assert.ok(
    clientRows.every((row) => row.every((cell) => !cell.text.startsWith('=') || cell.type === 'string')),
    'no formula evaluated',
  );
});

test("LibreOffice opens a French history CSV as export's: separate columns, the amounts of amount fields as numbers", async () => {
  const bin = SOFFICE;
  if (bin === undefined) return;
  const dir = join(work, 'history');
  mkdirSync(dir, { recursive: true });
  const csv = await app.epic(['history', 'contract', signedContract, '--format', 'csv'], { env: FRENCH });
  assert.is(csv.code, 0, csv.stderr);
  writeFileSync(join(dir, 'history.csv'), csv.stdout);
  convert(bin, join(dir, 'history.csv'), 'fods', dir, FRENCH_CSV_IMPORT);
  const [header, ...rows] = sheetCells(readFileSync(join(dir, 'history.fods'), 'utf8'));
  assert.equal(
    header?.map((cell) => cell.text),
    ['version', 'at', 'type', 'actorId', 'actorName', 'actorRole', 'field', 'from', 'to', 'stream', 'streamVersion', 'eventId'],
    'one column per field',
  );
  const [field, from, to] = [6, 7, 8];
  const payment = rows.find((row) => row[2]?.text === 'PaymentRecorded' && row[field]?.text === 'remainingAmount');
  assert.equal(
    [payment?.[from]?.type, payment?.[from]?.value, payment?.[to]?.type, payment?.[to]?.value],
    ['float', '2000.75', 'float', '1500.5'],
  );
  const created = rows.find((row) => row[2]?.text === 'ContractCreated' && row[field]?.text === 'totalAmount');
  assert.equal([created?.[to]?.type, created?.[to]?.value], ['float', '12000']);
});

test('what LibreOffice saves again as CSV imports back to the same clients', async () => {
  const bin = SOFFICE;
  if (bin === undefined) return;
  const dir = join(work, 'round-trip');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'clients.csv'), await exported(['clients'], FRENCH));
  convert(bin, join(dir, 'clients.csv'), 'fods', dir, FRENCH_CSV_IMPORT);
  const resaved = join(dir, 'resaved');
  // Saved as a French user saves it: `;`, text quoted, UTF-8.
  convert(bin, join(dir, 'clients.fods'), 'csv:Text - txt - csv (StarCalc):59,34,76,1', resaved);

  const other = new Installation();
  try {
    await other.seedTeam();
    await other.as('ada@epic.test');
    const imported = await other.epic(['import', 'clients', join(resaved, 'clients.csv')], { env: FRENCH });
    assert.is(imported.code, 0, imported.stderr);
    const fields = (records: { name: string; email: string; phone: string | null; company: string | null; commercialName: string }[]) =>
      records
        .map(({ name, email, phone, company, commercialName }) => ({ name, email, phone, company, commercialName }))
        .sort((a, b) => a.email.localeCompare(b.email));
    const before = JSON.parse(await app.ok(['client', 'list', '--json'])) as Parameters<typeof fields>[0];
    const after = JSON.parse(await other.ok(['client', 'list', '--json'])) as Parameters<typeof fields>[0];
    assert.equal(fields(after), fields(before));
  } finally {
    other.cleanup();
  }
});

test.run();
