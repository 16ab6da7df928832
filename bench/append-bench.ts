/**
 * B3: single-event appends, one transaction each, through SqliteEventStore at
 * its default durability (WAL, synchronous = FULL), against raw better-sqlite3
 * single-row INSERT transactions (BEGIN IMMEDIATE) with the same pragmas, on
 * the same table (created by the store itself), in the same temp dir.
 * Runs alternate raw / store, each on a fresh file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../src/events/event-store.js';
import { openSqliteEventStore } from '../src/events/sqlite/event-store.js';
import { testKeyring } from '../test/support/audit-key.js';
import type { Row } from './report.js';
import { nowMs, summarize } from './stats.js';

const STREAMS = 100;

function event(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'PaymentRecorded',
    schemaVersion: 1,
    data: { contractId: `contract${i % STREAMS}`, amountCents: 100 + i },
    metadata: {
      actor: { id: 'bench12345', role: 'commercial' },
      at: new Date(1_750_000_000_000 + i * 1000).toISOString(),
      commandId: randomUUID(),
    },
  };
}

async function storeRate(dir: string, count: number): Promise<number> {
  const path = join(dir, `store-${randomUUID()}.db`);
  const store = await openSqliteEventStore(path, { keyring: testKeyring });
  const versions = new Array<number>(STREAMS).fill(0);
  const events = Array.from({ length: count }, (_, i) => event(i));
  const start = nowMs();
  for (let i = 0; i < count; i += 1) {
    const stream = i % STREAMS;
    const expected = versions[stream] as number;
    await store.append(`client-s${stream}`, [events[i] as NewEvent], expected);
    versions[stream] = expected + 1;
  }
  const ms = nowMs() - start;
  await store.close();
  rmSync(path, { force: true });
  return (count / ms) * 1000;
}

async function rawRate(dir: string, count: number): Promise<number> {
  const path = join(dir, `raw-${randomUUID()}.db`);
  // The same table and indexes: the store creates them.
  await (await openSqliteEventStore(path, { keyring: testKeyring })).close();
  const db = new Database(path, { timeout: 5000 });
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const one = db.transaction((values: readonly unknown[]) => insert.run(...values));
  const hash = 'f'.repeat(64);
  const rows = Array.from({ length: count }, (_, i) => {
    const e = event(i);
    return [
      e.id,
      `client-s${i % STREAMS}`,
      Math.floor(i / STREAMS) + 1,
      e.type,
      1,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
      e.metadata.at,
      hash,
      hash,
    ];
  });
  const start = nowMs();
  for (const row of rows) one.immediate(row);
  const ms = nowMs() - start;
  db.close();
  rmSync(path, { force: true });
  return (count / ms) * 1000;
}

export async function appendBench(options: { reps: number; count: number; log: (line: string) => void }): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'epic-bench-append-'));
  options.log(`B3: ${options.count} single-event appends x ${options.reps} (store and raw, alternating)`);
  const store: number[] = [];
  const raw: number[] = [];
  try {
    for (let i = 0; i < options.reps; i += 1) {
      raw.push(await rawRate(dir, options.count));
      store.push(await storeRate(dir, options.count));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const value = summarize(store);
  const baseline = summarize(raw);
  return [
    {
      id: 'B3',
      what: `single-event appends, synchronous=FULL (${options.count} per run)`,
      unit: '/s',
      value,
      baseline,
      baselineWhat: 'raw better-sqlite3 insert txns',
      target: '≥ 0.8× raw',
      met: value.median / baseline.median >= 0.8,
    },
  ];
}
