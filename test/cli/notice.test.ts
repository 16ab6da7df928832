/** Notices on stderr: broken at spaces on a terminal (which would cut words), one line into a pipe. */
import { PassThrough } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { noticeFor } from '../../src/cli/output/terminal.js';
import { wrapToWidth } from '../../src/cli/output/text-width.js';
import { Installation } from '../support/cli.js';

const test = suite('notices for people');
const KEY_NOTICE =
  'clé d’audit créée : /tmp/walkhome/audit.key ; gardez-en une copie hors de cette machine (un gestionnaire de mots de passe, un coffre) : sans elle, personne ne peut vérifier que le journal n’a pas été falsifié';

function terminal(columns: number): PassThrough {
  return Object.assign(new PassThrough(), { isTTY: true, columns });
}

test('on an 80-column terminal: lines of at most 79 code points, every word whole and in order', () => {
  const out = noticeFor(terminal(80), KEY_NOTICE);
  const lines = out.trimEnd().split('\n');
  assert.ok(lines.length >= 3, out);
  for (const line of lines) assert.ok([...line].length <= 79, `${[...line].length}: ${line}`);
  assert.is(lines.join(' '), KEY_NOTICE);
  assert.ok(out.endsWith('\n'));
});

test('lines that fit keep their alignment; a long indented line keeps its indent on every piece', () => {
  const aligned = 'identifiant      - → 6ax29j2e4s\n    montant total    - → 12 000,50 €';
  assert.is(noticeFor(terminal(80), aligned), `${aligned}\n`);
  const long = `    ${'mot '.repeat(30).trim()}`;
  const lines = noticeFor(terminal(40), long).trimEnd().split('\n');
  assert.ok(lines.length > 1);
  for (const line of lines) assert.match(line, /^ {4}mot( mot)*$/);
});

test('into a pipe: the notice on one line, as it is', () => {
  assert.is(noticeFor(new PassThrough(), KEY_NOTICE), `${KEY_NOTICE}\n`);
});

test('a word longer than the line stays whole on a line of its own; short text is untouched', () => {
  const path = `/${'x'.repeat(100)}`;
  assert.equal(noticeFor(terminal(40), `file ${path} written`).split('\n'), ['file', path, 'written', '']);
  assert.is(noticeFor(terminal(80), 'short'), 'short\n');
});

test('help text: a line never starts with the sign a French no-break space keeps with its word', () => {
  const text = 'lancer une commande (les noms sont au singulier\u00a0; le pluriel fonctionne aussi)';
  for (let width = 20; width <= text.length; width += 1)
    for (const line of wrapToWidth(text, width)) assert.not.match(line, /^[;:?!»]/, `at ${width}: ${JSON.stringify(line)}`);
  assert.equal(wrapToWidth('au singulier\u00a0; le pluriel', 12), ['au', 'singulier\u00a0;', 'le pluriel']);
});

test.run();

const created = suite('a create command on a terminal');
let app: Installation;
created.before(async () => {
  app = new Installation();
  await app.seedTeam();
  await app.as('ada@epic.test');
});
created.after(() => app.cleanup());

created("the id alone on stdout, and what was created on stderr, in the reader's language", async () => {
  const args = ['client', 'create', '--name', 'Jeanne Martin', '--email', 'jeanne@jardins.fr', '--commercial', 'bob@epic.test'];
  const onTerminal = await app.epic(args, { terminalColumns: 80, env: { EPIC_LANG: 'fr' } });
  assert.is(onTerminal.code, 0, onTerminal.stderr);
  assert.match(onTerminal.stdout, /^[2-9a-z]{10}\n$/);
  assert.is(onTerminal.stderr, 'client Jeanne Martin créé\n');
  const contract = await app.epic(['contract', 'create', '--client', onTerminal.stdout.trim(), '--total', '1200'], { terminalColumns: 80 });
  assert.is(contract.stderr, 'drew up a contract for Jeanne Martin, €1,200.00\n');
});

created('into a pipe (a script capturing the id): nothing on stderr', async () => {
  const piped = await app.epic(['client', 'create', '--name', 'Paul Durand', '--email', 'paul@durand.fr', '--commercial', 'bob@epic.test']);
  assert.is(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /^[2-9a-z]{10}\n$/);
  assert.is(piped.stderr, '');
});

created.run();
