/**
 * Damaged read tables on MySQL, and lost checkpoints on both dialects (issue
 * 17, item 3). On SQLite a damaged read.db is set aside and rebuilt
 * (environment-faults.test.ts); a MySQL read database stays where it is and
 * the projections whose tables are damaged — a table dropped, a column gone —
 * are rebuilt in it from the log: one warning line, the command answers, and
 * never exit 1. A checkpoint row deleted beside tables that hold rows: those
 * tables are rebuilt, not replayed into again (payments counted twice). What
 * cannot be rebuilt in place (the checkpoints' own table dropped) is one
 * clear line and exit 7. MySQL cases run when EPIC_TEST_MYSQL_URL is set, and
 * say they are skipped otherwise.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, mysqlTestUrl, rawConnection, type TestDatabase } from '../event-store/mysql-test-database.js';
import { Installation } from '../support/cli.js';
import { assertOneLineError } from './support/hardening.js';

interface Dialect {
  readonly name: string;
  /** A fresh installation on this read database. */
  install(): Promise<Installation>;
  /** Runs a statement on the installation's read database. */
  exec(app: Installation, statement: string): Promise<void>;
  dispose(): Promise<void>;
}

const dialects: Dialect[] = [
  {
    name: 'sqlite',
    install: async () => new Installation(),
    async exec(app, statement) {
      const db = new Database(join(app.home, 'read.db'));
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    },
    dispose: async () => undefined,
  },
];

const serverUrl = mysqlTestUrl();
if (serverUrl !== undefined) {
  const databases = new Map<Installation, TestDatabase>();
  dialects.push({
    name: 'mysql',
    async install() {
      const read = await createTestDatabase(serverUrl);
      const app = new Installation({ EPIC_READ_DB: read.url });
      databases.set(app, read);
      return app;
    },
    async exec(app, statement) {
      const read = databases.get(app);
      if (read === undefined) throw new Error('no MySQL read database for this installation');
      const connection = await rawConnection(read.target);
      try {
        await connection.query(statement);
      } finally {
        await connection.end();
      }
    },
    async dispose() {
      for (const database of databases.values()) await database.drop();
    },
  });
}

/** Three clients of Bob's, a contract of 100 paid 30 then 20: what every case reads back. */
async function seed(app: Installation): Promise<{ clients: string[]; contract: string }> {
  const { commercial } = await app.seedTeam();
  const clients: string[] = [];
  for (const name of ['alpha', 'beta', 'gamma'])
    clients.push(await app.ok(['client', 'create', '--name', name, '--email', `${name}@client.io`, '--commercial', commercial]));
  const contract = await app.ok(['contract', 'create', '--client', clients[0] ?? '', '--total', '100']);
  await app.ok(['contract', 'pay', contract, '--amount', '30']);
  await app.ok(['contract', 'pay', contract, '--amount', '20']);
  return { clients, contract };
}

async function assertAnswersRight(app: Installation, seeded: { clients: string[]; contract: string }): Promise<void> {
  const clients = await app.json<{ id: string }[]>(['client', 'list']);
  assert.equal(clients.map((c) => c.id).sort(), [...seeded.clients].sort());
  const contract = await app.json<{ id: string; remainingAmount: string }>(['contract', 'view', seeded.contract]);
  assert.is(contract.remainingAmount, '50.00', 'each payment counted once');
}

for (const dialect of dialects) {
  const test = suite(`damaged read tables, lost checkpoints [${dialect.name}]`);
  test.after(() => dialect.dispose());

  test('a checkpoint row deleted beside tables with rows: rebuilt from the log, one warning, nothing applied twice', async () => {
    const app = await dialect.install();
    try {
      const seeded = await seed(app);
      await dialect.exec(app, "delete from projection_state where name in ('contracts', 'clients')");
      const list = await app.epic(['contract', 'list', '--json']);
      assert.is(list.code, 0, list.stderr);
      assert.match(
        list.stderr,
        /^warning: the read tables \((clients, contracts|contracts, clients)\) had lost their checkpoint; they were rebuilt from the event log\n$/,
      );
      const [contract] = JSON.parse(list.stdout) as { remainingAmount: string }[];
      assert.is(contract?.remainingAmount, '50.00', 'each payment counted once');
      await assertAnswersRight(app, seeded);
      assert.is((await app.epic(['client', 'list'])).stderr, '', 'no warning once rebuilt');
    } finally {
      app.cleanup();
    }
  });

  if (dialect.name !== 'mysql') {
    test.run();
    continue;
  }

  for (const [damage, statement, args] of [
    ['a dropped table', 'drop table clients', ['client', 'list', '--json']],
    ['a dropped table another command reads', 'drop table contracts', ['contract', 'list', '--json']],
    ['the log table dropped', 'drop table command_log', ['log', '--json']],
    ['a dropped column', 'alter table clients drop column company', ['client', 'list', '--json']],
  ] as const) {
    test(`${damage} (${statement}): rebuilt from the log, one warning, the command answers`, async () => {
      const app = await dialect.install();
      try {
        const seeded = await seed(app);
        await dialect.exec(app, statement);
        const result = await app.epic(args);
        assert.is(result.code, 0, result.stderr);
        assert.match(
          result.stderr,
          /^warning: the read tables \(.+\) were damaged \(a table or a column gone\); they were rebuilt from the event log\n$/,
        );
        assert.ok(Array.isArray(JSON.parse(result.stdout)));
        await assertAnswersRight(app, seeded);
        assert.is((await app.epic(['client', 'list'])).stderr, '', 'no warning once rebuilt');
        const status = await app.json<{ upToDate: boolean }[]>(['projection', 'status']);
        assert.ok(status.every((s) => s.upToDate));
      } finally {
        app.cleanup();
      }
    });
  }

  test('a change meeting a dropped table: one line and exit 7, or saved; never exit 1; the next command repairs', async () => {
    const app = await dialect.install();
    try {
      const seeded = await seed(app);
      await dialect.exec(app, 'drop table clients');
      const edit = await app.epic(['client', 'edit', seeded.clients[1] ?? '', '--company', 'Acme']);
      assert.ok(edit.code === 0 || edit.code === 7, `exit ${edit.code}: ${edit.stderr}`);
      if (edit.code === 7) {
        // The tables were rebuilt (the warning); the change itself is not run twice: its failure stands, on one line.
        const [warning, ...error] = edit.stderr.split(/(?<=\n)/);
        assert.match(warning ?? '', /^warning: the read tables \(clients\) were damaged/);
        assertOneLineError({ stderr: error.join('') }, 'a change meeting a dropped table');
      }
      const list = await app.epic(['client', 'list', '--json']);
      assert.is(list.code, 0, list.stderr);
      await assertAnswersRight(app, seeded);
    } finally {
      app.cleanup();
    }
  });

  test('the checkpoints table dropped: one clear line, exit 7, never exit 1', async () => {
    const app = await dialect.install();
    try {
      await seed(app);
      await dialect.exec(app, 'drop table projection_state');
      const list = await app.epic(['client', 'list']);
      assert.is(list.code, 7, list.stderr);
      assert.match(assertOneLineError(list, 'projection_state dropped'), /projection_state/);
    } finally {
      app.cleanup();
    }
  });

  test.run();
}
