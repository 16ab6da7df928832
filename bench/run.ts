/**
 * `npm run bench [-- --full] [-- --only B1,B4] [-- --no-build]`: the benchmarks of issue 9.
 * Builds the CLI (what bin/epic.js loads) into a private copy (`--no-build`:
 * measure ./bin/epic.js and ./dist as they are), generates its own data sets in
 * temp dirs, runs each measurement several times next to a baseline taken in
 * the same run, prints one table and writes bench/results.json.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendBench } from './append-bench.js';
import { cliBench } from './cli-bench.js';
import { listingBench } from './listing-bench.js';
import { app, privateBuild, ROOT } from './processes.js';
import { rebuildBench } from './rebuild-bench.js';
import { type Row, ratio, renderTable } from './report.js';
import { nowMs } from './stats.js';
import { verifyBench } from './verify-bench.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

const full = values.full === true;
const sizes = full
  ? {
      reps: 9,
      clients: 10_000,
      historyEvents: 10_000,
      appends: 1_000,
      appendReps: 7,
      rebuildEvents: 1_000_000,
      rebuildReps: 3,
      contracts: 200_000,
      queryReps: 30,
      verifyEvents: 100_000,
      verifyReps: 7,
    }
  : {
      reps: 7,
      clients: 10_000,
      historyEvents: 10_000,
      appends: 300,
      appendReps: 5,
      rebuildEvents: 100_000,
      rebuildReps: 3,
      contracts: 20_000,
      queryReps: 30,
      verifyEvents: 100_000,
      verifyReps: 5,
    };
const only = values.only === undefined ? undefined : new Set(values.only.split(',').map((id) => id.trim().toUpperCase()));
const wanted = (...ids: string[]) => only === undefined || ids.some((id) => only.has(id));
const mysqlUrl = process.env.EPIC_BENCH_MYSQL_URL ?? process.env.EPIC_TEST_MYSQL_URL;
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = nowMs();
if (values['no-build'] !== true && wanted('B1', 'B2', 'B5')) await privateBuild(log);

const rows: Row[] = [];
try {
  if (wanted('B1', 'B2', 'B5'))
    rows.push(...(await cliBench({ reps: sizes.reps, clients: sizes.clients, historyEvents: sizes.historyEvents, log })));
  if (wanted('B3')) rows.push(...(await appendBench({ reps: sizes.appendReps, count: sizes.appends, log })));
  if (wanted('B4', 'B7')) rows.push(...(await rebuildBench({ reps: sizes.rebuildReps, events: sizes.rebuildEvents, mysqlUrl, log })));
  if (wanted('B6')) rows.push(...(await listingBench({ contracts: sizes.contracts, reps: sizes.queryReps, mysqlUrl, log })));
  if (wanted('B8')) rows.push(...(await verifyBench({ events: sizes.verifyEvents, reps: sizes.verifyReps, log })));
} finally {
  if (app.root !== ROOT) rmSync(app.root, { recursive: true, force: true });
}

const order = (row: Row) => Number(row.id.slice(1));
const kept = rows.filter((row) => only === undefined || only.has(row.id)).sort((a, b) => order(a) - order(b));
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const table = renderTable(kept);
process.stdout.write(`${table}\n`);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}`;
process.stdout.write(`\n${command} — ${full ? 'full' : 'default'} sizes, ${((nowMs() - started) / 1000).toFixed(0)} s, ${machine}\n`);
writeFileSync(
  join(ROOT, 'bench/results.json'),
  `${JSON.stringify(
    {
      command,
      full,
      at: new Date().toISOString(),
      machine,
      seconds: (nowMs() - started) / 1000,
      rows: kept.map((row) => ({ ...row, ratio: ratio(row) ?? null })),
      table,
    },
    null,
    2,
  )}\n`,
);
