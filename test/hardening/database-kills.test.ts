/**
 * Fault injection (issue 17): a private MariaDB (test/support/private-mariadb.ts:
 * its own port and data directory, never the shared server) holds the event
 * store and the read tables, and is SIGKILLed by its pid at random moments
 * (seeded) while 4 processes record 40 payments each, every payment under its
 * own idempotency key and retried with it after an exit 7. Afterwards:
 * - every exit code was 0 or 7, and every payment ended with 0;
 * - each payment is in the log once (a retry never doubles), with exactly one
 *   accepted command-log entry that lists it, and `epic log` shows it once;
 * - each contract's remaining amount is its total minus what was accepted;
 * - the read tables, caught up, equal a clean rebuild.
 * Skipped with one line where mariadbd is not installed.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_LOG_STREAM } from '../../src/domain/command-log.js';
import { Installation } from '../support/cli.js';
import { PrivateMariadb } from '../support/private-mariadb.js';
import { assertReadTablesMatchRebuild, readWholeLog, seededRandom, withEventStore } from './support/hardening.js';
import { Worker } from './support/workers.js';

const PAYERS = 4;
const PAYMENTS_EACH = 40;
const KILLS = 6;
const SEED = 0x17d8;
/** How often a payment is tried again with its key before the test gives up on it. */
const MAX_TRIES = 60;

const test = suite('database killed under payments');
let db: PrivateMariadb | undefined;
let app: Installation;
let env: Record<string, string>;
const contracts: string[] = [];

test.before(async () => {
  db = await PrivateMariadb.start();
  if (!db) return;
  env = { EPIC_EVENT_STORE: await db.createDatabase('events'), EPIC_READ_DB: await db.createDatabase('reads') };
  app = new Installation(env);
  await app.seedTeam();
  await app.as('ada@epic.test');
  const bob = JSON.parse(await app.ok(['user', 'view', 'bob@epic.test', '--json'])) as { id: string };
  // One contract per payer: payments race with the kills, not with each other.
  for (let payer = 0; payer < PAYERS; payer++) {
    const client = await app.ok([
      'client',
      'create',
      '--name',
      `Payer ${payer}`,
      '--email',
      `payer${payer}@kill.io`,
      '--commercial',
      bob.id,
    ]);
    contracts.push(await app.ok(['contract', 'create', '--client', client, '--total', '10000', '--signed']));
  }
});
test.after(async () => {
  app?.cleanup();
  await db?.destroy();
});

test(`${PAYERS} processes × ${PAYMENTS_EACH} payments, the database killed ${KILLS} times: nothing lost, nothing doubled`, async () => {
  if (!db) {
    process.stdout.write('\n  skipped: /usr/sbin/mariadbd (and mariadb-install-db) are not installed\n');
    return;
  }
  const server = db;
  const random = seededRandom(SEED);
  const laneEnv = { PATH: process.env.PATH, HOME: app.home, EPIC_HOME: app.home, EPIC_BCRYPT_ROUNDS: '4', ...env };
  const workers = Array.from({ length: PAYERS }, () => new Worker(laneEnv));
  await Promise.all(workers.map((worker) => worker.ready));
  const codes = new Map<number, number>();
  const amounts = new Map<string, number>();
  let unavailable = 0;
  let running = true;

  const payer = async (index: number) => {
    for (let n = 0; n < PAYMENTS_EACH; n++) {
      const key = `pay-${index}-${n}`;
      const cents = 100 + Math.floor(random() * 900);
      amounts.set(key, cents);
      for (let attempt = 1; ; attempt++) {
        const result = await workers[index]!.send([
          ...['contract', 'pay', contracts[index]!, '--amount', (cents / 100).toFixed(2)],
          ...['--idempotency-key', key],
        ]);
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        assert.ok(result.code === 0 || result.code === 7, `${key}: exit ${result.code}: ${result.stderr}`);
        if (result.code === 0) break;
        unavailable += 1;
        assert.ok(attempt < MAX_TRIES, `${key} still fails after ${attempt} tries: ${result.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const killer = async () => {
    for (let kill = 0; kill < KILLS && running; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 1200)));
      if (!running) break;
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 500)));
      await server.up();
    }
  };
  const killing = killer();
  try {
    await Promise.all(workers.map((_, index) => payer(index)));
  } finally {
    running = false;
    await killing;
    for (const worker of workers) worker.stop();
  }
  process.stdout.write(
    `\n  database kills: exit codes ${JSON.stringify(Object.fromEntries(codes))}, ${unavailable} retries after exit 7\n`,
  );

  // A retry of a payment that succeeded, with its key, changes nothing.
  const before = await withEventStore(env.EPIC_EVENT_STORE!, readWholeLog);
  const again = await app.epic([
    'contract',
    'pay',
    contracts[0]!,
    '--amount',
    ((amounts.get('pay-0-0') ?? 0) / 100).toFixed(2),
    '--idempotency-key',
    'pay-0-0',
  ]);
  assert.is(again.code, 0, again.stderr);

  const log = await withEventStore(env.EPIC_EVENT_STORE!, readWholeLog);
  assert.is(log.length, before.length, 'the retry after the run appended nothing');
  const payments = log.filter((e) => e.type === 'PaymentRecorded');
  assert.is(payments.length, PAYERS * PAYMENTS_EACH, 'one PaymentRecorded per payment: none lost, none doubled');
  const accepted = log.filter((e) => e.streamId === COMMAND_LOG_STREAM && e.data.outcome === 'accepted');
  for (const payment of payments) {
    const entries = accepted.filter((e) => e.data.commandId === payment.metadata.commandId);
    assert.is(entries.length, 1, `payment ${payment.id}: one accepted log entry`);
    assert.equal(entries[0]?.data.events, [payment.id]);
  }
  const entries = await app.json<{ command: string; outcome: string }[]>(['log', '--limit', '10000']);
  assert.is(entries.filter((e) => e.command === 'contract pay' && e.outcome === 'accepted').length, PAYERS * PAYMENTS_EACH);

  for (let index = 0; index < PAYERS; index++) {
    let paid = 0;
    for (let n = 0; n < PAYMENTS_EACH; n++) paid += amounts.get(`pay-${index}-${n}`) ?? 0;
    const contract = await app.json<{ remainingAmount: string }>(['contract', 'view', contracts[index]!]);
    assert.is(contract.remainingAmount, ((1_000_000 - paid) / 100).toFixed(2), `contract ${index}: remaining = total − accepted`);
  }
  await assertReadTablesMatchRebuild(env.EPIC_EVENT_STORE!, env.EPIC_READ_DB!, await server.createDatabase('rebuild'));
});

test.run();
