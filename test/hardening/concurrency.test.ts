/**
 * Concurrency: 8 processes record 25 payments each on the same contract, all
 * at once, and (separately) 8 processes edit the same client. The total is
 * chosen so that some payments must be refused. Afterwards: remaining = total
 * − the accepted payments, never negative; every refused payment got exit 6
 * or 2 and one error line; the log holds exactly one PaymentRecorded per
 * accepted payment; every attempt is in the command log; the read tables
 * equal a clean rebuild. On SQLite, and on MySQL (event store and read
 * database) when EPIC_TEST_MYSQL_URL is set. One variant runs the built
 * binary, one process per command.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accountStream } from '../../src/domain/accounts/account-events.js';
import { parseAmount } from '../../src/domain/values/money.js';
import { createTestDatabase, mysqlTestUrl, type TestDatabase } from '../event-store/mysql-test-database.js';
import { type CliResult, Installation } from '../support/cli.js';
import type { LaneResult } from './fixtures/cli-lane.js';
import { assertOneLineError, assertReadTablesMatchRebuild, readWholeLog, seededRandom, withEventStore } from './support/hardening.js';
import { runLanes } from './support/lanes.js';

const PROCESSES = 8;
const PAYMENTS_EACH = 25;
const EDITS_EACH = 6;
/** The built binary is slow to start (~0.5 s a process on a busy machine): fewer commands, same race. */
const BINARY_PAYMENTS_EACH = 2;

interface Backend {
  readonly name: string;
  readonly env: () => Promise<Record<string, string>>;
  readonly freshReadDb: () => Promise<string | undefined>;
  readonly dispose: () => Promise<void>;
}

function sqliteBackend(): Backend {
  return { name: 'sqlite', env: async () => ({}), freshReadDb: async () => undefined, dispose: async () => undefined };
}

function mysqlBackend(serverUrl: string): Backend {
  const databases: TestDatabase[] = [];
  const create = async () => {
    const database = await createTestDatabase(serverUrl);
    databases.push(database);
    return database.url;
  };
  return {
    name: 'mysql',
    env: async () => ({ EPIC_EVENT_STORE: await create(), EPIC_READ_DB: await create() }),
    freshReadDb: create,
    dispose: async () => {
      for (const database of databases) await database.drop();
    },
  };
}

const serverUrl = mysqlTestUrl();
const backends = [sqliteBackend(), ...(serverUrl === undefined ? [] : [mysqlBackend(serverUrl)])];

