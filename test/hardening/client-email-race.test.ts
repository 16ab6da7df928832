/**
 * Client emails are unique, decided on the log: 8 processes create a client
 * with one email (in different letter cases) at the same moment; exactly one
 * wins, the 7 others exit 6 with one error line, and the log holds one
 * ClientCreated with that email. Then 8 processes move 8 other clients to
 * one new email with client edit: one wins again. On SQLite, and on MySQL
 * when EPIC_TEST_MYSQL_URL is set.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, mysqlTestUrl, type TestDatabase } from '../event-store/mysql-test-database.js';
import { Installation } from '../support/cli.js';
import { assertOneLineError, readWholeLog, withEventStore } from './support/hardening.js';
import { runLanes } from './support/lanes.js';

const PROCESSES = 8;

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
  const test = suite(`one email, many clients at once [${backend.name}]`);
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

  const eventStoreUrl = () => env.EPIC_EVENT_STORE ?? `sqlite:${join(app.home, 'events.db')}`;

  test(`${PROCESSES} processes create a client with one email: one wins, the others exit 6`, async () => {
    const emails = Array.from({ length: PROCESSES }, (_, i) => (i % 2 === 0 ? 'Same@Race.io' : 'same@race.IO'));
    const results = (
      await runLanes(
        app.home,
        laneEnv,
        emails.map((email, i) => [['client', 'create', '--name', `Racer ${i}`, '--email', email]]),
      )
    ).flat();
    const winners = results.filter((r) => r.code === 0);
    assert.is(winners.length, 1, `exactly one wins: ${results.map((r) => `${r.code} ${r.stderr.trim()}`).join(' | ')}`);
    for (const loser of results.filter((r) => r.code !== 0)) {
      assert.is(loser.code, 6, loser.stderr);
      assert.match(assertOneLineError(loser, 'a duplicate email'), /already used by another client/);
    }
    await withEventStore(eventStoreUrl(), async (store) => {
      const created = (await readWholeLog(store)).filter(
        (e) => e.type === 'ClientCreated' && String(e.data.email).toLowerCase() === 'same@race.io',
      );
      assert.is(created.length, 1, 'one ClientCreated with that email in the whole log');
    });
    const listed = JSON.parse(await app.ok(['client', 'list', '--json'])) as { email: string }[];
    assert.is(listed.filter((c) => c.email.toLowerCase() === 'same@race.io').length, 1);
  });

  test(`${PROCESSES} processes move ${PROCESSES} clients to one email: one wins; the old emails are free again`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < PROCESSES; i++)
      ids.push(await app.ok(['client', 'create', '--name', `Mover ${i}`, '--email', `mover${i}@race.io`]));
    const results = (
      await runLanes(
        app.home,
        laneEnv,
        ids.map((id) => [['client', 'edit', id, '--email', 'Target@Race.io']]),
      )
    ).flat();
    assert.is(results.filter((r) => r.code === 0).length, 1, results.map((r) => `${r.code} ${r.stderr.trim()}`).join(' | '));
    for (const loser of results.filter((r) => r.code !== 0)) assert.is(loser.code, 6, loser.stderr);
    const winner = ids[results.findIndex((r) => r.code === 0)]!;
    const freed = ids.indexOf(winner);
    // The winner's old email is released: a new client may take it.
    assert.ok(await app.ok(['client', 'create', '--name', 'Heir', '--email', `MOVER${freed}@race.io`]));
    const taken = await app.epic(['client', 'create', '--name', 'Late', '--email', 'target@race.io']);
    assert.is(taken.code, 6);
  });

  test.run();
}
