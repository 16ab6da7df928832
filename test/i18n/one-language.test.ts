/**
 * A launch loads the catalogue of its one language, never both (issue 16):
 * the built CLI is run with a module hook that reports every dist/i18n file
 * Node loads, in French and in English.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'epic-one-language-'));
writeFileSync(
  join(dir, 'hook.mjs'),
  // Written to fd 2 at once: the hooks run on their own thread, whose buffered stderr a launch that exits fast
  // (exit 3, not signed in) could leave unwritten (seen on Node 24: only one module reported).
  `import { writeSync } from 'node:fs';
export async function load(url, context, next) {
  const at = url.indexOf('/dist/i18n/');
  if (at >= 0) writeSync(2, 'LOADED ' + url.slice(at + 11) + '\\n');
  return next(url, context);
}
`,
);
writeFileSync(
  join(dir, 'register.mjs'),
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hook.mjs')).href)});\n`,
);

/** The dist/i18n modules a launch of `epic ...args` loads, by folder (`fr`, `en`, or `.` for the shared ones). */
function loaded(language: string, args: readonly string[]): Map<string, number> {
  const home = mkdtempSync(join(tmpdir(), 'epic-one-language-home-'));
  try {
    const result = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), join(ROOT, 'bin/epic.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: home, EPIC_HOME: home, EPIC_LANG: language },
      encoding: 'utf8',
    });
    const folders = new Map<string, number>();
    for (const [, file] of result.stderr.matchAll(/^LOADED (.+)$/gm)) {
      const folder = file?.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
      folders.set(folder, (folders.get(folder) ?? 0) + 1);
    }
    return folders;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const test = suite('one catalogue per launch');
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const [language, other] of [
  ['fr', 'en'],
  ['en', 'fr'],
] as const) {
  test(`EPIC_LANG=${language}: the ${language} catalogue is loaded, none of the ${other} one`, () => {
    for (const args of [['client', 'list', '--help'], ['whoami'], ['client', 'list', '--sort', 'nope']]) {
      const folders = loaded(language, args);
      // One module: the build gathers each catalogue's area files into its index (scripts/build.ts, 4).
      assert.is(folders.get(language), 1, `epic ${args.join(' ')}: ${language} loaded, as one module (${JSON.stringify([...folders])})`);
      assert.is(folders.get(other), undefined, `epic ${args.join(' ')}: nothing of ${other}`);
    }
  });
}

test('epic --version loads no catalogue at all: it is answered before the language is chosen', () => {
  const folders = loaded('fr', ['--version']);
  assert.is(folders.get('fr'), undefined);
  assert.is(folders.get('en'), undefined);
});

test.run();
