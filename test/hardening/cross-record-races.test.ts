/**
 * Rules across records under races (issue 17, item 2): in each of 200 rounds
 * a fresh user is deleted by one process while three others give them a
 * record — `user delete X` against `client create --commercial X`, and
 * `user delete S` (a support) against `event assign --support S`. Whatever
 * the interleaving, a deleted commercial owns no client and a deleted support
 * has no event; every command ends with 0, 2, 5 or 6. The processes are
 * long-lived workers (fixtures/race-worker.ts), one command each per round,
 * all sent at once. On SQLite, and on MySQL (event store and read database)
 * when EPIC_TEST_MYSQL_URL is set.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ACCOUNT_STREAM_PREFIX } from '../../src/domain/accounts/account-events.js';
import { upcast } from '../../src/domain/upcasters.js';
import { USERS_STREAM } from '../../src/domain/users/user-events.js';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { createTestDatabase, mysqlTestUrl, type TestDatabase } from '../event-store/mysql-test-database.js';
import { Installation } from '../support/cli.js';
import { readWholeLog, withEventStore } from './support/hardening.js';
import { Worker } from './support/workers.js';

const ROUNDS = 200;
const RACERS = 3;
const EXPECTED_CODES = new Set([0, 2, 5, 6]);

interface Backend {
  readonly name: string;
  readonly env: () => Promise<Record<string, string>>;
  readonly dispose: () => Promise<void>;
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
    dispose: async () => {
      for (const database of databases) await database.drop();
    },
  };
}

const serverUrl = mysqlTestUrl();
const backends: Backend[] = [
  { name: 'sqlite', env: async () => ({}), dispose: async () => undefined },
  ...(serverUrl === undefined ? [] : [mysqlBackend(serverUrl)]),
];

/** Who owns each client, who holds each occasion, and who was deleted, folded from the log. */
function holdings(log: readonly RecordedEvent[]) {
  const owner = new Map<string, string>();
  const support = new Map<string, string>();
  const deleted = new Set<string>();
  for (const event of log.map(upcast)) {
    const data = event.data as Record<string, unknown>;
    if (event.streamId === USERS_STREAM && event.type === 'UserDeleted') deleted.add(String(data.userId));
    if (!event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) continue;
    const clientId = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
    if (event.type === 'ClientCreated' || event.type === 'ClientReassigned') owner.set(clientId, String(data.commercialId));
    if (event.type === 'ClientDeleted') owner.delete(clientId);
    if (event.type === 'SupportAssigned') support.set(String(data.occasionId), String(data.supportId));
    if (event.type === 'SupportUnassigned') support.delete(String(data.occasionId));
  }
  return { owner, support, deleted };
}

for (const backend of backends) {
  const test = suite(`cross-record races [${backend.name}]`);
  let app: Installation;
  let env: Record<string, string>;
  let workers: Worker[];
  let contractId: string;

  test.before(async () => {
    env = await backend.env();
    app = new Installation(env);
    await app.seedTeam();
    await app.as('ada@epic.test');
    const bob = await app.ok(['user', 'view', 'bob@epic.test', '--json']);
    const clientId = await app.ok([
      ...['client', 'create', '--name', 'Race Client', '--email', 'race@client.io'],
      ...['--commercial', (JSON.parse(bob) as { id: string }).id],
    ]);
    contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '1000', '--signed']);
    const laneEnv = { PATH: process.env.PATH, HOME: app.home, EPIC_HOME: app.home, EPIC_BCRYPT_ROUNDS: '4', ...env };
    workers = Array.from({ length: 1 + RACERS }, () => new Worker(laneEnv));
    await Promise.all(workers.map((worker) => worker.ready));
  });
  test.after(async () => {
    for (const worker of workers ?? []) worker.stop();
    app?.cleanup();
    await backend.dispose();
  });

  const eventStoreUrl = () => env.EPIC_EVENT_STORE ?? `sqlite:${join(app.home, 'events.db')}`;

  /** One round: the user is created, then deleted by worker 0 while the others each run `give(i)`. */
  async function race(role: 'commercial' | 'support', round: number, give: (userId: string, racer: number) => string[]) {
    const email = `${role}-${round}@race.test`;
    const userId = await app.ok(['user', 'create', '--name', `Racer ${round}`, '--email', email, '--role', role, '--password-stdin'], {
      stdin: `racer passphrase ${round}\n`,
    });
    const [deletion, ...given] = await Promise.all([
      workers[0]!.send(['user', 'delete', userId, '--yes']),
      ...workers.slice(1).map((worker, racer) => worker.send(give(userId, racer))),
    ]);
    for (const result of [deletion!, ...given]) {
      assert.ok(EXPECTED_CODES.has(result.code), `round ${round}: exit ${result.code}: ${result.stderr}`);
    }
    return { deleted: deletion!.code === 0, given: given.filter((result) => result.code === 0).length };
  }

  test(`user delete X against ${RACERS} × client create --commercial X, ${ROUNDS} rounds: a deleted commercial owns no client`, async () => {
    const tally = { deleted: 0, given: 0, both: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const outcome = await race('commercial', round, (userId, racer) => [
        ...['client', 'create', '--name', `Client ${round}.${racer}`],
        ...['--email', `c${round}-${racer}@race.io`, '--commercial', userId],
      ]);
      tally.deleted += Number(outcome.deleted);
      tally.given += outcome.given;
      tally.both += Number(outcome.deleted && outcome.given > 0);
    }
    const { owner, deleted } = holdings(await withEventStore(eventStoreUrl(), readWholeLog));
    const orphans = [...owner].filter(([, commercialId]) => deleted.has(commercialId));
    process.stdout.write(`\n  ${backend.name} clients: ${JSON.stringify(tally)}\n`);
    assert.equal(orphans, [], 'no client belongs to a deleted commercial');
    assert.is(tally.both, 0, 'no round both deleted the commercial and gave them a client');
    assert.ok(tally.deleted > 0 && tally.given > 0, 'both sides won some rounds');
  });

  test(`user delete S against ${RACERS} × event assign --support S, ${ROUNDS} rounds: a deleted support has no event`, async () => {
    const occasions: string[] = [];
    for (let racer = 0; racer < RACERS; racer++) {
      occasions.push(
        await app.ok([
          ...['event', 'create', '--contract', contractId, '--name', `Race ${racer}`, '--start', '2031-01-01T10:00Z'],
          ...['--end', '2031-01-01T12:00Z', '--location', 'Nice', '--attendees', '5'],
        ]),
      );
    }
    const tally = { deleted: 0, given: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const outcome = await race('support', round, (userId, racer) => ['event', 'assign', occasions[racer]!, '--support', userId]);
      tally.deleted += Number(outcome.deleted);
      tally.given += outcome.given;
    }
    const { support, deleted } = holdings(await withEventStore(eventStoreUrl(), readWholeLog));
    const orphans = [...support].filter(([, supportId]) => deleted.has(supportId));
    process.stdout.write(`\n  ${backend.name} events: ${JSON.stringify(tally)}\n`);
    assert.equal(orphans, [], 'no event is assigned to a deleted support');
    assert.ok(tally.deleted > 0, 'some deletions went through');
  });

  test.run();
}
