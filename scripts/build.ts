/**
 * `npm run build`: what bin/epic.js loads, in dist/ (or `--outdir <dir>`).
 *
 * 1. Every src/**\/*.ts is transpiled one-to-one by esbuild into dist/ (the same
 *    layout tsc emitted: dist/cli/main.js, dist/cli/base-command.js...), so
 *    stack traces, Sentry frames and lazy `import()`s stay as they were.
 * 2. The pure-JavaScript packages a command loads on every run are bundled
 *    into dist/vendor/ (one ES module each, shared chunks between them), and
 *    every import of them in dist/ points there: clipanion (every launch),
 *    kysely (every command that reads), jose (login signs the session token).
 *    From node_modules they are ~25 CommonJS files, ~260 and ~45 ES modules,
 *    each resolved, read and compiled on every launch: kysely alone cost
 *    300-700 ms of a `client list` on these machines, bundled 20-50 ms.
 *    They stay lazy: a vendor module loads only when a module importing it
 *    does. One copy of each for the whole CLI (clipanion tells options apart
 *    by symbol, kysely its nodes by class: two copies must never meet).
 * 3. Every other package stays external, loaded from node_modules by the
 *    module that needs it, when it needs it: native addons (better-sqlite3,
 *    bcrypt) and what only some runs load (mysql2, @sentry/node,
 *    @eventstore/db-client).
 *
 * Under `npm run coverage` (c8 sets NODE_V8_COVERAGE for every process the
 * tests start) each dist/ file gets a source map beside it, so what the tests'
 * `epic` processes ran is reported against src/. Node reads the maps only
 * while collecting coverage (or with --enable-source-maps).
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
const VENDOR = join(staging, 'vendor');
const sourcemap = process.env.NODE_V8_COVERAGE !== undefined ? 'linked' : false;

/** Bundled packages: import specifier → file in dist/vendor/ (without .js). */
const VENDORED: ReadonlyMap<string, string> = new Map([
  ['clipanion', 'clipanion'],
  ['kysely', 'kysely'],
  ['jose', 'jose'],
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Keeps each file's imports as written, except those of vendored packages, which point into dist/vendor/. */
const oneToOne: Plugin = {
  name: 'one-to-one',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const vendored = VENDORED.get(args.path);
      if (vendored !== undefined) {
        const outFile = join(staging, relative(SRC, args.importer)).replace(/\.ts$/, '.js');
        let path = relative(dirname(outFile), join(VENDOR, `${vendored}.js`));
        if (!path.startsWith('.')) path = `./${path}`;
        return { path, external: true };
      }
      return { path: args.path, external: true };
    });
  },
};

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

/** The entry module of each vendored package: a re-export of its public API. */
async function vendorEntry(specifier: string): Promise<string> {
  // Named re-exports for CommonJS packages (esbuild cannot turn `export *` of CommonJS into static ES exports).
  const names = Object.keys((await import(specifier)) as object).filter((name) => name !== 'default' && name !== '__esModule');
  return specifier === 'clipanion' ? `export { ${names.join(', ')} } from 'clipanion';` : `export * from '${specifier}';`;
}

const vendorEntries: Plugin = {
  name: 'vendor-entries',
  setup(builder) {
    builder.onResolve({ filter: /^vendor-entry:/ }, (args) => ({
      path: args.path.slice('vendor-entry:'.length),
      namespace: 'vendor-entry',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, async (args) => ({
      contents: await vendorEntry(args.path),
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [...VENDORED].map(([specifier, out]) => ({ in: `vendor-entry:${specifier}`, out })),
  plugins: [vendorEntries],
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: VENDOR,
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'inline',
  // Bundled CommonJS code calls require() for Node's own modules.
  banner: {
    js: "import { createRequire as __epicCreateRequire } from 'node:module'; const require = __epicCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

/** How our own sources are built, one-to-one (2) or as a catalogue (4). */
const OURS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(ROOT, 'tsconfig.build.json'),
  sourcemap,
  logLevel: 'warning',
} as const;

/** Each language's folder of messages, built as one module (4 below): its files are not built one by one. */
const CATALOGUES = ['en', 'fr'];
const inCatalogue = (path: string) => CATALOGUES.some((language) => dirname(path) === join(SRC, 'i18n', language));

await build({
  ...OURS,
  entryPoints: sources(SRC).filter((path) => !inCatalogue(path)),
  outbase: SRC,
  outdir: staging,
  plugins: [oneToOne],
});

/**
 * 4. Each language's catalogue is one module (dist/i18n/<lang>/index.js): every
 *    command loads one catalogue whole, ~25 area files of messages gathered by
 *    its index. Bundled, that is one file to resolve, read and compile instead
 *    of 25 (−4–6 ms a launch, docs/performance.md). Only the language's own
 *    files are inlined; anything else it imports (i18n/keyed.js) stays shared,
 *    by the path the source gives. Unminified: a frame in a message's function
 *    still reads as the source does, under its area's name.
 */
function catalogueFiles(language: string): Plugin {
  const own = join(SRC, 'i18n', language);
  return {
    name: `catalogue-${language}`,
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const target = args.path.startsWith('.') ? resolve(args.resolveDir, args.path) : undefined;
        if (target !== undefined && dirname(target) === own) return { path: target.replace(/\.js$/, '.ts') };
        return { path: args.path, external: true };
      });
    },
  };
}

for (const language of CATALOGUES) {
  await build({
    ...OURS,
    entryPoints: [join(SRC, 'i18n', language, 'index.ts')],
    outfile: join(staging, 'i18n', language, 'index.js'),
    plugins: [catalogueFiles(language)],
  });
}

writeFileSync(join(staging, 'README'), 'Built by scripts/build.ts (npm run build); do not edit.\n');
const previous = `${outdir}.old-${process.pid}`;
if (existsSync(outdir)) renameSync(outdir, previous);
renameSync(staging, outdir);
rmSync(previous, { recursive: true, force: true });
