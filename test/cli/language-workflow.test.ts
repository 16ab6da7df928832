/**
 * The whole workflow as a French team reads it, and as an American one does
 * (issue 16, "Done when"): init, users, clients, contracts, payments, events,
 * history, log, audit, import, export and a few refusals, run with
 * `EPIC_LANG=fr TZ=Europe/Paris` and with `EPIC_LANG=en TZ=America/New_York`.
 * Everything a person reads (stdout without --json, and stderr) is scanned:
 * no sentence of the other language, no ISO 8601 timestamp, no amount
 * without its currency. Exported CSV and --json are data: checked apart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CliResult, Installation } from '../support/cli.js';

type Language = 'fr' | 'en';

/** Words of English prose that French never uses as words (the company's shared words — client, support, commercial, total, notes, version — are not here). */
const ENGLISH = new Set(
  (
    'the and with must is are was were you your has have had this that these from for by of to in on at be been not no yes ' +
    'signed unsigned paid due remaining created updated deleted changed changes found missing unknown invalid allowed cannot ' +
    'left ago rows row events event user users name email phone company start end location attendees amount contract contracts ' +
    'logged until accepted rejected denied failed checked refused imported lines line assigned unassigned nobody entries ' +
    'intact chain verified digest keep outside tomorrow yesterday in days hours months scheduled cancelled'
  ).split(' '),
);

/** Words of French prose that English never uses. */
const FRENCH = new Set(
  (
    'le la les des du une est sont avec pour par dans sur pas aucun aucune créé créés modifié signé non contrat contrats ' +
    'événement événements utilisateur utilisateurs nom téléphone entreprise début fin lieu participants montant reste dû ' +
    'connecté jusqu’au acceptée refusée rejetée lignes ligne affecté journal intègre dans mois jours prévu annulé'
  ).split(' '),
);

/**
 * The forms an input error shows as what to type (`1,50 ou 1.50`, an ISO
 * 8601 example): examples of input, not values shown.
 */
const INPUT_EXAMPLES = [
  /1,50 ou 1\.50/g,
  /1\.50 or 1,50/g,
  /04\/06\/2026 13:00 ou 2026-06-04T13:00/g,
  /like 2026-06-04T13:00/g,
  /(?:valeur reçue|got)\s?:? ?(?:«\s?[^»]*\s?»|"[^"]*")/g,
];

/** What is not prose: option and command names, the projections' names, digests, emails, ids, record names from the data. */
function prose(text: string, names: readonly string[]): string {
  let out = text.replace(/^error: /gm, '');
  for (const example of INPUT_EXAMPLES) out = out.replace(example, ' ');
  for (const name of names) out = out.replaceAll(name, ' ');
  return out
    .replace(
      /\b(?:user|client|contract|event|audit|projection|import|export)\s+(?:create|list|view|edit|delete|sign|pay|assign|unassign|cancel|verify|digest|status|clients)\b/g,
      ' ',
    )
    .replace(/\b(?:init|login|logout|whoami|history|log|export)\b(?=\s|$)/g, ' ')
    .replace(/--[a-z-]+/g, ' ')
    .replace(/epic-digest:\S+/g, ' ')
    .replace(/\b[0-9a-f]{16,}\b/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/\b[2-9a-z]{10}\b/g, ' ');
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
}

/** What in `text` betrays the other language, an ISO timestamp or a bare amount. */
function problems(language: Language, shown: string, names: readonly string[]): string[] {
  const found: string[] = [];
  let text = shown;
  for (const example of INPUT_EXAMPLES) text = text.replace(example, ' ');
  const other = language === 'fr' ? ENGLISH : FRENCH;
  const strange = [...new Set(words(prose(text, names)).filter((word) => other.has(word)))];
  if (strange.length > 0) found.push(`${language === 'fr' ? 'English' : 'French'} words: ${strange.join(', ')}`);
  const iso = text.match(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d/g);
  if (iso) found.push(`ISO timestamps: ${iso.join(', ')}`);
  // An amount is formatted with its currency: `12 000,00 €` in French, `€12,000.00` in English.
  const amounts = language === 'fr' ? text.match(/\d[\d\u202f\u00a0]*[.,]\d\d\b(?!\u00a0€)/g) : text.match(/(?<![€\d,])\d[\d,]*\.\d\d\b/g);
  if (amounts) found.push(`amounts without a currency: ${amounts.join(', ')}`);
  return found;
}

