/**
 * A command that stopped between its claim on an email's holder stream and
 * its client's first event (a crash, a kill) leaves a claim by a client that
 * never existed. While that claim is recent it is a creation under way and
 * holds the email (6 for anyone else); once it is older than
 * ABANDONED_CLAIM_MS it holds nothing, and `client create` and `import
 * clients` take the email. Through the CLI, on SQLite and on MySQL when
 * EPIC_TEST_MYSQL_URL is set.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ABANDONED_CLAIM_MS, clientEmailKey } from '../../src/commands/client-emails.js';
import { emailHolderStream } from '../../src/domain/client-emails/client-email-directory.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { createTestDatabase, mysqlTestUrl, type TestDatabase } from '../event-store/mysql-test-database.js';
import { sampleEvent } from '../event-store/sample-events.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';

const backends: { name: string; open(): Promise<{ env: Record<string, string>; close(): Promise<void> } | undefined> }[] = [
  { name: 'sqlite', open: async () => ({ env: {}, close: async () => {} }) },
  {
    name: 'mysql',
    async open() {
      const server = mysqlTestUrl();
      if (server === undefined) return undefined;
      const events: TestDatabase = await createTestDatabase(server);
      const read: TestDatabase = await createTestDatabase(server);
      return {
        env: { EPIC_EVENT_STORE: events.url, EPIC_READ_DB: read.url },
        close: async () => {
          await events.drop();
          await read.drop();
        },
      };
    },
  },
];

for (const backend of backends) {
  const test = suite(`a claim left by a command that stopped before its client [${backend.name}]`);

  test('holds the email while recent, and nothing once older than ABANDONED_CLAIM_MS', async () => {
    const opened = await backend.open();
    if (opened === undefined) return;
    const app = new Installation(opened.env);
    try {
      const team = await app.seedTeam();
      await app.as('bob@epic.test');
      await app.ok(['client', 'create', '--name', 'First Client', '--email', 'first@client.io']);
      // What a process killed right after its claim leaves: a claim by an id no client stream has.
      const url = opened.env.EPIC_EVENT_STORE ?? `sqlite:${join(app.home, 'events.db')}`;
      const { store, credentials } = await openEventStore(url, { keyring: testKeyring });
      const claim = (clientId: string, email: string, ageMs: number) =>
        sampleEvent(
          'ClientEmailClaimed',
          { clientId, emailKey: clientEmailKey(email) },
          { actor: { id: team.commercial, role: 'commercial' }, at: new Date(Date.now() - ageMs).toISOString() },
        );
      try {
        const ghosts = [
          ['ghost00001', 'gone@ghost.io', ABANDONED_CLAIM_MS + 60_000],
          ['ghost00002', 'imported@ghost.io', ABANDONED_CLAIM_MS + 60_000],
          ['ghost00003', 'busy@ghost.io', 1_000],
        ] as const;
        for (const [clientId, email, ageMs] of ghosts) {
          await store.append(emailHolderStream(clientEmailKey(email)), [claim(clientId, email, ageMs)], 'no_stream');
        }
      } finally {
        await credentials.close();
        await store.close();
      }

      const recent = await app.epic(['client', 'create', '--name', 'Too Soon', '--email', 'Busy@Ghost.io']);
      assert.is(recent.code, 6, recent.stderr);
      assert.match(recent.stderr, /already used by another client/);

      const taken = await app.epic(['client', 'create', '--name', 'Takes It', '--email', 'Gone@Ghost.io']);
      assert.is(taken.code, 0, taken.stderr);
      const csv = join(app.home, 'import.csv');
      // The import knows which holder streams of its batch are empty without reading each (SQLite): the held one is still read, and refused.
      writeFileSync(csv, 'name,email\nImported Client,imported@ghost.io\nStill Busy,busy@ghost.io\n');
      await app.as('ada@epic.test');
      const imported = await app.epic(['import', 'clients', csv, '--commercial', team.commercial]);
      assert.is(imported.code, 2, imported.stderr);
      assert.match(imported.stdout, /created 1, .*refused 1 \(of 2 rows\)/);
      assert.match(imported.stderr, /1 of 2 rows refused \(lines 3\)/);

      const emails = (await app.json<{ email: string }[]>(['client', 'list'])).map((c) => c.email.toLowerCase()).sort();
      assert.equal(emails, ['first@client.io', 'gone@ghost.io', 'imported@ghost.io']);
      // Taken for good: a second client with it is refused as any duplicate is.
      const again = await app.epic(['client', 'create', '--name', 'Second', '--email', 'gone@ghost.io', '--commercial', team.commercial]);
      assert.is(again.code, 6, again.stderr);
    } finally {
      app.cleanup();
      await opened.close();
    }
  });

  test.run();
}
