/**
 * B6: the query behind `epic contract list --unpaid --json`, first page,
 * timed as a function call (listContracts over Kysely, the CLI's own code)
 * on a read database holding N contracts, 10% of them unpaid and spread over
 * the whole range. Rows are inserted directly (the time is the query's, not
 * the data's); the schema is the migrated one. Gestion (scope all) and one
 * commercial (scope own: their clients' contracts) are both measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { catchUp } from '../src/projections/projector.js';
import { listContracts } from '../src/projections/queries/index.js';
import type { NewClientRow, NewContractRow, NewUserRow } from '../src/projections/read-db/database.js';
import type { ReadDb } from '../src/projections/read-db/open-read-db.js';
import { openReadDb } from '../src/projections/read-db/open-read-db.js';
import { insertRows } from '../src/projections/read-db/upsert.js';
import { InMemoryEventStore } from '../test/support/in-memory-event-store.js';
import type { Row } from './report.js';
import { nowMs, summarize } from './stats.js';
import { prng, shortId } from './workload.js';

const PAGE = 50;
const COMMERCIALS = 20;

export interface ListingBenchOptions {
  readonly contracts: number;
  readonly reps: number;
  readonly mysqlUrl: string | undefined;
  readonly log: (line: string) => void;
}

async function fill(readDb: ReadDb, contracts: number): Promise<{ commercialId: string }> {
  const random = prng(5);
  const at = (i: number) => new Date(Date.parse('2023-01-01T00:00:00.000Z') + i * 60_000).toISOString();
  // The tables in the shape the projections build now (a version newer than the migrations' is rebuilt by this catch-up).
  await catchUp(new InMemoryEventStore(), readDb);
  await readDb.db.deleteFrom('contracts').execute();
  await readDb.db.deleteFrom('clients').execute();
  await readDb.db.deleteFrom('users').execute();
  const users: NewUserRow[] = Array.from({ length: COMMERCIALS }, (_, i) => ({
    id: `commercial${i}`,
    name: `Commercial ${i}`,
    email: `c${i}@epic.test`,
    role: 'commercial',
    disabled: 0,
    created_at: at(0),
    updated_at: at(0),
  }));
  const clients: NewClientRow[] = Array.from({ length: Math.max(1, Math.floor(contracts / 10)) }, (_, i) => ({
    id: `client${String(i).padStart(7, '0')}`,
    name: `Client ${i}`,
    email: `client${i}@example.com`,
    phone: null,
    company: null,
    commercial_id: `commercial${i % COMMERCIALS}`,
    search: `client ${i}`,
    created_at: at(i),
    updated_at: at(i),
  }));
  await readDb.db.transaction().execute(async (trx) => {
    await insertRows(trx, 'users', users);
    await insertRows(trx, 'clients', clients);
    const chunk: NewContractRow[] = [];
    for (let i = 0; i < contracts; i += 1) {
      const unpaid = random() < 0.1;
      chunk.push({
        id: shortId(random),
        client_id: clients[Math.floor(random() * clients.length)]?.id ?? 'client0000000',
        total_cents: 500_000,
        remaining_cents: unpaid ? 100_000 : 0,
        signed: 1,
        unpaid: unpaid ? 1 : 0,
        created_at: at(i),
        updated_at: at(i),
      });
      if (chunk.length === 10_000 || i === contracts - 1) {
        await insertRows(trx, 'contracts', chunk);
        chunk.length = 0;
      }
    }
  });
  return { commercialId: 'commercial3' };
}

async function timeQuery(reps: number, query: () => Promise<unknown[]>): Promise<number[]> {
  for (let i = 0; i < 3; i += 1) await query(); // warm: statement cache, pages in memory
  const samples: number[] = [];
  for (let i = 0; i < reps; i += 1) {
    const start = nowMs();
    const rows = await query();
    samples.push(nowMs() - start);
    if (rows.length !== PAGE) throw new Error(`expected a page of ${PAGE}, got ${rows.length}`);
  }
  return samples;
}

export async function listingBench(options: ListingBenchOptions): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'epic-bench-listing-'));
  const rows: Row[] = [];
  try {
    const targets: { name: string; url: string }[] = [{ name: 'SQLite', url: `sqlite:${join(dir, 'read.db')}` }];
    if (options.mysqlUrl !== undefined) targets.push({ name: 'MySQL', url: options.mysqlUrl });
    for (const target of targets) {
      const readDb = await openReadDb(target.url);
      try {
        const started = nowMs();
        const { commercialId } = await fill(readDb, options.contracts);
        if (readDb.dialect === 'mysql') await sql`analyze table users, clients, contracts`.execute(readDb.db);
        options.log(`B6 ${target.name}: ${options.contracts} contracts inserted in ${((nowMs() - started) / 1000).toFixed(1)} s`);
        for (const [who, scope, actorId] of [
          ['gestion', 'all', 'admin'],
          ['a commercial', 'own', commercialId],
        ] as const) {
          const value = summarize(
            await timeQuery(options.reps, () => listContracts(readDb.db, { scope, actorId, unpaid: true, limit: PAGE })),
          );
          rows.push({
            id: 'B6',
            what: `\`contract list --unpaid\` first page (${PAGE}) query, ${options.contracts} contracts, ${target.name}, as ${who}`,
            unit: 'ms',
            value,
            target: '< 20 ms',
            met: value.median < 20,
          });
        }
      } finally {
        await readDb.close();
      }
    }
    if (options.mysqlUrl === undefined)
      rows.push({
        id: 'B6',
        what: '`contract list --unpaid`, MySQL',
        unit: 'ms',
        target: '< 20 ms',
        notMeasured: 'no EPIC_BENCH_MYSQL_URL / EPIC_TEST_MYSQL_URL',
      });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
