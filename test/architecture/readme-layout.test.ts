/**
 * The layout block of the README's "Architecture" against the tree: every
 * path it names exists, every entry of src/ is in it, and so is every folder
 * of the domain, the event store (one per adapter) and the read side. A file
 * moved or a folder added without the README fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = /## Architecture\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

/** `src/...` paths the block names, and the folders named on its indented lines (`  sqlite/ mysql/ esdb/`) under the path above them. */
function namedPaths(text: string): string[] {
  const paths: string[] = [];
  let parent = '';
  for (const line of text.split('\n')) {
    const top = [...line.matchAll(/(?:^|\s)(src\/[\w./-]*)/g)].map((match) => match[1] as string);
    if (!line.startsWith(' ') && top.length > 0) parent = top[0] as string;
    paths.push(...top);
    // A folder name given inside a line: `accounts/ (`, `users/,`, `values/ (money...)`, `sqlite/ mysql/ esdb/`.
    for (const match of line.matchAll(/(?:^|[\s(])([a-z][\w-]*\/)(?=[\s,;)]|$)/g))
      if (!line.slice(0, match.index + 1).includes(`src/${match[1]}`)) paths.push(`${parent}${match[1]}`);
  }
  return [...new Set(paths)];
}

const layout = suite("README's architecture block and the tree");

layout('the block is found and names the top of src/', () => {
  assert.ok(block.length > 200, 'the ``` block under "## Architecture"');
  assert.ok(namedPaths(block).includes('src/events/sqlite/'), 'an adapter folder, read from an indented line');
  assert.ok(namedPaths(block).includes('src/domain/accounts/'), 'an aggregate folder, read from inside a line');
});

layout('every path it names exists', () => {
  const missing = namedPaths(block).filter((path) => !existsSync(join(root, path)));
  assert.equal(missing, []);
});

layout('every entry of src/, and every folder of the domain, the event store and the read side, is named', () => {
  const named = new Set(namedPaths(block));
  const expected = [
    ...readdirSync(join(root, 'src'), { withFileTypes: true }).map((entry) => `src/${entry.name}${entry.isDirectory() ? '/' : ''}`),
    ...['src/domain', 'src/events', 'src/projections'].flatMap((dir) =>
      readdirSync(join(root, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${dir}/${entry.name}/`),
    ),
  ];
  assert.equal(
    expected.filter((path) => !named.has(path)),
    [],
  );
});

layout.run();
