/**
 * The right to erasure, end to end through the CLI (issue 20, "Done when"),
 * on SQLite and on MySQL: a client with distinctive values gets contracts, a
 * payment, an event with notes, edits, an import update and refused attempts
 * in the log; the store is copied; the client is forgotten. Then none of its
 * values is found in the raw bytes of any file of EPIC_HOME, of the earlier
 * copy, or of any MySQL table; `audit verify` passes and counts it;
 * `history contract` still shows the amounts and the actors, with `[erased]`
 * for the client; another client's dossier is unchanged; the forgotten client
 * cannot be edited, and forgetting it again exits 5.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, mysqlTestUrl, rawConnection, type TestDatabase } from '../event-store/mysql-test-database.js';
import { Installation } from '../support/cli.js';

/** The values that must vanish, as typed, and as they may be stored or printed (lower-cased in the search column). */
const VALUES = {
  name: 'Zebulon Quixotic-Vandersnoot',
  email: 'zq.vandersnoot@quokka-example.org',
  phone: '+33 6 47 58 69 70',
  company: 'Quokkaworks Vandersnoot SARL',
  renamed: 'Zebulona Quixotic-Vandersnoot',
  imported: 'Quokkaworks Import Vandersnoot',
  denied: 'Zebulon Denied Vandersnoot',
  notes: 'call Ysolde Quixotic at home',
};
const NEEDLES = ['Vandersnoot', 'vandersnoot', 'Quixotic', 'quixotic', '47 58 69 70', 'Ysolde'];

