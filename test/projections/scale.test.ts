/**
 * Listings stay fast on a large read database: 200,000 contracts of 1,000
 * clients (100 commercials), 10,000 events. The rows are generated in SQL (a
 * replay through the projector would take longer than the point needs); the
 * unpaid ones are the most recent, the worst case for a scan in created order.
 * The synthetic instants are not all real dates, only sortable ISO-shaped text.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import * as assert from 'uvu/assert';
import { listClients, listContracts, listOccasions, resolveId } from '../../src/projections/queries/index.js';
import type { Database } from '../../src/projections/read-db/database.js';
import { rejection } from '../event-store/rejection.js';
import { english } from '../support/english.js';
import { describeReadDb } from '../support/read-db-matrix.js';

const CONTRACTS = 200_000;
/** Generous: the point is "an index answers", which takes a few ms; a scan of 200k rows takes far longer. */
const BUDGET_MS = 150;

const digits = sql`(select 0 as d union all select 1 union all select 2 union all select 3 union all select 4
  union all select 5 union all select 6 union all select 7 union all select 8 union all select 9)`;

/** Zero-padded text of a digit column (concat() turns them into text on both dialects). */
const cat = (...parts: RawBuilder<unknown>[]) => sql`concat(${sql.join(parts)})`;

async function fill(db: Kysely<Database>): Promise<void> {
  const at = sql.lit('2026-01-01T00:00:00.000Z');
  await sql`insert into users (id, name, email, role, created_at, updated_at)
    select ${cat(sql.lit('com'), sql`a.d`, sql`b.d`)}, ${cat(sql.lit('Commercial '), sql`a.d`, sql`b.d`)}, 'c@epic.test', 'commercial', ${at}, ${at}
    from ${digits} a, ${digits} b`.execute(db);
  await sql`insert into clients (id, name, email, phone, company, commercial_id, search, created_at, updated_at)
    select ${cat(sql.lit('cli'), sql`a.d`, sql`b.d`, sql`c.d`)}, ${cat(sql.lit('Client '), sql`a.d`, sql`b.d`, sql`c.d`)}, 'x@y.test', null, null,
      ${cat(sql.lit('com'), sql`b.d`, sql`c.d`)}, ${cat(sql.lit('client '), sql`a.d`, sql`b.d`, sql`c.d`)}, ${at}, ${at}
    from ${digits} a, ${digits} b, ${digits} c`.execute(db);
  // 2 x 100,000 contracts; n = 0..99,999 within each half, the second half created later; the last 5% are unpaid.
  const n = sql`(a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d)`;
  for (const half of [0, 1]) {
    const unpaid = sql`case when ${sql.lit(half)} = 1 and ${n} >= 90000 then 1 else 0 end`;
    await sql`insert into contracts (id, client_id, total_cents, remaining_cents, signed, unpaid, created_at, updated_at)
      select ${cat(sql.lit(`con${half}`), sql`a.d`, sql`b.d`, sql`c.d`, sql`e.d`, sql`f.d`)}, ${cat(sql.lit('cli'), sql`c.d`, sql`e.d`, sql`f.d`)}, 150050,
        ${unpaid} * 50, case when f.d = 7 then 0 else 1 end, ${unpaid},
        ${cat(sql.lit(`2026-0${half + 1}-`), sql`a.d`, sql.lit('1T'), sql`b.d`, sql`c.d`, sql.lit(':0'), sql`e.d`, sql.lit(':0'), sql`f.d`, sql.lit('.000Z'))}, ${at}
      from ${digits} a, ${digits} b, ${digits} c, ${digits} e, ${digits} f`.execute(db);
  }
  await sql`insert into occasions (id, contract_id, client_id, name, start_at, end_at, location, attendees, notes, support_id, created_at, updated_at)
    select ${cat(sql.lit('occ'), sql`a.d`, sql`b.d`, sql`c.d`, sql`e.d`)}, ${cat(sql.lit('con1'), sql`a.d`, sql`b.d`, sql`c.d`, sql`e.d`, sql.lit('0'))},
      ${cat(sql.lit('cli'), sql`c.d`, sql`e.d`, sql.lit('0'))}, 'Party',
      ${cat(sql.lit('2026-0'), sql`a.d`, sql.lit('-1'), sql`b.d`, sql.lit('T1'), sql`c.d`, sql.lit(':0'), sql`e.d`, sql.lit(':00.000Z'))}, '2026-12-01T00:00:00.000Z', 'Paris', 10, null,
      case when e.d = 0 then null else ${cat(sql.lit('sup'), sql`e.d`)} end, ${at}, ${at}
    from ${digits} a, ${digits} b, ${digits} c, ${digits} e`.execute(db);
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  return { result, ms };
}

