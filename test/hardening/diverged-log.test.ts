/**
 * A log restored from an older backup, then appended to again (issue 17,
 * item 5): its head is past the read tables' checkpoint, but the event at the
 * checkpoint is another one than the tables saw. `projection status` says the
 * log differs, never "up to date"; the next command rebuilds the tables from
 * the log as it is (one warning line): the records only the lost part of the
 * log held are gone, the new ones show. On SQLite, and on MySQL (event store
 * and read database) when EPIC_TEST_MYSQL_URL is set.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, mysqlTestUrl, rawConnection, type TestDatabase } from '../event-store/mysql-test-database.js';
import { Installation } from '../support/cli.js';
import { EsdbWireDouble, type StoredRecord } from '../support/esdb-wire-double.js';

interface Status {
  readonly name: string;
  readonly position: number;
  readonly head: number;
  readonly upToDate: boolean;
  readonly aheadOfLog: boolean;
  readonly divergedFromLog: boolean;
}

/** How a test takes a consistent copy of the event store and puts it back. */
interface Backend {
  readonly name: string;
  env(): Promise<Record<string, string>>;
  backup(app: Installation, env: Record<string, string>): Promise<void>;
  restore(app: Installation, env: Record<string, string>): Promise<void>;
  dispose(): Promise<void>;
}

const backends: Backend[] = [
  {
    name: 'sqlite',
    env: async () => ({}),
    async backup(app) {
      const source = new Database(join(app.home, 'events.db'));
      await source.backup(join(app.home, 'events-backup.db'));
      source.close();
    },
    async restore(app) {
      const events = join(app.home, 'events.db');
      for (const suffix of ['-wal', '-shm']) rmSync(`${events}${suffix}`, { force: true });
      copyFileSync(join(app.home, 'events-backup.db'), events);
    },
    dispose: async () => undefined,
  },
];

{
  // EventStoreDB (the wire double): positions are byte offsets; a restored log written to again puts its new records
  // where the double's end is, so the checkpoint's offset is no longer the start of a record there.
  let double: EsdbWireDouble | undefined;
  let saved: readonly StoredRecord[] = [];
  backends.push({
    name: 'esdb double',
    async env() {
      double = await EsdbWireDouble.start();
      return { EPIC_EVENT_STORE: double.url };
    },
    async backup() {
      double?.tamper((records) => {
        saved = [...records];
        return records;
      });
    },
    async restore() {
      double?.tamper(() => saved);
    },
    dispose: async () => double?.stop(),
  });
}

const serverUrl = mysqlTestUrl();
if (serverUrl !== undefined) {
  const databases: TestDatabase[] = [];
  let store: TestDatabase | undefined;
  const STORE_TABLES = ['events', 'streams', 'log_head', 'credentials'];
  const withStore = async (work: (run: (statement: string) => Promise<unknown>) => Promise<void>) => {
    if (store === undefined) throw new Error('no MySQL event store');
    const connection = await rawConnection(store.target);
    try {
      await work((statement) => connection.query(statement));
    } finally {
      await connection.end();
    }
  };
  backends.push({
    name: 'mysql',
    async env() {
      store = await createTestDatabase(serverUrl);
      const read = await createTestDatabase(serverUrl);
      databases.push(store, read);
      return { EPIC_EVENT_STORE: store.url, EPIC_READ_DB: read.url };
    },
    backup: () =>
      withStore(async (run) => {
        for (const table of STORE_TABLES) {
          await run(`CREATE TABLE backup_${table} LIKE ${table}`);
          await run(`INSERT INTO backup_${table} SELECT * FROM ${table}`);
        }
      }),
    restore: () =>
      withStore(async (run) => {
        for (const table of STORE_TABLES) {
          await run(`DELETE FROM ${table}`);
          await run(`INSERT INTO ${table} SELECT * FROM backup_${table}`);
        }
      }),
    async dispose() {
      for (const database of databases) await database.drop();
    },
  });
}

for (const backend of backends) {
  const test = suite(`a log restored from an older backup, then appended to again [${backend.name}]`);

  test('status says the log differs; the next command rebuilds; the log is the whole truth', async () => {
    const env = await backend.env();
    const app = new Installation(env);
    try {
      const { commercial } = await app.seedTeam();
      const create = (name: string) =>
        app.ok(['client', 'create', '--name', name, '--email', `${name}@client.io`, '--commercial', commercial]);
      const kept = [await create('alpha'), await create('beta')];
      await backend.backup(app, env);
      await create('gamma');
      await create('delta');
      assert.is((await app.json<unknown[]>(['client', 'list'])).length, 4);
      const before = await app.json<Status[]>(['projection', 'status']);

      // Restored, then appended to again before any catch-up saw the restored log (here: a command of an installation whose
      // tables a follower keeps, while it is stopped), by more events than the lost part held: the head passes the checkpoints.
      await backend.restore(app, env);
      const csv = join(app.home, 'clients.csv');
      writeFileSync(csv, ['name,email', ...['kappa', 'lambda', 'mu', 'nu', 'xi'].map((name) => `${name},${name}@client.io`)].join('\n'));
      const imported = await app.epic(['import', 'clients', csv, '--commercial', commercial, '--json'], {
        env: { EPIC_PROJECTIONS: 'external', EPIC_PROJECTIONS_MAX_LAG: '1s' },
      });
      assert.is(imported.code, 0, imported.stderr);

      const status = await app.json<Status[]>(['projection', 'status']);
      for (const projection of status) {
        const seen = before.find((s) => s.name === projection.name);
        if (seen === undefined || seen.position === 0) continue;
        assert.ok(projection.head > seen.position, `${projection.name}: the head passed its checkpoint`);
        assert.ok(projection.divergedFromLog, `${projection.name} diverged`);
        assert.not.ok(projection.aheadOfLog, `${projection.name} is not ahead`);
        assert.not.ok(projection.upToDate, `${projection.name} is not "up to date"`);
      }
      const table = await app.epic(['projection', 'status']);
      assert.match(table.stdout, /the log differs from the one it saw/);

      const list = await app.epic(['client', 'list', '--json']);
      assert.is(list.code, 0, list.stderr);
      const listed = (JSON.parse(list.stdout) as { id: string; name: string }[]).map((c) => c.name).sort();
      assert.equal(listed, ['alpha', 'beta', 'kappa', 'lambda', 'mu', 'nu', 'xi'], 'what the log holds, nothing more');
      assert.ok(kept.length === 2);
      assert.match(
        list.stderr,
        /^warning: the event log differs from the one the read tables \(.*\) saw .*rebuilt from the log as it is\n$/,
      );

      const again = await app.json<Status[]>(['projection', 'status']);
      assert.ok(
        again.every((s) => s.upToDate && !s.aheadOfLog && !s.divergedFromLog),
        JSON.stringify(again),
      );
      const quiet = await app.epic(['client', 'list']);
      assert.is(quiet.stderr, '', 'rebuilt once: no warning after');
    } finally {
      app.cleanup();
    }
  });

  test.after(() => backend.dispose());
  test.run();
}