interface Run {
  readonly args: readonly string[];
  readonly result: CliResult;
}

/** Runs the workflow in one language and zone; returns every readable output, and the installation for more. */
async function workflow(env: Record<string, string>): Promise<{ runs: Run[]; app: Installation; names: string[] }> {
  const app = new Installation(env);
  const runs: Run[] = [];
  const epic = async (args: readonly string[], options: { stdin?: string; expect?: number } = {}) => {
    const result = await app.epic(args, options.stdin === undefined ? {} : { stdin: options.stdin });
    assert.is(result.code, options.expect ?? 0, `epic ${args.join(' ')}: ${result.stderr}`);
    runs.push({ args, result });
    return result.stdout.trim();
  };
  await epic(['init', '--name', 'Anne Admin', '--email', 'anne@epic.test', '--password-stdin'], { stdin: 'admin phrase 1234\n' });
  await epic(['whoami']);
  const carl = await epic(
    ['user', 'create', '--name', 'Carl Commercial', '--email', 'carl@epic.test', '--role', 'commercial', '--password-stdin'],
    {
      stdin: 'seller phrase 1234\n',
    },
  );
  const sam = await epic(['user', 'create', '--name', 'Sam Support', '--email', 'sam@epic.test', '--role', 'support', '--password-stdin'], {
    stdin: 'support phrase 12345\n',
  });
  await epic(['user', 'list']);
  await epic(['user', 'view', carl]);
  await epic(['user', 'edit', sam, '--name', 'Samia Support']);
  const client = await epic([
    'client',
    'create',
    '--name',
    'Jeanne Dupont',
    '--email',
    'jeanne@dupont.fr',
    '--phone',
    '+33612345678',
    '--company',
    'Dupont SA',
    '--commercial',
    carl,
  ]);
  await epic(['client', 'list']);
  await epic(['client', 'view', client]);
  await epic(['client', 'edit', client, '--phone', '+33 6 98 76 54 32']);
  const contract = await epic(['contract', 'create', '--client', client, '--total', '12 000,00']);
  await epic(['contract', 'sign', contract]);
  await epic(['contract', 'pay', contract, '--amount', '1 500,50']);
  await epic(['contract', 'edit', contract, '--total', '13000']);
  await epic(['contract', 'list']);
  await epic(['contract', 'view', contract]);
  const event = await epic([
    'event',
    'create',
    '--contract',
    contract,
    '--name',
    'Salon Lumière',
    '--start',
    '2027-03-10 11:00',
    '--end',
    '2027-03-10 18:00',
    '--location',
    'Lyon',
    '--attendees',
    '120',
  ]);
  await epic(['event', 'assign', event, '--support', sam]);
  await epic(['event', 'edit', event, '--attendees', '150']);
  await epic(['event', 'list']);
  await epic(['event', 'view', event]);
  for (const [kind, id] of [
    ['client', client],
    ['contract', contract],
    ['event', event],
    ['user', carl],
  ] as const)
    await epic(['history', kind, id]);
  const csv = join(app.home, 'import.csv');
  writeFileSync(csv, 'nom_complet;email;telephone\r\nLouis Martin;louis@martin.fr;06 11 22 33 44\r\nSans Adresse;pas-une-adresse;\r\n');
  await epic(['import', 'clients', csv, '--dry-run', '--commercial', carl], { expect: 2 });
  await epic(['import', 'clients', csv, '--commercial', carl], { expect: 2 });
  await epic(['audit', 'verify']);
  await epic(['audit', 'digest']);
  await epic(['projection', 'status']);
  // Refusals, each one line in the reader's language.
  await epic(['contract', 'pay', contract, '--amount', '1,500'], { expect: 2 });
  await epic(['contract', 'pay', contract, '--amount', '999999'], { expect: 2 });
  await epic(
    [
      'event',
      'create',
      '--contract',
      contract,
      '--name',
      'X',
      '--start',
      'demain',
      '--end',
      'après',
      '--location',
      'Lyon',
      '--attendees',
      '1',
    ],
    {
      expect: 2,
    },
  );
  await epic(['client', 'view', 'zzzzzzzz'], { expect: 5 });
  await app.login('carl@epic.test', 'seller phrase 1234');
  await epic(['user', 'list'], { expect: 4 });
  await epic(['client', 'list']);
  await app.login('anne@epic.test', 'admin phrase 1234');
  await epic(['log', '--limit', '50']);
  await epic(['logout']);
  await epic(['client', 'list'], { expect: 3 });
  const names = [
    'Anne Admin',
    'Carl Commercial',
    'Sam Support',
    'Samia Support',
    'Jeanne Dupont',
    'Dupont SA',
    'Salon Lumière',
    'Lyon',
    'Louis Martin',
    'Sans Adresse',
    'pas-une-adresse',
    'import.csv',
    app.home,
  ];
  return { runs, app, names };
}

