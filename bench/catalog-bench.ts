/**
 * B11 (issue 16): what the message catalogue costs at start-up. A launch
 * loads the catalogue of its one language (src/i18n/translator.ts imports
 * `fr/index.js` or `en/index.js`, never both; test/i18n/one-language.test.ts
 * checks it). `epic client list --help` loads it and little else (the help
 * is worded from it; no store is opened), so it is timed (`--version` would
 * not do: it is answered before any catalogue loads):
 * - in French, against `node -e 0` (the floor every launch pays);
 * - in French with the English catalogue imported as well (`node --import
 *   dist/i18n/en/index.js`): what a launch would pay if both languages were
 *   loaded, "before", against the same launch loading French alone, "after".
 * Whole processes in A/B pairs (bench/launch.ts), the ratio pair by pair.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Launch, paired } from './launch.js';
import { app, epicEnv } from './processes.js';
import type { Row } from './report.js';
import { summarize } from './stats.js';

export interface CatalogBenchOptions {
  readonly pairs: number;
  readonly log: (line: string) => void;
}

export async function catalogBench(options: CatalogBenchOptions): Promise<Row[]> {
  const home = mkdtempSync(join(tmpdir(), 'epic-bench-catalog-'));
  try {
    const frenchEnv = { ...epicEnv(home), EPIC_LANG: 'fr' };
    const help = (extra: readonly string[] = []): Launch => ({
      command: process.execPath,
      args: [...extra, join(app.root, 'bin/epic.js'), 'client', 'list', '--help'],
      env: frenchEnv,
      cwd: home,
    });
    const english = pathToFileURL(join(app.root, 'dist/i18n/en/index.js')).href;
    const bare: Launch = { command: process.execPath, args: ['-e', '0'], env: { PATH: process.env.PATH } };
    options.log(`B11: EPIC_LANG=fr epic client list --help, one catalogue and both, ${options.pairs} pairs each`);
    const one = paired(
      () => help(),
      () => bare,
      options.pairs,
    );
    const both = paired(
      () => help(['--import', english]),
      () => help(),
      options.pairs,
    );
    // The catalogue's own import, timed inside fresh processes: what the launches above differ by, without the rest of a launch.
    const french = pathToFileURL(join(app.root, 'dist/i18n/fr/index.js')).href;
    const importMs = (urls: readonly string[]): number => {
      const script = `const t = performance.now(); ${urls.map((url) => `await import(${JSON.stringify(url)});`).join(' ')} process.stdout.write(String(performance.now() - t));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`catalogue import failed: ${run.stderr.slice(0, 300)}`);
      return Number(run.stdout);
    };
    const alone: number[] = [];
    const together: number[] = [];
    const ratios: number[] = [];
    for (let round = -1; round < options.pairs; round++) {
      const a = importMs([french]);
      const b = importMs([french, english]);
      if (round < 0) continue;
      alone.push(a);
      together.push(b);
      ratios.push(b / a);
    }
    return [
      {
        id: 'B11',
        what: 'import of the French catalogue and the English one, in a fresh process (before)',
        unit: 'ms',
        value: summarize(together),
        baseline: summarize(alone),
        baselineWhat: 'the French one alone (after)',
        pairs: summarize(ratios),
        target: '(info)',
      },
      {
        id: 'B11',
        what: '`EPIC_LANG=fr epic client list --help`: the French catalogue alone, as shipped (after)',
        unit: 'ms',
        value: one.a,
        baseline: one.b,
        baselineWhat: 'node -e 0',
        pairs: one.ratio,
        target: '(info)',
      },
      {
        id: 'B11',
        what: 'the same with the English catalogue loaded too (before: both languages)',
        unit: 'ms',
        value: both.a,
        baseline: both.b,
        baselineWhat: 'French alone',
        pairs: both.ratio,
        // What one language only saves: information (a few ms on a quiet machine, lost in the noise of a busy one).
        target: '(info)',
      },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
