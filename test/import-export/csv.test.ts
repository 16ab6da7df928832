import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidInput } from '../../src/errors.js';
import { toCsv } from '../../src/export/csv-writer.js';
import { guardFormula, unguardFormula } from '../../src/export/formula-guard.js';
import { msg } from '../../src/i18n/message.js';
import { normalizeHeader, readClientRows } from '../../src/import/client-rows.js';
import { decodeCsv, detectSeparator, parseCsv } from '../../src/import/csv.js';
import { english } from '../support/english.js';

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);
const lines = (text: string) => parseCsv(text).records.map((r) => r.line);

const parser = suite('csv parser');

parser('plain records, with and without a final line break', () => {
  assert.equal(fields('a,b\n1,2\n'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  assert.equal(fields('a,b\n1,2'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
});

parser('quoted fields: doubled quotes, separators and line breaks inside quotes', () => {
  const text = 'name,company\n"Casey, Kevin","Cool ""Startup"" LLC"\n"Multi\nline","a;b"\n';
  assert.equal(fields(text), [
    ['name', 'company'],
    ['Casey, Kevin', 'Cool "Startup" LLC'],
    ['Multi\nline', 'a;b'],
  ]);
});

parser('empty quoted and unquoted fields', () => {
  assert.equal(fields('a,b,c\n"",,x\n'), [
    ['a', 'b', 'c'],
    ['', '', 'x'],
  ]);
});

parser('CRLF line ends, and CRLF inside quotes kept as a single LF', () => {
  assert.equal(fields('a,b\r\n"x\r\ny",2\r\n3,4\r\n'), [
    ['a', 'b'],
    ['x\ny', '2'],
    ['3', '4'],
  ]);
});

parser('a lone CR ends a line too (old Mac exports)', () => {
  assert.equal(fields('a,b\r1,2\r'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
});

parser('each record carries the physical line where it starts, counting line breaks inside quotes', () => {
  const text = 'a,b\n"one\ntwo\r\nthree",x\n\nlast,y\r\n';
  assert.equal(lines(text), [1, 2, 6]);
  assert.equal(fields(text)[2], ['last', 'y']);
});

parser('blank lines, rows of empty cells and trailing empty lines are skipped', () => {
  const parsed = parseCsv('a;b\n1;2\n;\n\n3;4\n\n\r\n\n');
  assert.equal(
    parsed.records.map((r) => r.fields),
    [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ],
  );
  assert.equal(
    parsed.records.map((r) => r.line),
    [1, 2, 5],
  );
});

parser('a quoted empty row is a record, not a blank line', () => {
  assert.equal(fields('a\n""\n'), [['a'], ['']]);
});

parser('separator detection: `;` from French-locale spreadsheets, tab, and `,` by default', () => {
  assert.is(detectSeparator('nom;email;entreprise\n"a,b";c;d'), ';');
  assert.is(detectSeparator('"nom;x",email,entreprise\n'), ',', 'separators inside quotes do not count');
  assert.is(detectSeparator('name\temail\n'), '\t');
  assert.is(detectSeparator('name\n'), ',');
  assert.equal(fields('nom;email\n"Dupont; Jean";j@x.fr\n'), [
    ['nom', 'email'],
    ['Dupont; Jean', 'j@x.fr'],
  ]);
});

parser('a BOM is dropped, whether decoded from bytes or already in the text', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('nom;email\nÉlodie;é@x.fr\n', 'utf8')]);
  const text = decodeCsv(bytes);
  assert.is(text.charCodeAt(0), 'n'.charCodeAt(0));
  assert.equal(fields(text), [
    ['nom', 'email'],
    ['Élodie', 'é@x.fr'],
  ]);
  assert.equal(fields('\uFEFFa,b\n1,2'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  assert.is(decodeCsv(Buffer.from('a,b\n', 'utf8')), 'a,b\n', 'without a BOM nothing is dropped');
});

parser('bytes that are not UTF-8 (a Windows-1252 export) are refused, not guessed', () => {
  const latin1 = Buffer.from([0x6e, 0x6f, 0x6d, 0x0a, 0xc9, 0x6c, 0x6f, 0x64, 0x69, 0x65, 0x0a]); // "nom\nÉlodie" in Latin-1
  assert.throws(
    () => decodeCsv(latin1),
    (error: unknown) => error instanceof InvalidInput && /not UTF-8/.test(english(error)),
  );
});

parser('malformed records are reported with their line, and reading goes on', () => {
  const parsed = parseCsv('a,b\n"x"y,1\nab"c,2\nok,3\n"never closed,4\nstill inside\n');
  const summary = parsed.records.map((r) => ({ line: r.line, problem: r.problem !== undefined, first: r.fields[0] }));
  assert.equal(summary, [
    { line: 1, problem: false, first: 'a' },
    { line: 2, problem: true, first: 'xy' },
    { line: 3, problem: true, first: 'ab"c' },
    { line: 4, problem: false, first: 'ok' },
    { line: 5, problem: true, first: 'never closed,4\nstill inside\n' },
  ]);
  assert.equal(
    parsed.records.map((r) => r.problem),
    [undefined, 'textAfterQuote', 'quoteInUnquoted', undefined, 'unclosedQuote'],
  );
  assert.match(english(msg('transfer.csvProblem', { problem: 'unclosedQuote' })), /never closed/);
});

parser.run();

const headers = suite('client columns');

headers('headers match whatever the case, accents, spaces and underscores', () => {
  assert.is(normalizeHeader(' Téléphone '), 'telephone');
  assert.is(normalizeHeader('Nom complet'), 'nomcomplet');
  assert.is(normalizeHeader('NOM_COMPLET'), 'nomcomplet');
  assert.is(normalizeHeader('E-mail'), 'email');
  assert.is(normalizeHeader('Société'), 'societe');
});

headers('French headers map to the client fields, unknown columns are listed as ignored', () => {
  const csv = parseCsv(
    '\uFEFFNom Complet;E-mail;Téléphone;Entreprise;Commercial;Notes\r\nJean Dupont;jean@x.fr;01 23 45 67 89;Acme;bob@epic.test;vip\r\n',
  );
  const { rows, refused, ignoredColumns } = readClientRows(csv);
  assert.equal(rows, [
    { line: 2, name: 'Jean Dupont', email: 'jean@x.fr', phone: '01 23 45 67 89', company: 'Acme', commercial: 'bob@epic.test' },
  ]);
  assert.equal(refused, []);
  assert.equal(ignoredColumns, ['Notes']);
});

headers('English headers in any order; a column the file lacks stays undefined (an update leaves it alone)', () => {
  const { rows } = readClientRows(parseCsv('email,name\nk@x.io,Kevin\n'));
  assert.equal(rows, [{ line: 2, name: 'Kevin', email: 'k@x.io' }]);
});

headers('an export header (commercialEmail, ids, dates) reads back; neutralised formulas are restored', () => {
  const { rows, ignoredColumns } = readClientRows(
    parseCsv(
      '"id","name","email","phone","commercialId","commercialEmail","createdAt"\r\n"x1","\'=1+1","a@b.io","\'+33 1 23 45 67 89","u1","bob@epic.test","2026"\r\n',
    ),
  );
  assert.equal(rows, [{ line: 2, name: '=1+1', email: 'a@b.io', phone: '+33 1 23 45 67 89', commercial: 'bob@epic.test' }]);
  assert.equal(ignoredColumns, ['id', 'commercialId', 'createdAt']);
});

headers('a header without name or email, or with a field twice, refuses the whole file', () => {
  assert.throws(
    () => readClientRows(parseCsv('nom;telephone\nx;1\n')),
    (error: unknown) => /no email column/.test(english(error)),
  );
  assert.throws(
    () => readClientRows(parseCsv('email;mail;nom\n')),
    (error: unknown) => /both give the client's email/.test(english(error)),
  );
  assert.throws(
    () => readClientRows(parseCsv('')),
    (error: unknown) => /^the file is empty/.test(english(error)),
  );
});

headers('short rows are padded, rows with extra non-empty cells are refused with their line', () => {
  const { rows, refused } = readClientRows(parseCsv('name,email,company\nA,a@x.io\nB,b@x.io,Co,,\nC,c@x.io,Co,extra\n'));
  assert.equal(
    rows.map((r) => r.line),
    [2, 3],
  );
  assert.is(rows[0]!.company, '');
  assert.equal(
    refused.map((r) => ({ line: r.line, email: r.email })),
    [{ line: 4, email: 'c@x.io' }],
  );
  assert.match(english(refused[0]!.reason), /4 cells but the header has 3/);
});

headers.run();

const writer = suite('csv writer and formula guard');

writer('UTF-8 BOM, CRLF, every field quoted, quotes doubled, null as an empty cell', () => {
  const text = toCsv(
    [{ a: 'x, "y"', b: null, c: 3, d: true }],
    [
      { header: 'a', value: (r) => r.a },
      { header: 'b', value: (r) => r.b },
      { header: 'c', value: (r) => r.c },
      { header: 'd', value: (r) => r.d },
    ],
  );
  assert.is(text, '\uFEFF"a","b","c","d"\r\n"x, ""y""","","3","true"\r\n');
});

writer('cells starting with = + - @ tab or CR get a leading quote; others are untouched', () => {
  for (const value of ['=HYPERLINK("http://x","y")', '+1', '-2x', '@SUM(A1)', '\tx', '\rx']) assert.is(guardFormula(value), `'${value}`);
  for (const value of ['Acme', "O'Brien", '1+1', 'a=b', '', ' =x']) assert.is(guardFormula(value), value);
});

writer('a negative number and a phone written with spaces are left as they are; anything more stays guarded', () => {
  for (const value of ['-2', '-1500.50', '-1500,50', '+33 6 12 34 56 78', '+1 212 555 0100']) assert.is(guardFormula(value), value);
  for (const value of [
    '+33612345678', // LibreOffice reads it as the number 33612345678
    '0612345678', // read as the number 612345678: the zero is lost
    '+33-6-12-34-56-78', // arithmetic
    '-2+3',
    '-1-1',
    '+33 6 12 34 56 78 ', // a trailing space: not the form
    '+33  6 12', // two spaces
    '+33 6.12.34.56.78',
    '+1 (212) 555-0100',
    '-1500.50.1',
    '-1e3',
    "+33 6 12'!A1",
    '-cmd|" /C calc"!A0',
    '+cmd|" /C calc"!A0',
  ])
    assert.is(guardFormula(value), `'${value}`, value);
});

writer('a semicolon or a tab as the separator, amounts with a decimal comma when asked', () => {
  const columns = [
    { header: 'name', value: (r: { name: string; total: string }) => r.name },
    { header: 'total', value: (r: { name: string; total: string }) => r.total, amount: true },
  ];
  const rows = [{ name: 'Dupont; fils', total: '1500.50' }];
  assert.is(toCsv(rows, columns, { delimiter: ';', decimalComma: true }), '\uFEFF"name";"total"\r\n"Dupont; fils";"1500,50"\r\n');
  assert.is(toCsv(rows, columns, { delimiter: '\t' }), '\uFEFF"name"\t"total"\r\n"Dupont; fils"\t"1500.50"\r\n');
  assert.equal(parseCsv(toCsv(rows, columns, { delimiter: ';' })).records[1]?.fields, ['Dupont; fils', '1500.50']);
});

writer('guard then unguard gives the value back, including values that already start with a quote', () => {
  for (const value of ['=x', "'=x", "''+1", "'plain", 'plain', '+33 1 23 45 67 89', '0612345678', "'0612345678", '-2', "'", '']) {
    assert.is(unguardFormula(guardFormula(value)), value, JSON.stringify(value));
  }
});

writer('what the writer produces, the parser reads back', () => {
  const values = ['Casey, Kevin', 'say "hi"', 'two\nlines', 'Société', '', "O'Brien"];
  const text = toCsv(
    values.map((v) => ({ v })),
    [{ header: 'v', value: (r) => r.v }],
  );
  assert.equal(
    parseCsv(text)
      .records.slice(1)
      .map((r) => r.fields[0]),
    values,
    'a quoted empty cell is a record too',
  );
});

writer.run();