describeReadDb('queries at scale (200,000 contracts)', (test, dialect) => {
  test('the first page of unpaid contracts comes from an index, in a few ms', async ({ readDb }) => {
    const { db } = readDb;
    await fill(db);
    const count = await db
      .selectFrom('contracts')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.is(Number(count.n), CONTRACTS);

    const all = { scope: 'all', actorId: 'com00' } as const;
    // Warm the caches once, then measure.
    await listContracts(db, { ...all, unpaid: true, limit: 50 });
    const unpaid = await timed(() => listContracts(db, { ...all, unpaid: true, limit: 50 }));
    assert.is(unpaid.result.length, 50);
    assert.is(unpaid.result[0]?.id, 'con190000', 'the oldest unpaid, in created order');
    assert.ok(unpaid.result.every((c) => c.remainingAmount === '0.50'));
    assert.ok(unpaid.ms < BUDGET_MS, `--unpaid first page took ${unpaid.ms.toFixed(1)} ms`);

    const unsigned = await timed(() => listContracts(db, { ...all, unsigned: true, limit: 50 }));
    assert.equal([unsigned.result.length, unsigned.result.every((c) => !c.signed)], [50, true]);
    assert.ok(unsigned.ms < BUDGET_MS, `--unsigned first page took ${unsigned.ms.toFixed(1)} ms`);

    const page = await timed(() => listContracts(db, { ...all, limit: 50 }));
    assert.is(page.result[0]?.id, 'con000000');
    assert.ok(page.ms < BUDGET_MS, `first page took ${page.ms.toFixed(1)} ms`);

    const client = await timed(() => listContracts(db, { ...all, clientId: 'cli042' }));
    assert.is(client.result.length, 200);
    assert.ok(client.ms < BUDGET_MS, `--client took ${client.ms.toFixed(1)} ms`);

    const ownUnpaid = await timed(() => listContracts(db, { scope: 'own', actorId: 'com42', unpaid: true, limit: 50 }));
    assert.ok(ownUnpaid.result.every((c) => c.commercialId === 'com42'));
    assert.ok(ownUnpaid.ms < BUDGET_MS, `own --unpaid took ${ownUnpaid.ms.toFixed(1)} ms`);

    const assigned = await timed(() => listContracts(db, { scope: 'assigned', actorId: 'sup3', limit: 50 }));
    assert.is(assigned.result.length, 50);
    assert.ok(assigned.ms < BUDGET_MS, `a support's first page took ${assigned.ms.toFixed(1)} ms`);

    const events = await timed(() => listOccasions(db, { ...all, unassigned: true, limit: 50 }));
    assert.ok(events.result.length === 50 && events.result.every((o) => o.supportId === null));
    assert.ok(events.ms < BUDGET_MS, `--unassigned first page took ${events.ms.toFixed(1)} ms`);

    const own = await timed(() => listClients(db, { scope: 'own', actorId: 'com42' }));
    assert.is(own.result.length, 10);
    assert.ok(own.ms < BUDGET_MS, `own clients took ${own.ms.toFixed(1)} ms`);

    const exact = await timed(() => resolveId(db, 'contracts', 'con123456'));
    assert.is(exact.result, 'con123456');
    assert.ok(exact.ms < BUDGET_MS);
    const ambiguous = await timed(() => rejection(resolveId(db, 'contracts', 'con1')));
    assert.match(english(ambiguous.result), /100000 contracts start with it/);
    assert.ok(ambiguous.ms < BUDGET_MS, `counting a prefix's matches took ${ambiguous.ms.toFixed(1)} ms`);

    if (dialect === 'sqlite') {
      const query = db
        .selectFrom('contracts')
        .select(['contracts.id', 'contracts.created_at'])
        .where('contracts.unpaid', '=', 1)
        .orderBy('contracts.created_at')
        .orderBy('contracts.id')
        .limit(50)
        .compile();
      const plan = await sql.raw<{ detail: string }>(`explain query plan ${query.sql.replace(/\?/g, '1')}`).execute(db);
      const details = plan.rows.map((row) => row.detail).join('; ');
      assert.match(details, /contracts_unpaid_idx/);
      assert.not.match(details, /TEMP B-TREE/, 'no sort: the index is in order');
    }
  });
});
