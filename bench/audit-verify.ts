/**
 * How long `audit verify` takes over a log of 100,000 events (default; pass
 * another count as the first argument) in 2,000 streams, on the embedded
 * SQLite store. Run: node --import tsx bench/audit-verify.ts [events]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLog } from '../src/audit/verify.js';
import type { NewEvent } from '../src/events/event-store.js';
import { openSqliteEventStore } from '../src/events/sqlite/event-store.js';

const total = Number(process.argv[2] ?? 100_000);
const streams = 2_000;
const perAppend = 10;
const dir = mkdtempSync(join(tmpdir(), 'epic-bench-verify-'));
try {
  const store = await openSqliteEventStore(join(dir, 'events.db'), { synchronous: 'NORMAL' });
  const started = performance.now();
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let written = 0;
  while (written < total) {
    for (let s = 0; s < streams && written < total; s++) {
      const count = Math.min(perAppend, total - written);
      const events: NewEvent[] = Array.from({ length: count }, (_, i) => ({
        id: randomUUID(),
        type: 'PaymentRecorded',
        schemaVersion: 1,
        data: { contractId: `contract-${s}`, amountCents: 100 + i, note: 'x'.repeat(40) },
        metadata: {
          actor: { id: 'bench-user', role: 'gestion' },
          at: new Date(start + written + i).toISOString(),
          commandId: randomUUID(),
        },
      }));
      await store.append(`client-${String(s).padStart(6, '0')}`, events, 'any');
      written += count;
    }
  }
  const filled = performance.now();
  const report = await verifyLog(store);
  const verified = performance.now();
  await store.close();
  if (!report.ok || report.events !== total)
    throw new Error(`unexpected report: ${JSON.stringify({ ok: report.ok, events: report.events })}`);
  const seconds = (verified - filled) / 1000;
  console.log(`filled ${total} events in ${streams} streams in ${((filled - started) / 1000).toFixed(1)} s`);
  console.log(
    `audit verify: ${report.events} events, ${report.streams} streams in ${seconds.toFixed(2)} s (${Math.round(report.events / seconds)} events/s), digest ${report.digest.slice(0, 16)}…`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