for (const backend of backends) {
  const test = suite(`concurrency [${backend.name}]`);
  let app: Installation;
  let env: Record<string, string>;
  let laneEnv: Record<string, string | undefined>;
  let clientId: string;

  test.before(async () => {
    env = await backend.env();
    app = new Installation(env);
    laneEnv = { PATH: process.env.PATH, HOME: app.home, EPIC_HOME: app.home, EPIC_BCRYPT_ROUNDS: '4', ...env };
    await app.seedTeam();
    await app.as('bob@epic.test');
    clientId = await app.ok(['client', 'create', '--name', 'Race Client', '--email', 'race@client.io']);
  });
  test.after(async () => {
    app.cleanup();
    await backend.dispose();
  });

  const eventStoreUrl = () => env.EPIC_EVENT_STORE ?? `sqlite:${join(app.home, 'events.db')}`;
  const readDbUrl = () => env.EPIC_READ_DB ?? `sqlite:${join(app.home, 'read.db')}`;

  /** Checks the outcome of racing payments on `contractId` whose total was `totalCents`. */
  async function checkPayments(
    contractId: string,
    totalCents: number,
    attempts: { amount: string; result: LaneResult | CliResult }[],
  ): Promise<void> {
    let acceptedCents = 0;
    let accepted = 0;
    for (const { amount, result } of attempts) {
      if (result.code === 0) {
        accepted += 1;
        acceptedCents += parseAmount(amount);
        continue;
      }
      assert.ok(result.code === 2 || result.code === 6, `a refused payment exits 2 or 6, got ${result.code}: ${result.stderr}`);
      const line = assertOneLineError(result, `refused payment of ${amount}`);
      assert.match(line, /exceeds the remaining|kept changing/);
    }
    assert.ok(accepted > 0, 'some payments were accepted');
    assert.ok(accepted < attempts.length, 'some payments had to be refused');

    const contract = JSON.parse(await app.ok(['contract', 'view', contractId, '--json'])) as {
      remainingAmount: string;
      totalAmount: string;
    };
    const remaining = parseAmount(contract.remainingAmount);
    assert.is(remaining, totalCents - acceptedCents, 'remaining = total − accepted payments');
    assert.ok(remaining >= 0);

    await withEventStore(eventStoreUrl(), async (store) => {
      const payments = (await store.readStream(accountStream(clientId))).filter(
        (e) => e.type === 'PaymentRecorded' && e.data.contractId === contractId,
      );
      assert.is(payments.length, accepted, 'one PaymentRecorded per accepted payment');
      assert.is(
        payments.reduce((sum, e) => sum + Number(e.data.amountCents), 0),
        acceptedCents,
      );
      const log = (await readWholeLog(store)).filter(
        (e) => e.type === 'CommandRecorded' && e.data.command === 'contract pay' && (e.data.args as { id?: string }).id === contractId,
      );
      assert.is(log.length, attempts.length, 'every attempt is in the command log');
      assert.is(log.filter((e) => e.data.outcome === 'accepted').length, accepted);
    });
  }

  test(`${PROCESSES} processes × ${PAYMENTS_EACH} payments on one contract`, async () => {
    const random = seededRandom(20261128);
    const lanes = Array.from({ length: PROCESSES }, () =>
      Array.from({ length: PAYMENTS_EACH }, () => `${1 + Math.floor(random() * 9)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`),
    );
    const asked = lanes.flat().reduce((sum, amount) => sum + parseAmount(amount), 0);
    const totalCents = Math.floor(asked * 0.6);
    const contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', (totalCents / 100).toFixed(2), '--signed']);
    const results = await runLanes(
      app.home,
      laneEnv,
      lanes.map((amounts) => amounts.map((amount) => ['contract', 'pay', contractId, '--amount', amount])),
    );
    await checkPayments(
      contractId,
      totalCents,
      lanes.flatMap((amounts, i) => amounts.map((amount, j) => ({ amount, result: results[i]![j]! }))),
    );
    await assertReadTablesMatchRebuild(eventStoreUrl(), readDbUrl(), await backend.freshReadDb());
  });

  test(`${PROCESSES} processes × ${EDITS_EACH} edits of one client`, async () => {
    const lanes = Array.from({ length: PROCESSES }, (_, i) =>
      Array.from({ length: EDITS_EACH }, (_, j) => [
        'client',
        'edit',
        clientId,
        '--company',
        `Lane ${i} edit ${j}`,
        '--phone',
        `+33 1 ${String(i).padStart(2, '0')} ${String(j).padStart(2, '0')} 00 00`,
      ]),
    );
    const before = await withEventStore(eventStoreUrl(), async (store) => (await store.readStream(accountStream(clientId))).length);
    const results = (await runLanes(app.home, laneEnv, lanes)).flat();
    const accepted = results.filter((r) => r.code === 0).length;
    for (const result of results.filter((r) => r.code !== 0)) {
      assert.is(result.code, 6, `an edit is only refused as a conflict it could not reconcile: ${result.stderr}`);
      assertOneLineError(result, 'refused edit');
    }
    assert.ok(accepted > 0);
    const updates = await withEventStore(eventStoreUrl(), async (store) => (await store.readStream(accountStream(clientId))).slice(before));
    assert.is(updates.length, accepted, 'one ClientUpdated per accepted edit');
    assert.ok(updates.every((e) => e.type === 'ClientUpdated'));
    const versions = updates.map((e) => e.version);
    assert.equal(
      versions,
      versions.map((_, i) => before + 1 + i),
      'no gap, no duplicate version',
    );
    const last = updates.at(-1)?.data as { company: string; phone: string };
    const client = JSON.parse(await app.ok(['client', 'view', clientId, '--json'])) as { company: string; phone: string };
    assert.equal(
      { company: client.company, phone: client.phone },
      { company: last.company, phone: last.phone },
      'the read table shows the last edit in the log',
    );
    await assertReadTablesMatchRebuild(eventStoreUrl(), readDbUrl(), await backend.freshReadDb());
  });

  if (backend.name === 'sqlite') {
    test(`the built binary: ${PROCESSES} processes × ${BINARY_PAYMENTS_EACH} payments, one process per command`, async () => {
      const contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '30.00', '--signed']);
      const amounts = Array.from({ length: PROCESSES }, (_, i) => ['3.00', `${2 + (i % 3)}.50`].slice(0, BINARY_PAYMENTS_EACH));
      const results = await Promise.all(
        amounts.map(async (lane) => {
          const out: CliResult[] = [];
          for (const amount of lane) out.push(await app.spawnEpic(['contract', 'pay', contractId, '--amount', amount]));
          return out;
        }),
      );
      await checkPayments(
        contractId,
        3000,
        amounts.flatMap((lane, i) => lane.map((amount, j) => ({ amount, result: results[i]![j]! }))),
      );
      await assertReadTablesMatchRebuild(eventStoreUrl(), readDbUrl());
    });
  }

  test.run();
}
