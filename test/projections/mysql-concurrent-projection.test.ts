/**
 * Issue 4: several processes append to their own streams on the MySQL event
 * store while a projector follows the log with its checkpoint; afterwards
 * every event was projected exactly once. Payments decrement
 * `remaining_cents`, so an event applied twice or skipped shows in the
 * amounts, not only in row counts.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openMysqlEventStore } from '../../src/events/mysql/event-store.js';
import { catchUp } from '../../src/projections/projector.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { createTestDatabase, FIXTURE_URL_VARIABLE, mysqlTestUrl } from '../event-store/mysql-test-database.js';
import { testKeyring } from '../support/audit-key.js';

const WRITERS = 4;
const PAYMENTS = 40;
const script = fileURLToPath(new URL('./fixtures/payment-appender.ts', import.meta.url));

function runWriter(url: string, writer: string): Promise<{ clientId: string; contractId: string; payments: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, writer, String(PAYMENTS)], {
      env: { ...process.env, [FIXTURE_URL_VARIABLE]: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { clientId: string; contractId: string; payments: number })
        : reject(new Error(`writer ${writer} exited ${code}: ${err}`)),
    );
  });
}

const serverUrl = mysqlTestUrl();
if (serverUrl !== undefined) {
  const test = suite('MySQL event store: appending processes and a following projector');

  test(`${WRITERS} processes × ${PAYMENTS} payments while the projector follows: every event projected exactly once`, async () => {
    const events = await createTestDatabase(serverUrl);
    const reads = await createTestDatabase(serverUrl);
    const store = await openMysqlEventStore(events.url, { keyring: testKeyring });
    const readDb = await openReadDb(reads.url);
    try {
      let done = false;
      const writers = Promise.all(Array.from({ length: WRITERS }, (_, i) => runWriter(events.url, `w${i}`))).finally(() => (done = true));
      // The projector follows while the writers append: small batches, checkpoint each time.
      let rounds = 0;
      while (!done) {
        await catchUp(store, readDb, { batchSize: 7 });
        rounds++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const written = await writers;
      await catchUp(store, readDb, { batchSize: 7 });
      assert.ok(rounds > 1, 'the projector ran while the writers appended');

      const contracts = await readDb.db.selectFrom('contracts').select(['id', 'remaining_cents']).orderBy('id').execute();
      assert.equal(
        contracts.map((c) => [c.id, Number(c.remaining_cents)]),
        written.map((w) => [w.contractId, 1_000_000 - PAYMENTS]).sort(),
        'each contract lost exactly one cent per payment',
      );
      const state = await readDb.db.selectFrom('projection_state').select(['name', 'position']).execute();
      const head = await store.headPosition();
      assert.is(head, WRITERS * (2 + PAYMENTS), 'positions have no gaps');
      for (const projection of state) assert.is(Number(projection.position), head, `${projection.name} checkpoint at the head`);
    } finally {
      await readDb.close();
      await store.close();
      await Promise.all([events.drop(), reads.drop()]);
    }
  });

  test.run();
}
