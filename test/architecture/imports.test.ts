/**
 * The import structure the README's "Architecture" describes, checked on the
 * source: no circle between files of src/ (counting type-only and lazy
 * `import()`s, which tie modules together as much as any other), no module
 * outside src/cli importing the CLI, no lower layer importing the handlers
 * and the features built on them, and one place that words a refusal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const IMPORT =
  /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every relative import of each file of `src/`, as paths from the repository's root. */
function importGraph(dir = join(root, 'src')): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    // Template literals may hold code that is generated, not imported (the completion scripts).
    const text = readFileSync(file, 'utf8').replace(/`(?:\\.|[^`\\])*`/gs, '``');
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? '';
      targets.add(relative(root, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    }
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** The strongly connected components of more than one file (Tarjan): each is a circle of imports. */
function circles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const imports = suite('the import structure of src/');

imports('the checker sees a circle, a type-only one and a lazy one', () => {
  const graph = new Map([
    ['a.ts', new Set(['b.ts'])],
    ['b.ts', new Set(['c.ts'])],
    ['c.ts', new Set(['a.ts'])],
    ['d.ts', new Set(['a.ts'])],
  ]);
  assert.equal(circles(graph), [['a.ts', 'b.ts', 'c.ts']]);
  const real = importGraph();
  // Shapes the real tree uses, so a change of the pattern that stops seeing them fails here.
  assert.ok(real.get('src/i18n/en/index.ts')?.has('src/i18n/en/users.ts'), 'a plain import');
  assert.ok(real.get('src/cli/commands/routes.ts')?.has('src/cli/commands/help/help.ts'), 'a lazy import()');
  assert.ok(real.get('src/i18n/en/users.ts')?.has('src/domain/users/user-change.ts'), 'an import type');
});

imports('no circle between files', () => {
  const found = circles(importGraph());
  assert.equal(
    found.map((component) => component.join(' → ')),
    [],
    'files that import each other, directly or round a loop (README, "Architecture")',
  );
});

imports('nothing outside src/cli imports the CLI', () => {
  const offenders = [...importGraph()]
    .filter(([file]) => !file.startsWith('src/cli/'))
    .flatMap(([file, targets]) => [...targets].filter((target) => target.startsWith('src/cli/')).map((target) => `${file} → ${target}`));
  assert.equal(offenders, []);
});

/**
 * What sits below the handlers (src/commands) and the features beside them
 * (src/audit, src/import, src/export): the domain, the event store, the read
 * side, the policy, the configuration, the monitor, and the message machinery
 * of src/i18n (its catalogues, src/i18n/en and src/i18n/fr, word every
 * layer's problems and so read their types).
 */
const LOWER = ['src/domain/', 'src/events/', 'src/projections/', 'src/auth/', 'src/config/', 'src/monitoring/', 'src/i18n/'];
const CATALOGUES = ['src/i18n/en/', 'src/i18n/fr/'];
const UPPER = ['src/commands/', 'src/audit/', 'src/import/', 'src/export/'];

imports("no lower layer imports the handlers, audit, import or export (pure folding is the domain's)", () => {
  const graph = importGraph();
  const offenders = [...graph]
    .filter(([file]) => LOWER.some((dir) => file.startsWith(dir)) && !CATALOGUES.some((dir) => file.startsWith(dir)))
    .flatMap(([file, targets]) =>
      [...targets].filter((target) => UPPER.some((dir) => target.startsWith(dir))).map((target) => `${file} → ${target}`),
    );
  assert.equal(offenders, []);
  // The rule reads the real tree: a projection's import of the domain is seen.
  assert.ok(graph.get('src/projections/contracts-projection.ts')?.has('src/domain/decider.ts'), 'a projection folds with the domain');
});

imports('a refusal is built in one place: src/auth/policy.ts (assertAllowed, listingScope)', () => {
  const builders = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => /\bnew Forbidden\(/.test(readFileSync(join(root, file), 'utf8')));
  assert.equal(builders, ['src/auth/policy.ts']);
});

imports.run();
