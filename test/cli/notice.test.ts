/** Notices on stderr: broken at spaces on a terminal (which would cut words), one line into a pipe. */
import { PassThrough } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { noticeFor } from '../../src/cli/output/terminal.js';

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

test('into a pipe: the notice on one line, as it is', () => {
  assert.is(noticeFor(new PassThrough(), KEY_NOTICE), `${KEY_NOTICE}\n`);
});

test('a word longer than the line stays whole on a line of its own; short text is untouched', () => {
  const path = `/${'x'.repeat(100)}`;
  assert.equal(noticeFor(terminal(40), `file ${path} written`).split('\n'), ['file', path, 'written', '']);
  assert.is(noticeFor(terminal(80), 'short'), 'short\n');
});

test.run();
