/**
 * Payments racing `contract edit --total`: 4 processes record payments on one
 * contract while 4 others change its total, all at once. Whatever the order
 * the log settles on, no payment vanishes: at the end remaining = total − the
 * accepted payments, and every step of the stream keeps it so (folded from
 * the log, event by event). On SQLite, and on MySQL when EPIC_TEST_MYSQL_URL
 * is set.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accountStream } from '../../src/domain/accounts/account-events.js';
import { parseAmount } from '../../src/domain/values/money.js';
import { createTestDatabase, mysqlTestUrl, type TestDatabase } from '../event-store/mysql-test-database.js';
import { Installation } from '../support/cli.js';
import { assertOneLineError, assertReadTablesMatchRebuild, withEventStore } from './support/hardening.js';
import { runLanes } from './support/lanes.js';

const PAYERS = 4;
const EDITORS = 4;
const EACH = 8;

const serverUrl = mysqlTestUrl();
const backends: { name: string; env: () => Promise<Record<string, string>>; dispose: () => Promise<void> }[] = [
  { name: 'sqlite', env: async () => ({}), dispose: async () => undefined },
];
if (serverUrl !== undefined) {
  const databases: TestDatabase[] = [];
  const create = async () => {
    const database = await createTestDatabase(serverUrl);
    databases.push(database);
    return database.url;
  };
  backends.push({
    name: 'mysql',
    env: async () => ({ EPIC_EVENT_STORE: await create(), EPIC_READ_DB: await create() }),
    dispose: async () => {
      for (const database of databases) await database.drop();
    },
  });
}

for (const backend of backends) {
  const test = suite(`payments racing edit --total [${backend.name}]`);
  let app: Installation;
  let env: Record<string, string>;
  let laneEnv: Record<string, string | undefined>;

  test.before(async () => {
    env = await backend.env();
    app = new Installation(env);
    laneEnv = { PATH: process.env.PATH, HOME: app.home, EPIC_HOME: app.home, EPIC_BCRYPT_ROUNDS: '4', ...env };
    await app.seedTeam();
    await app.as('bob@epic.test');
  });
  test.after(async () => {
    app.cleanup();
    await backend.dispose();
  });

  test(`${PAYERS} processes pay while ${EDITORS} change the total: remaining = total − paid, always`, async () => {
    const clientId = await app.ok(['client', 'create', '--name', 'Race Client', '--email', 'race@amounts.io']);
    const contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '1000', '--signed']);
    const payments = Array.from({ length: PAYERS }, (_, i) =>
      Array.from({ length: EACH }, (_, j) => ['contract', 'pay', contractId, '--amount', `${10 + i}.${String(j).padStart(2, '0')}`]),
    );
    // Totals between 1,000 and 2,000: always above what can be paid (4 × 8 × at most 13.07), so none is refused as below it.
    const edits = Array.from({ length: EDITORS }, (_, i) =>
      Array.from({ length: EACH }, (_, j) => ['contract', 'edit', contractId, '--total', String(1000 + 100 * i + 10 * j)]),
    );
    const results = await runLanes(app.home, laneEnv, [...payments, ...edits]);
    let paid = 0;
    payments.forEach((lane, i) => {
      lane.forEach((args, j) => {
        const result = results[i]![j]!;
        if (result.code === 0) paid += parseAmount(args[4]!);
        else {
          assert.is(result.code, 6, `a payment is refused only as a conflict it could not reconcile: ${result.stderr}`);
          assertOneLineError(result, 'refused payment');
        }
      });
    });
    for (const result of results.slice(PAYERS).flat()) {
      if (result.code !== 0) {
        assert.is(result.code, 6, `an edit is refused only as a conflict it could not reconcile: ${result.stderr}`);
        assertOneLineError(result, 'refused edit');
      }
    }
    assert.ok(paid > 0, 'some payments went through');

    // Every step of the log keeps it: replay the stream and check after each event.
    const eventStoreUrl = env.EPIC_EVENT_STORE ?? `sqlite:${join(app.home, 'events.db')}`;
    await withEventStore(eventStoreUrl, async (store) => {
      let total = 0;
      let remaining = 0;
      let paidSoFar = 0;
      for (const event of await store.readStream(accountStream(clientId))) {
        const data = event.data as { contractId?: string; totalCents?: number; remainingCents?: number; amountCents?: number };
        if (data.contractId !== contractId) continue;
        if (event.type === 'ContractCreated') [total, remaining] = [Number(data.totalCents), Number(data.remainingCents)];
        if (event.type === 'PaymentRecorded') {
          remaining -= Number(data.amountCents);
          paidSoFar += Number(data.amountCents);
        }
        if (event.type === 'ContractAmended') {
          if (data.totalCents !== undefined) total = data.totalCents;
          if (data.remainingCents !== undefined) remaining = data.remainingCents;
        }
        assert.is(total - remaining, paidSoFar, `after ${event.type} at version ${event.version}: ${JSON.stringify(event.data)}`);
      }
      assert.is(paidSoFar, paid);
    });
    const contract = JSON.parse(await app.ok(['contract', 'view', contractId, '--json'])) as {
      totalAmount: string;
      remainingAmount: string;
    };
    assert.is(parseAmount(contract.totalAmount) - parseAmount(contract.remainingAmount), paid, 'total − remaining = the accepted payments');

    await assertReadTablesMatchRebuild(eventStoreUrl, env.EPIC_READ_DB ?? `sqlite:${join(app.home, 'read.db')}`);
  });

  test.run();
}
