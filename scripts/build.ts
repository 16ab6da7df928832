/**
 * `npm run build`: what bin/epic.js loads, in dist/ (or `--outdir <dir>`).
 *
 * 1. Every src/**\/*.ts is transpiled one-to-one by esbuild into dist/ (the same
 *    layout tsc emitted: dist/cli/main.js, dist/cli/base-command.js...), so
 *    stack traces, Sentry frames and lazy `import()`s stay as they were.
 * 2. clipanion (with typanion) is bundled once into dist/vendor/clipanion.js,
 *    and every `import ... from 'clipanion'` of dist/ points there. Loaded from
 *    node_modules it is ~25 CommonJS files read, compiled and wrapped on every
 *    launch (about +90 ms on these machines); as one ES module, about a third.
 *    One copy for the whole CLI: clipanion tells options apart by symbol, so
 *    two copies must never meet.
 * 3. Every other package (better-sqlite3, bcrypt, mysql2, kysely, jose,
 *    @sentry/node, @eventstore/db-client...) stays external, loaded from
 *    node_modules by the module that needs it, when it needs it.
 *
 * Type checking is tsc's job (`npm run typecheck`, run after this by `build`).
 * The output is written to a fresh directory and swapped in with renames, so a
 * process starting during the build never sees half a dist/.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(ROOT, 'dist'));
const staging = `${outdir}.tmp-${process.pid}`;
const VENDOR_CLIPANION = join(staging, 'vendor/clipanion.js');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Keeps each file's imports as written, except clipanion's, which point at the vendored bundle. */
const oneToOne: Plugin = {
  name: 'one-to-one',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path === 'clipanion') {
        const outFile = join(staging, relative(SRC, args.importer)).replace(/\.ts$/, '.js');
        let path = relative(dirname(outFile), VENDOR_CLIPANION);
        if (!path.startsWith('.')) path = `./${path}`;
        return { path, external: true };
      }
      return { path: args.path, external: true };
    });
  },
};

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

// Named re-exports (esbuild cannot re-export `*` from a CommonJS module as ESM).
const clipanionExports = Object.keys(await import('clipanion')).filter((name) => name !== 'default' && name !== '__esModule');
await build({
  stdin: { contents: `export { ${clipanionExports.join(', ')} } from 'clipanion';`, resolveDir: ROOT, sourcefile: 'vendor-clipanion.js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: VENDOR_CLIPANION,
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'inline',
  // The bundled CommonJS code calls require() for Node's own modules.
  banner: { js: "import { createRequire as __epicCreateRequire } from 'node:module'; const require = __epicCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

await build({
  entryPoints: sources(SRC),
  outbase: SRC,
  outdir: staging,
  bundle: true,
  plugins: [oneToOne],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(ROOT, 'tsconfig.build.json'),
  logLevel: 'warning',
});

writeFileSync(join(staging, 'README'), 'Built by scripts/build.ts (npm run build); do not edit.\n');
const previous = `${outdir}.old-${process.pid}`;
if (existsSync(outdir)) renameSync(outdir, previous);
renameSync(staging, outdir);
rmSync(previous, { recursive: true, force: true });
