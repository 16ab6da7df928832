/**
 * B4 and B7: a log of about N events in the realistic mix (workload.ts),
 * written through the bulk path (bulk-log.ts); then, rep by rep, a rebuild
 * of every projection into an empty read database in a child process
 * (rebuild-child.ts: time and peak RSS) and the raw multi-row insert of the
 * rows it produced into another empty database of the same kind
 * (raw-insert-child.ts). The figure is events/s against raw rows/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkLog } from './bulk-log.js';
import { tsxChild } from './processes.js';
import type { Row } from './report.js';
import { nowMs, summarize } from './stats.js';
import { writeWorkload } from './workload.js';

interface RebuildRun {
  readonly ms: number;
  readonly events: number;
  readonly maxRssMb: number;
}

interface RawRun {
  readonly ms: number;
  readonly rows: number;
}

export interface RebuildBenchOptions {
  readonly reps: number;
  readonly events: number;
  readonly mysqlUrl: string | undefined;
  readonly log: (line: string) => void;
}

export async function rebuildBench(options: RebuildBenchOptions): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'epic-bench-rebuild-'));
  const eventsPath = join(dir, 'events.db');
  try {
    const started = nowMs();
    const log = await BulkLog.open(eventsPath);
    const mix = writeWorkload(log, options.events);
    log.close();
    options.log(
      `B4: wrote ${mix.events} events (${mix.clients} clients, ${mix.contracts} contracts, ${mix.occasions} occasions) in ${((nowMs() - started) / 1000).toFixed(1)} s`,
    );

    const rows: Row[] = [];
    const targets: { name: string; url: (rep: number) => string; rawTarget: (rep: number) => string }[] = [
      { name: 'SQLite', url: (rep) => `sqlite:${join(dir, `read-${rep}.db`)}`, rawTarget: (rep) => `sqlite:${join(dir, `raw-${rep}.db`)}` },
    ];
    const mysqlUrl = options.mysqlUrl;
    if (mysqlUrl !== undefined) targets.push({ name: 'MySQL', url: () => mysqlUrl, rawTarget: () => mysqlUrl });

    let memory: number[] = [];
    for (const target of targets) {
      const rebuilds: RebuildRun[] = [];
      const raws: RawRun[] = [];
      for (let rep = 0; rep < options.reps; rep += 1) {
        const rebuilt = await tsxChild<RebuildRun>('rebuild-child.ts', [eventsPath, target.url(rep)]);
        const raw = await tsxChild<RawRun>('raw-insert-child.ts', [target.url(rep), target.rawTarget(rep)]);
        options.log(
          `B4 ${target.name} rep ${rep + 1}: rebuild ${rebuilt.events} events in ${rebuilt.ms.toFixed(0)} ms (peak RSS ${rebuilt.maxRssMb.toFixed(0)} MB); raw insert ${raw.rows} rows in ${raw.ms.toFixed(0)} ms`,
        );
        rebuilds.push(rebuilt);
        raws.push(raw);
        if (target.name === 'SQLite') {
          rmSync(join(dir, `read-${rep}.db`), { force: true });
          rmSync(join(dir, `raw-${rep}.db`), { force: true });
        }
      }
      if (target.name === 'SQLite') memory = rebuilds.map((r) => r.maxRssMb);
      const value = summarize(rebuilds.map((r) => (r.events / r.ms) * 1000));
      const baseline = summarize(raws.map((r) => (r.rows / r.ms) * 1000));
      rows.push({
        id: 'B4',
        what: `rebuild of ${mix.events} events into read tables, ${target.name} (→ ${raws[0]?.rows ?? 0} rows)`,
        unit: '/s',
        value,
        baseline,
        baselineWhat: 'raw multi-row insert, rows/s',
        target: 'events/s ≥ 1.0× rows/s',
        met: value.median / baseline.median >= 1,
      });
    }
    if (mysqlUrl === undefined)
      rows.push({
        id: 'B4',
        what: 'rebuild, MySQL',
        unit: '/s',
        target: 'events/s ≥ 1.0× rows/s',
        notMeasured: 'no EPIC_BENCH_MYSQL_URL / EPIC_TEST_MYSQL_URL',
      });
    const peak = summarize(memory);
    rows.push({
      id: 'B7',
      what: `peak RSS of the SQLite rebuild of ${mix.events} events (child process, incl. tsx loader)`,
      unit: 'MB',
      value: peak,
      target: '< 300 MB',
      met: peak.max < 300,
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
