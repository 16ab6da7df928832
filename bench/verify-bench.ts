/**
 * B8: `audit verify` over a log of 100,000 events in 2,000 streams on the
 * embedded SQLite store, keyed chain against the plain SHA-256 chain of the
 * release before (the same events, written once each way by bulk-log.ts), in
 * the same run, alternating. Both go through verifyLog: the plain log the way
 * a log written before the keyed chain is verified today (parsed, canonical
 * JSON, SHA-256), the keyed one as every new log is (one HMAC over the stored
 * texts). Issue 18's target: the keyed chain costs at most 10% more.
 * Issue 21's: verifying the keyed log costs at most 2× its floor, reading the
 * log raw (better-sqlite3, every row in order) and computing each row's HMAC
 * link, in the same run (floor, keyed, plain, …).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyLog } from '../src/audit/verify.js';
import { keyedHash } from '../src/events/keyed-chain.js';
import { openSqliteEventStore } from '../src/events/sqlite/event-store.js';
import { TEST_AUDIT_KEY } from '../test/support/audit-key.js';
import { BulkLog } from './bulk-log.js';
import type { Row } from './report.js';
import { nowMs, summarize } from './stats.js';

const STREAMS = 2_000;

async function fill(path: string, events: number, chain: 'keyed' | 'plain'): Promise<void> {
  const log = await BulkLog.open(path, chain);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  for (let n = 0; n < events; n++) {
    const stream = Math.floor(n / 10) % STREAMS;
    log.append(
      `client-${String(stream).padStart(6, '0')}`,
      'PaymentRecorded',
      { contractId: `contract-${stream}`, amountCents: 100 + (n % 10), note: 'x'.repeat(40) },
      { id: 'benchuser1', role: 'gestion' },
      new Date(start + n),
      `command-${Math.floor(n / 10)}`,
    );
  }
  log.close();
}

async function verifyMs(path: string, chain: 'keyed' | 'plain', events: number): Promise<number> {
  const store = await openSqliteEventStore(path);
  try {
    const started = nowMs();
    const report = await verifyLog(store, chain === 'keyed' ? { key: TEST_AUDIT_KEY } : {});
    const ms = nowMs() - started;
    if (!report.ok || report.events !== events || report.chain !== chain) {
      throw new Error(`B8: unexpected ${chain} report: ${JSON.stringify({ ok: report.ok, events: report.events, chain: report.chain })}`);
    }
    return ms;
  } finally {
    await store.close();
  }
}

interface StoredRow {
  id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  at: string;
  prev_hash: string;
  hash: string;
}

/** The floor: every row read in order and its keyed link computed and compared; nothing else. */
function rawReadAndHashMs(path: string, events: number): number {
  const started = nowMs();
  const db = new Database(path, { readonly: true });
  let n = 0;
  let broken = 0;
  for (const row of db
    .prepare<[], StoredRow>(
      'SELECT id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash FROM events ORDER BY position',
    )
    .iterate()) {
    const link = keyedHash(TEST_AUDIT_KEY, row.prev_hash, {
      id: row.id,
      streamId: row.stream_id,
      version: row.version,
      type: row.type,
      schemaVersion: row.schema_version,
      at: row.at,
      metadata: row.metadata,
      data: row.data,
    });
    if (link !== row.hash) broken++;
    n++;
  }
  db.close();
  const ms = nowMs() - started;
  if (n !== events || broken !== 0) throw new Error(`B8: the raw read saw ${n} events, ${broken} links broken`);
  return ms;
}

export async function verifyBench(options: { reps: number; events: number; log: (line: string) => void }): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'epic-bench-verify-'));
  const plainPath = join(dir, 'plain.db');
  const keyedPath = join(dir, 'keyed.db');
  try {
    options.log(`B8: filling two logs of ${options.events} events in ${STREAMS} streams (plain and keyed links)`);
    await fill(plainPath, options.events, 'plain');
    await fill(keyedPath, options.events, 'keyed');
    options.log(`B8: audit verify x ${options.reps} each, alternating`);
    const plain: number[] = [];
    const keyed: number[] = [];
    const floor: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < options.reps; i++) {
      floor.push(rawReadAndHashMs(keyedPath, options.events));
      keyed.push(await verifyMs(keyedPath, 'keyed', options.events));
      ratios.push((keyed[i] as number) / (floor[i] as number));
      plain.push(await verifyMs(plainPath, 'plain', options.events));
    }
    const value = summarize(keyed);
    const baseline = summarize(plain);
    const pairs = summarize(ratios);
    return [
      {
        id: 'B8',
        what: `audit verify, ${options.events.toLocaleString('en')} events in ${STREAMS.toLocaleString('en')} streams, keyed chain`,
        unit: 'ms',
        value,
        baseline: summarize(floor),
        baselineWhat: 'raw read of the log + each HMAC link',
        pairs,
        target: '≤ 2×',
        met: pairs.median <= 2,
      },
      {
        id: 'B8',
        what: 'same, keyed chain against the plain one (issue 18)',
        unit: 'ms',
        value,
        baseline,
        baselineWhat: 'the plain SHA-256 chain, same events',
        target: '≤ 1.1×',
        met: value.median / baseline.median <= 1.1,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