interface Backend {
  readonly name: string;
  /** The environment of a fresh installation on this backend, and its raw contents as text; undefined when not available here. */
  open(): Promise<{ env: Record<string, string>; dump(which?: 'log' | 'all'): Promise<string>; close(): Promise<void> } | undefined>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file of the folder, as bytes read as latin1 (so any UTF-8 text in them is found as is). */
function rawText(dir: string): string {
  return filesUnder(dir)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

function hits(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    return { env: {}, dump: async () => '', close: async () => {} };
  },
};

const mysql: Backend = {
  name: 'mysql',
  async open() {
    const server = mysqlTestUrl();
    if (server === undefined) return undefined;
    const events: TestDatabase = await createTestDatabase(server);
    const read: TestDatabase = await createTestDatabase(server);
    return {
      env: { EPIC_EVENT_STORE: events.url, EPIC_READ_DB: read.url },
      async dump(which = 'all') {
        const parts: string[] = [];
        for (const database of which === 'log' ? [events] : [events, read]) {
          const raw = await rawConnection(database.target);
          try {
            const [tables] = (await raw.query('SHOW TABLES')) as unknown as [Record<string, string>[]];
            for (const row of tables) {
              const table = Object.values(row)[0] as string;
              const [rows] = await raw.query(`SELECT * FROM \`${table}\``);
              parts.push(
                JSON.stringify(rows, (_key, value: unknown) =>
                  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer'
                    ? Buffer.from((value as { data: number[] }).data).toString('latin1')
                    : value,
                ),
              );
            }
          } finally {
            await raw.end();
          }
        }
        return parts.join('\n');
      },
      async close() {
        await events.drop();
        await read.drop();
      },
    };
  },
};

for (const backend of [sqlite, mysql]) {
  const test = suite(`client forget on ${backend.name}`);

  test('the values are found nowhere after it; what accounting needs stays; the chains verify', async () => {
    const opened = await backend.open();
    if (opened === undefined) return;
    const app = new Installation(opened.env);
    const copy = mkdtempSync(join(tmpdir(), 'epic-copy-'));
    try {
      const team = await app.seedTeam();
      const as = (email: string) => app.as(email);
      const client = await app.ok([
        'client',
        'create',
        '--name',
        VALUES.name,
        '--email',
        VALUES.email,
        '--phone',
        VALUES.phone,
        '--company',
        VALUES.company,
        '--commercial',
        team.commercial,
      ]);
      const other = await app.ok([
        'client',
        'create',
        '--name',
        'Olga Other',
        '--email',
        'olga@other.io',
        '--commercial',
        team.commercial2,
      ]);
      const contract = await app.ok(['contract', 'create', '--client', client, '--total', '1500', '--signed']);
      await app.ok(['contract', 'create', '--client', client, '--total', '300']);
      await app.ok(['contract', 'pay', contract, '--amount', '250.50']);
      await app.ok(['client', 'edit', client, '--name', VALUES.renamed]);
      const past = ['--start', '2020-03-01 10:00', '--end', '2020-03-01 18:00', '--location', 'Nantes', '--attendees', '40'];
      await app.ok(['event', 'create', '--contract', contract, '--name', 'Spring party', ...past, '--notes', VALUES.notes]);
      const csv = join(app.home, 'import.csv');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(csv, `name,email,company\n${VALUES.renamed},${VALUES.email},${VALUES.imported}\n`);
      await app.ok(['import', 'clients', csv]);
      rmSync(csv);
      // Refused attempts that carry the values: a commercial who does not own the client, a support, a bad email.
      await as('carla@epic.test');
      // A record outside the actor's scope answers as one that does not exist.
      assert.is((await app.epic(['client', 'edit', client, '--name', VALUES.denied])).code, 5);
      await as('sam@epic.test');
      assert.is((await app.epic(['client', 'edit', client, '--company', VALUES.denied])).code, 4);
      await as('ada@epic.test');
      assert.is((await app.epic(['client', 'create', '--name', VALUES.denied, '--email', 'not-an-email'])).code, 2);

      // An upcoming event that is not cancelled blocks it.
      const future = ['--start', '2099-03-01 10:00', '--end', '2099-03-01 18:00', '--location', 'Nantes', '--attendees', '4'];
      const otherContract = await app.ok(['contract', 'create', '--client', other, '--total', '10', '--signed']);
      await app.ok(['event', 'create', '--contract', otherContract, '--name', 'Future', ...future]);
      assert.is((await app.epic(['client', 'forget', other, '--yes'])).code, 2);
      const otherDossier = await app.json(['client', 'dossier', other, '--json']);
      const dossier = await app.json<{ log: unknown[]; payments: unknown[] }>(['client', 'dossier', client, '--json']);
      assert.ok(dossier.log.length >= 6, 'the dossier lists the log entries that concern the client');
      assert.is(dossier.payments.length, 1);
      // The values are there before: the search below would find them.
      assert.ok(hits(rawText(app.home) + (await opened.dump())).length > 0, 'the read side holds the values before the erasure');
      // A copy of the log, taken before (SQLite: the files; MySQL: the rows of its tables, keys included).
      const dumpBefore = await opened.dump('log');
      for (const file of ['events.db', 'events.db-wal'])
        if (existsSync(join(app.home, file))) copyFileSync(join(app.home, file), join(copy, file));

      // Forgetting then works once.
      const forget = await app.epic(['client', 'forget', client, '--yes']);
      assert.is(forget.code, 0, forget.stderr);

      assert.equal(hits(rawText(app.home)), [], 'no file of EPIC_HOME holds a value');
      assert.equal(hits(rawText(copy)), [], 'nor the copy of the log taken before');
      assert.equal(hits(dumpBefore), [], 'nor the MySQL tables as they were before');
      assert.equal(hits(await opened.dump()), [], 'nor the MySQL tables now');
      for (const args of [
        ['log', '--json'],
        ['history', 'client', client, '--json'],
        ['history', 'contract', contract, '--json'],
        ['export', 'clients', '--format', 'json'],
        ['export', 'events', '--format', 'json'],
        ['client', 'list', '--json'],
        ['client', 'dossier', client, '--json'],
      ]) {
        const { stdout } = await app.epic(args);
        assert.equal(hits(stdout), [], `epic ${args.join(' ')}`);
      }

      const view = await app.json<Record<string, unknown>>(['client', 'view', client, '--json']);
      assert.equal([view.name, view.email, view.phone, view.company, view.erased], ['[erased]', null, null, null, true]);
      const history = await app.json<{ type: string; actor: { name: string }; changes: Record<string, { to: unknown }> }[]>([
        'history',
        'contract',
        contract,
        '--json',
      ]);
      assert.is(history[0]?.changes.clientName?.to, '[erased]');
      assert.is(history[0]?.changes.totalAmount?.to, '1500.00');
      assert.is(history[0]?.actor.name, 'Ada Admin');
      assert.ok(history.some((entry) => entry.type === 'PaymentRecorded' && entry.changes.remainingAmount?.to === '1249.50'));
      assert.equal(await app.json(['client', 'dossier', other, '--json']), otherDossier, 'another client’s dossier is unchanged');

      const verify = await app.epic(['audit', 'verify', '--json']);
      assert.is(verify.code, 0, verify.stderr);
      assert.is((JSON.parse(verify.stdout) as { forgotten: number }).forgotten, 1);
      assert.is((await app.epic(['client', 'edit', client, '--name', 'Back Again'])).code, 5);
      assert.is((await app.epic(['client', 'forget', client, '--yes'])).code, 5);
      // A rebuild from the log reads the same: nothing to decrypt the values with.
      await app.ok(['projection', 'rebuild']);
      assert.equal(hits(rawText(app.home)), [], 'no value comes back with a rebuild');
      assert.is((await app.json<{ name: string }>(['client', 'view', client, '--json'])).name, '[erased]');
    } finally {
      app.cleanup();
      rmSync(copy, { recursive: true, force: true });
      await opened.close();
    }
  });

  test.run();
}
