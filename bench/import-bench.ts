/**
 * B9: `epic import clients` of a CSV of new clients, a whole process at the
 * default durability, against a raw whole process inserting the same events
 * (the rows that import wrote, read back once) with better-sqlite3 into the
 * same log as it stood before, in transactions of RAW_BATCH rows, WAL and
 * synchronous = FULL like the store. Pairs A B A B …, each side on a fresh
 * copy of the same installation; the figure is a rate (rows/s) and the ratio
 * raw time / import time pair by pair (≥ 0.3: the import at least 0.3× as fast).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Launch, timeLaunch } from './launch.js';
import { app, epic, epicEnv, ROOT } from './processes.js';
import type { Row } from './report.js';
import { summarize } from './stats.js';

const PASSWORD = 'staple battery horse correct';
const RAW_BATCH = 1_000;

const RAW_BATCHED_INSERT = `
const Database = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});
const { readFileSync } = require('node:fs');
const rows = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const insert = db.prepare('INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const batch = db.transaction((slice) => { for (const row of slice) insert.run(row); });
for (let i = 0; i < rows.length; i += ${RAW_BATCH}) batch.immediate(rows.slice(i, i + ${RAW_BATCH}));
db.close();
`;

export async function importBench(options: { rows: number; pairs: number; log: (line: string) => void }): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'epic-bench-import-'));
  const what = `\`epic import clients\`, ${options.rows.toLocaleString('en')} new rows`;
  try {
    const template = join(dir, 'template');
    mkdirSync(template);
    await epic(template, ['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], PASSWORD);
    await epic(
      template,
      ['user', 'create', '--name', 'Gina Gestion', '--email', 'gina@epic.test', '--role', 'gestion', '--password-stdin'],
      PASSWORD,
    );
    await epic(
      template,
      ['user', 'create', '--name', 'Carl Commercial', '--email', 'carl@epic.test', '--role', 'commercial', '--password-stdin'],
      PASSWORD,
    );
    await epic(template, ['login', '--email', 'gina@epic.test', '--password-stdin'], PASSWORD);
    const csv = join(dir, 'clients.csv');
    const lines = ['name,email,phone,company,commercial'];
    for (let i = 0; i < options.rows; i++)
      lines.push(`Client ${i},client${i}@example.com,+33 1 23 45 ${String(i % 100).padStart(2, '0')} 00,Company ${i % 500},carl@epic.test`);
    writeFileSync(csv, `${lines.join('\n')}\n`);

    const fresh = (name: string) => {
      const home = join(dir, name);
      rmSync(home, { recursive: true, force: true });
      cpSync(template, home, { recursive: true });
      return home;
    };
    const importLaunch = (home: string): Launch => ({
      command: process.execPath,
      args: [join(app.root, 'bin/epic.js'), 'import', 'clients', csv],
      env: epicEnv(home),
      cwd: home,
    });
    // Once, untimed: the events an import of this file writes, as the raw side will insert them.
    options.log(`B9: importing ${options.rows} clients once to read back the events it writes`);
    const first = fresh('first');
    const before = new Database(join(template, 'events.db'), { readonly: true });
    const last = (before.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
    before.close();
    timeLaunch(importLaunch(first), join(dir, 'first.out'));
    const written = new Database(join(first, 'events.db'), { readonly: true });
    const events = written
      .prepare(
        'SELECT id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash FROM events WHERE position > ? ORDER BY position',
      )
      .raw()
      .all(last);
    written.close();
    if (events.length < options.rows) throw new Error(`B9: the import wrote ${events.length} events for ${options.rows} rows`);
    const rowsFile = join(dir, 'events.json');
    writeFileSync(rowsFile, JSON.stringify(events));
    const rawLaunch = (home: string): Launch => ({
      command: process.execPath,
      args: ['-e', RAW_BATCHED_INSERT, join(home, 'events.db'), rowsFile],
      env: { PATH: process.env.PATH },
    });

    options.log(`B9: import against the raw batched insert, ${options.pairs} pairs`);
    const imports: number[] = [];
    const raws: number[] = [];
    const ratios: number[] = [];
    for (let round = -1; round < options.pairs; round++) {
      const a = fresh('a');
      const b = fresh('b');
      const ta = timeLaunch(importLaunch(a));
      const tb = timeLaunch(rawLaunch(b));
      if (round < 0) continue;
      imports.push((options.rows / ta) * 1000);
      raws.push((options.rows / tb) * 1000);
      ratios.push(tb / ta);
    }
    const pairs = summarize(ratios);
    return [
      {
        id: 'B9',
        what: `${what}, default durability (${events.length.toLocaleString('en')} events)`,
        unit: '/s',
        value: summarize(imports),
        baseline: summarize(raws),
        baselineWhat: `raw insert of the same events, ${RAW_BATCH.toLocaleString('en')} per transaction`,
        pairs,
        target: '≥ 0.3× raw',
        met: pairs.median >= 0.3,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