const test = suite('the whole workflow in the reader’s language');

for (const [language, env] of [
  ['fr', { EPIC_LANG: 'fr', TZ: 'Europe/Paris' }],
  ['en', { EPIC_LANG: 'en', TZ: 'America/New_York' }],
] as const) {
  test(`EPIC_LANG=${env.EPIC_LANG} TZ=${env.TZ}: no word of the other language, no ISO timestamp, no bare amount`, async () => {
    const { runs, app, names } = await workflow(env);
    try {
      const found = runs.flatMap(({ args, result }) =>
        problems(language, `${result.stdout}\n${result.stderr}`, names).map((problem) => `epic ${args.join(' ')}: ${problem}`),
      );
      assert.equal(found, []);
      // What the checks look for is there to be found: readable values of the language.
      const text = runs.map(({ result }) => result.stdout).join('\n');
      if (language === 'fr') {
        assert.match(text, /13\u202f000,00\u00a0€/);
        assert.match(text, /mer\. 10 mars 2027, 11:00/);
        assert.match(text, /\+33 6 98 76 54 32/);
        assert.match(text, /téléphone +\+33 6 12 34 56 78 → \+33 6 98 76 54 32/, 'history groups phones too');
        assert.match(text, /statut +- → prévu/, 'and names an event’s status in French');
      } else {
        assert.match(text, /€13,000\.00/);
        assert.match(text, /Wed, 10 Mar 2027, 11:00/);
      }
      // Data stays data: --json is the same in both languages (the workflow ended signed out).
      await app.login('anne@epic.test', 'admin phrase 1234');
      const json = JSON.parse((await app.epic(['contract', 'list', '--json'])).stdout) as { totalAmount: string; createdAt: string }[];
      assert.is(json[0]?.totalAmount, '13000.00');
      assert.match(json[0]?.createdAt ?? '', /Z$/);
    } finally {
      app.cleanup();
    }
  });
}

test('the scanner finds what it looks for', () => {
  assert.equal(problems('fr', 'contrat signé le mar. 1 déc. 2026', []), []);
  assert.equal(problems('fr', 'the contract is signed', []), ['English words: the, contract, is, signed']);
  assert.equal(problems('fr', 'créé le 2026-12-01T13:46:08.434Z', []), ['ISO timestamps: 2026-12-01T13:46']);
  assert.equal(problems('fr', 'reste dû 1500.50', []), ['amounts without a currency: 1500.50']);
  assert.equal(problems('fr', 'reste dû 1\u202f500,50\u00a0€', []), []);
  assert.equal(problems('en', '€1,500.50 due', []), []);
  assert.equal(problems('en', '1500.50 due', []), ['amounts without a currency: 1500.50']);
  assert.equal(problems('en', 'le contrat est signé', []), ['French words: le, contrat, est, signé']);
});

test.run();
