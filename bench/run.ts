/**
 * `npm run bench [-- --quick | --full] [-- --only B1,B4] [-- --no-build] [-- --node24 | --no-node24]`:
 * the benchmarks of issues 9 and 21. Builds the CLI (what bin/epic.js loads)
 * into a private copy (`--no-build`: measure ./bin/epic.js and ./dist as they
 * are), generates its own data sets in temp dirs, runs each measurement next
 * to a baseline taken in the same run (whole processes in A/B pairs), prints
 * one table and writes bench/results.json. `--full` (the report's sizes) runs
 * everything again under Node 24 (B10) and prints both side by side;
 * `--quick` is for development: few pairs, small logs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendBench } from './append-bench.js';
import { catalogBench } from './catalog-bench.js';
import { cliBench } from './cli-bench.js';
import { importBench } from './import-bench.js';
import { listingBench } from './listing-bench.js';
import { prepareNode24 } from './node24.js';
import { app, privateBuild, ROOT } from './processes.js';
import { rebuildBench } from './rebuild-bench.js';
import { type Row, ratio, renderSideBySide, renderTable } from './report.js';
import { nowMs } from './stats.js';
import { verifyBench } from './verify-bench.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    node24: { type: 'boolean' },
    'no-node24': { type: 'boolean', default: false },
    // Internal: this process is the Node 24 run of a parent bench; it writes its rows there.
    'node24-child': { type: 'string' },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

const full = values.full === true;
const quick = values.quick === true && !full;
const sizes = full
  ? {
      pairs: 21,
      clients: 10_000,
      historyEvents: 10_000,
      rssEvents: 100_000,
      rssReps: 3,
      appends: 1_000,
      appendReps: 7,
      rebuildEvents: 1_000_000,
      rebuildReps: 3,
      contracts: 200_000,
      queryReps: 30,
      verifyEvents: 1_000_000,
      verifyReps: 3,
      importRows: 10_000,
      importPairs: 15,
    }
  : quick
    ? {
        pairs: 5,
        clients: 10_000,
        historyEvents: 10_000,
        rssEvents: 100_000,
        rssReps: 1,
        appends: 300,
        appendReps: 3,
        rebuildEvents: 20_000,
        rebuildReps: 1,
        contracts: 20_000,
        queryReps: 10,
        verifyEvents: 20_000,
        verifyReps: 3,
        importRows: 10_000,
        importPairs: 2,
      }
    : {
        pairs: 15,
        clients: 10_000,
        historyEvents: 10_000,
        rssEvents: 100_000,
        rssReps: 3,
        appends: 300,
        appendReps: 5,
        rebuildEvents: 100_000,
        rebuildReps: 3,
        contracts: 20_000,
        queryReps: 30,
        verifyEvents: 100_000,
        verifyReps: 5,
        importRows: 10_000,
        importPairs: 5,
      };
const only = values.only === undefined ? undefined : new Set(values.only.split(',').map((id) => id.trim().toUpperCase()));
const wanted = (...ids: string[]) => only === undefined || ids.some((id) => only.has(id));
const mysqlUrl = process.env.EPIC_BENCH_MYSQL_URL ?? process.env.EPIC_TEST_MYSQL_URL;
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = nowMs();
const child = values['node24-child'];
const withNode24 = child === undefined && values['no-node24'] !== true && (values.node24 ?? full);
if (values['no-build'] !== true && wanted('B1', 'B2', 'B5', 'B9', 'B11')) await privateBuild(log);

const rows: Row[] = [];
try {
  if (wanted('B1', 'B2', 'B5'))
    rows.push(
      ...(await cliBench({
        pairs: sizes.pairs,
        clients: sizes.clients,
        historyEvents: sizes.historyEvents,
        rssEvents: sizes.rssEvents,
        rssReps: sizes.rssReps,
        log,
      })),
    );
  if (wanted('B3')) rows.push(...(await appendBench({ reps: sizes.appendReps, count: sizes.appends, log })));
  if (wanted('B4', 'B7')) rows.push(...(await rebuildBench({ reps: sizes.rebuildReps, events: sizes.rebuildEvents, mysqlUrl, log })));
  if (wanted('B6')) rows.push(...(await listingBench({ contracts: sizes.contracts, reps: sizes.queryReps, mysqlUrl, log })));
  if (wanted('B8')) rows.push(...(await verifyBench({ events: sizes.verifyEvents, reps: sizes.verifyReps, log })));
  if (wanted('B9')) rows.push(...(await importBench({ rows: sizes.importRows, pairs: sizes.importPairs, log })));
  if (wanted('B11')) rows.push(...(await catalogBench({ pairs: sizes.pairs, log })));
} finally {
  if (app.root !== ROOT) rmSync(app.root, { recursive: true, force: true });
}

const order = (row: Row) => Number(row.id.slice(1));
const keep = (list: readonly Row[]) => list.filter((row) => only === undefined || only.has(row.id)).sort((a, b) => order(a) - order(b));
const kept = keep(rows);
const machine = (version: string) =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

if (child !== undefined) {
  // The Node 24 run of a parent bench: its rows go back through a file.
  writeFileSync(child, `${JSON.stringify({ machine: machine(process.version), rows: kept })}\n`);
  process.exit(0);
}

// B10: the same bench under Node 24, then both side by side.
let node24: { version: string; rows?: Row[]; absent: string } | undefined;
if (withNode24) {
  const prepared = prepareNode24(log);
  if (typeof prepared === 'string') node24 = { version: '24', absent: prepared };
  else {
    try {
      const out = join(prepared.checkout, 'node24-rows.json');
      const args = process.argv.slice(2).filter((arg) => arg !== '--node24');
      log(`B10: the same rows under Node ${prepared.version} (${prepared.checkout})`);
      execFileSync(prepared.node, ['--import', 'tsx', 'bench/run.ts', ...args, '--node24-child', out], {
        cwd: prepared.checkout,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const result = JSON.parse(readFileSync(out, 'utf8')) as { rows: Row[] };
      node24 = { version: prepared.version, rows: keep(result.rows), absent: '' };
    } catch (error) {
      node24 = {
        version: prepared.version,
        absent: `Node 24 run failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      };
    } finally {
      rmSync(prepared.checkout, { recursive: true, force: true });
    }
  }
}

const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const table = renderTable(kept);
process.stdout.write(`${table}\n`);
const sideBySide =
  node24 === undefined
    ? undefined
    : renderSideBySide(
        { label: `Node ${process.version}`, rows: kept },
        { label: `Node ${node24.version}`, ...(node24.rows && { rows: node24.rows }), absent: node24.absent || 'Node 24 not available' },
      );
if (sideBySide !== undefined) process.stdout.write(`\nB10: every row on both Nodes\n\n${sideBySide}\n`);
const mode = full ? 'full' : quick ? 'quick' : 'default';
process.stdout.write(`\n${command} — ${mode} sizes, ${((nowMs() - started) / 1000).toFixed(0)} s, ${machine(process.version)}\n`);
writeFileSync(
  join(ROOT, 'bench/results.json'),
  `${JSON.stringify(
    {
      command,
      mode,
      at: new Date().toISOString(),
      machine: machine(process.version),
      seconds: (nowMs() - started) / 1000,
      rows: kept.map((row) => ({ ...row, ratio: ratio(row) ?? null })),
      table,
      ...(node24 && {
        node24: {
          version: node24.version,
          rows: node24.rows?.map((row) => ({ ...row, ratio: ratio(row) ?? null })) ?? null,
          absent: node24.absent,
        },
        sideBySide,
      }),
    },
    null,
    2,
  )}\n`,
);
