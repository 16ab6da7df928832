/**
 * Tamper evidence against someone with write access to the store (issue 18),
 * on every store: SQLite and MySQL tampered with SQL on the tables (a careful
 * attacker who keeps MySQL's head tables consistent), EventStoreDB through
 * the wire-level double (a second client appending what it likes; an edit of
 * the server's files for what no client can do). Each attack runs on a fresh
 * installation, through the CLI, after a digest was taken:
 *
 * - the time of an event edited (what `history --at` reads);
 * - a forged ClientReassigned with its plain SHA-256 link recomputed;
 * - a commercial's password hash copied onto the gestion row;
 * - a password hash restored from an older row of the same user;
 * - an event inserted before the digest's position;
 * - the last event of a stream, before the digest's position, deleted;
 * - a plain link put in front of the log (a new stream's event at its first
 *   position), so that the log looks written before the keyed chain (which
 *   binds no credential), with a commercial's hash copied onto gestion's row.
 *
 * Each must make `epic audit verify --since <digest>` exit 6 with a line that
 * names the stream and the version; the credential attacks also fail the
 * login (exit 3, the generic message). And 1,000 legitimate commands after a
 * digest (through the handlers, in this process) still verify with --since.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyLog } from '../../src/audit/verify.js';
import { recordCommand } from '../../src/commands/command-log.js';
import type { ActorContext } from '../../src/commands/handler-context.js';
import { credentialVersions } from '../../src/domain/users/credential-versions.js';
import { USERS_STREAM } from '../../src/domain/users/user-events.js';
import type { NewEvent } from '../../src/events/event-store.js';
import { chainHash, GENESIS_HASH } from '../../src/events/hash-chain.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { createTestDatabase, mysqlTestUrl, rawConnection } from '../event-store/mysql-test-database.js';
import { sampleEvent } from '../event-store/sample-events.js';
import { TEST_AUDIT_KEY, testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { EsdbWireDouble, type StoredRecord } from '../support/esdb-wire-double.js';

/** What an attacker with write access to one kind of store can do, each the way that store allows. */
interface Tamperer {
  /** Sets the time the store keeps beside an event (SQLite `at`, MySQL `at_ms`, EventStoreDB metadata.at). */
  editTime(stream: string, version: number, at: string): Promise<void>;
  /**
   * Appends `event` to `stream` with its plain SHA-256 link recomputed from
   * the stream's head; with `before`, at a position just before the event at
   * that position, the later ones moved up.
   */
  forge(stream: string, event: NewEvent, before?: number): Promise<void>;
  /** Deletes a stream's last event (and moves its head back). */
  removeLast(stream: string): Promise<void>;
  /** A user's stored credential, to put back or onto another user. */
  credential(userId: string): Promise<unknown>;
  setCredential(userId: string, credential: unknown): Promise<void>;
  close(): Promise<void>;
}

interface StoreKind {
  readonly name: string;
  /** The installation's environment and the tamperer for a fresh store; undefined when this store is not available here. */
  open(home: string): Promise<{ env: Record<string, string>; tamperer: Tamperer } | undefined>;
}

const sqlite: StoreKind = {
  name: 'sqlite',
  async open(home) {
    const path = join(home, 'events.db');
    const sql = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(path);
      try {
        return db.transaction(() => work(db))();
      } finally {
        db.close();
      }
    };
    const head = (db: Database.Database, stream: string) =>
      db
        .prepare<[string], { version: number; hash: string }>(
          'SELECT version, hash FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1',
        )
        .get(stream);
    return {
      env: { EPIC_EVENT_STORE: `sqlite:${path}` },
      tamperer: {
        async editTime(stream, version, at) {
          sql((db) => db.prepare('UPDATE events SET at = ? WHERE stream_id = ? AND version = ?').run(at, stream, version));
        },
        async forge(stream, event, before) {
          sql((db) => {
            const last = head(db, stream);
            const version = (last?.version ?? 0) + 1;
            const prevHash = last?.hash ?? GENESIS_HASH;
            let position: number | null = null;
            if (before !== undefined) {
              // Make room: every event from `before` on moves up one position (in two steps, for the primary key).
              db.prepare('UPDATE events SET position = -position - 1 WHERE position >= ?').run(before);
              db.prepare('UPDATE events SET position = -position WHERE position < 0').run();
              position = before;
            }
            db.prepare(
              `INSERT INTO events (position, id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ).run(
              position,
              event.id,
              stream,
              version,
              event.type,
              event.schemaVersion,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
              event.metadata.at,
              prevHash,
              chainHash(prevHash, stream, version, event),
            );
          });
        },
        async removeLast(stream) {
          sql((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND version = ?').run(stream, head(db, stream)?.version));
        },
        async credential(userId) {
          return sql((db) => db.prepare('SELECT password_hash, version, mac FROM credentials WHERE user_id = ?').get(userId));
        },
        async setCredential(userId, credential) {
          const { password_hash, version, mac } = credential as { password_hash: string; version: number; mac: string };
          sql((db) =>
            db
              .prepare('UPDATE credentials SET password_hash = ?, version = ?, mac = ? WHERE user_id = ?')
              .run(password_hash, version, mac, userId),
          );
        },
        async close() {},
      },
    };
  },
};

const mysql: StoreKind = {
  name: 'mysql',
  async open() {
    const server = mysqlTestUrl();
    if (server === undefined) return undefined;
    const database = await createTestDatabase(server);
    const raw = await rawConnection(database.target);
    const query = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => (await raw.query(sql, values))[0] as T[];
    const head = async (stream: string) =>
      (
        await query<{ version: number; hash: string; position: number }>(
          'SELECT version, hash, position FROM streams WHERE stream_id = ?',
          [stream],
        )
      )[0];
    return {
      env: { EPIC_EVENT_STORE: database.url },
      tamperer: {
        async editTime(stream, version, at) {
          await query('UPDATE events SET at_ms = ? WHERE stream_id = ? AND version = ?', [Date.parse(at), stream, version]);
        },
        async forge(stream, event, before) {
          await raw.beginTransaction();
          const [log] = await query<{ position: number }>('SELECT position FROM log_head WHERE id = 1 FOR UPDATE');
          const last = await head(stream);
          const version = (last?.version ?? 0) + 1;
          const prevHash = last?.hash ?? GENESIS_HASH;
          let position = Number(log?.position) + 1;
          if (before !== undefined) {
            await query('UPDATE events SET position = position + 1 WHERE position >= ? ORDER BY position DESC', [before]);
            await query('UPDATE streams SET position = position + 1 WHERE position >= ?', [before]);
            position = before;
          }
          await query(
            `INSERT INTO events (position, id, stream_id, version, type, schema_version, data, metadata, at_ms, prev_hash, hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              position,
              event.id,
              stream,
              version,
              event.type,
              event.schemaVersion,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
              Date.parse(event.metadata.at),
              prevHash,
              chainHash(prevHash, stream, version, event),
            ],
          );
          const hash = chainHash(prevHash, stream, version, event);
          await query(
            `INSERT INTO streams (stream_id, version, hash, position) VALUES (?, ?, ?, ?)
             ON DUPLICATE KEY UPDATE version = VALUES(version), hash = VALUES(hash), position = GREATEST(position, VALUES(position))`,
            [stream, version, hash, position],
          );
          await query('UPDATE log_head SET position = position + 1 WHERE id = 1');
          await raw.commit();
        },
        async removeLast(stream) {
          const last = await head(stream);
          await query('DELETE FROM events WHERE stream_id = ? AND version = ?', [stream, last?.version]);
          const [previous] = await query<{ version: number; hash: string; position: number }>(
            'SELECT version, hash, position FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1',
            [stream],
          );
          await query('UPDATE streams SET version = ?, hash = ?, position = ? WHERE stream_id = ?', [
            previous?.version,
            previous?.hash,
            previous?.position,
            stream,
          ]);
        },
        async credential(userId) {
          return (await query('SELECT password_hash, version, mac FROM credentials WHERE user_id = ?', [userId]))[0];
        },
        async setCredential(userId, credential) {
          const { password_hash, version, mac } = credential as { password_hash: string; version: number; mac: string };
          await query('UPDATE credentials SET password_hash = ?, version = ?, mac = ? WHERE user_id = ?', [
            password_hash,
            version,
            mac,
            userId,
          ]);
        },
        async close() {
          await raw.end();
          await database.drop();
        },
      },
    };
  },
};

const esdb: StoreKind = {
  name: 'esdb double',
  async open() {
    const double = await EsdbWireDouble.start();
    // A second client: whoever holds the server's address (and, in production, its credentials).
    const client = EventStoreDBClient.connectionString(double.url);
    const last = (stream: string) => double.records.filter((r) => r.streamId === stream).at(-1);
    const metadataOf = (record: StoredRecord) => JSON.parse(Buffer.from(record.metadata).toString('utf8')) as Record<string, unknown>;
    /** The port's position of a record, and back (src/events/esdb/position.ts). */
    const offsetOf = (position: number) => BigInt((position - 1) / 2);
    return {
      env: { EPIC_EVENT_STORE: double.url },
      tamperer: {
        async editTime(stream, version, at) {
          double.tamper((records) =>
            records.map((r) =>
              r.streamId === stream && r.revision === version - 1
                ? { ...r, metadata: Buffer.from(JSON.stringify({ ...metadataOf(r), at })) }
                : r,
            ),
          );
        },
        async forge(stream, event, before) {
          const head = last(stream);
          const version = head === undefined ? 1 : head.revision + 2;
          const prevHash = head === undefined ? GENESIS_HASH : String(metadataOf(head).hash);
          const metadata = {
            ...event.metadata,
            schemaVersion: event.schemaVersion,
            prevHash,
            hash: chainHash(prevHash, stream, version, event),
          };
          if (before === undefined) {
            await client.appendToStream(stream, jsonEvent({ id: event.id, type: event.type, data: event.data, metadata }), {
              expectedRevision: head === undefined ? 'no_stream' : BigInt(head.revision),
            });
            return;
          }
          // No client can write before the end of the log: an edit of the server's files, one byte before that record.
          const record: StoredRecord = {
            position: offsetOf(before) - 1n,
            streamId: stream,
            revision: version - 1,
            id: event.id,
            type: event.type,
            contentType: 'application/json',
            data: Buffer.from(JSON.stringify(event.data)),
            metadata: Buffer.from(JSON.stringify(metadata)),
            created: 0n,
          };
          double.tamper((records) => [...records, record]);
        },
        async removeLast(stream) {
          const head = last(stream);
          double.tamper((records) => records.filter((r) => r !== head));
        },
        async credential(userId) {
          const stored = double.records.filter((r) => r.streamId === `credentials-${userId}`).at(-1);
          return stored === undefined ? undefined : JSON.parse(Buffer.from(stored.data).toString('utf8'));
        },
        async setCredential(userId, credential) {
          await client.appendToStream(
            `credentials-${userId}`,
            jsonEvent({ type: 'PasswordHashSet', data: credential as Record<string, unknown> }),
          );
        },
        async close() {
          await client.dispose();
          await double.stop();
        },
      },
    };
  },
};

/** A fresh installation on `kind`: a team, a client of Bob's with a signed contract, and a digest. */
async function scenario(kind: StoreKind) {
  const dir = mkdtempSync(join(tmpdir(), 'epic-tamper-'));
  const opened = await kind.open(dir);
  if (opened === undefined) return undefined;
  const app = new Installation(opened.env);
  const ids = await app.seedTeam();
  await app.as('bob@epic.test');
  const clientId = await app.ok(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io']);
  const contractId = await app.ok(['contract', 'create', '--client', clientId, '--total', '1000']);
  await app.ok(['contract', 'sign', contractId]);
  await app.ok(['contract', 'pay', contractId, '--amount', '150']);
  await app.as('ada@epic.test');
  const digest = await app.ok(['audit', 'digest']);
  assert.match(digest, /^epic-digest:1:\d+:\d+:\d{8}T\d{6}Z:[0-9a-f]{64}$/);
  const position = Number(digest.split(':')[2]);
  // Legitimate work after the digest: it must not matter.
  await app.ok(['user', 'list', '--json']);
  return {
    app,
    ids,
    clientId,
    contractId,
    digest,
    position,
    tamperer: opened.tamperer,
    stream: `client-${clientId}`,
    /** The version of the (last) event of `type` in the client's stream, read from the store (no key: reading needs none). */
    async versionOf(type: string): Promise<number> {
      const { store, credentials } = await openEventStore(opened.env.EPIC_EVENT_STORE ?? '');
      try {
        const event = (await store.readStream(`client-${clientId}`)).filter((e) => e.type === type).at(-1);
        if (event === undefined) throw new Error(`no ${type} in the client's stream`);
        return event.version;
      } finally {
        await credentials.close();
        await store.close();
      }
    },
    /** The position of the log's first event, as the store numbers it. */
    async firstPosition(): Promise<number> {
      const { store, credentials } = await openEventStore(opened.env.EPIC_EVENT_STORE ?? '');
      try {
        const [first] = await store.readStored({ after: 0, limit: 1 });
        if (first === undefined) throw new Error('an empty log');
        return first.position;
      } finally {
        await credentials.close();
        await store.close();
      }
    },
    /** What `audit verify --json` reports, computed in this process with the key (whoever is signed in). */
    async verifyReport() {
      const { store, credentials } = await openEventStore(opened.env.EPIC_EVENT_STORE ?? '', {
        keyring: testKeyring,
        credentialLog: { streamId: USERS_STREAM, versions: credentialVersions },
      });
      try {
        return await verifyLog(store, { key: TEST_AUDIT_KEY, credentials });
      } finally {
        await credentials.close();
        await store.close();
      }
    },
    async verifySince() {
      return app.epic(['audit', 'verify', '--since', digest]);
    },
    async cleanup() {
      await opened.tamperer.close();
      app.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function assertNamed(result: { code: number; stderr: string }, pattern: RegExp, what: string): void {
  assert.is(result.code, 6, `${what}: ${result.stderr}`);
  assert.is(result.stderr.trim().split('\n').length, 1, `${what}: one line on stderr: ${result.stderr}`);
  assert.match(result.stderr.trim(), pattern, what);
}

for (const kind of [sqlite, mysql, esdb]) {
  const attacks = suite(`tamper evidence [${kind.name}]`);
  let skipped = false;

  const run = (title: string, attack: (s: NonNullable<Awaited<ReturnType<typeof scenario>>>) => Promise<void>) =>
    attacks(title, async () => {
      const s = await scenario(kind);
      if (s === undefined) {
        skipped = true;
        return;
      }
      try {
        await attack(s);
      } finally {
        await s.cleanup();
      }
    });

  run('the time of an event edited', async (s) => {
    const version = await s.versionOf('ContractCreated');
    await s.tamperer.editTime(s.stream, version, '2030-01-01T00:00:00.000Z');
    assertNamed(await s.verifySince(), new RegExp(`the first ${s.stream} at version ${version}$`), 'time edited');
    // The stored hash was kept, so every head is the digest's: the log up to its position still does not extend it.
    const since = (
      JSON.parse((await s.app.epic(['audit', 'verify', '--since', s.digest, '--json'])).stdout) as {
        since: { extends: boolean; differences: { kind: string; stream: string; version: number }[] };
      }
    ).since;
    assert.equal(since, { ...since, extends: false, differences: [{ kind: 'edited', stream: s.stream, version }] });
  });

  run('a forged ClientReassigned with its plain link recomputed', async (s) => {
    const head = await s.versionOf('PaymentRecorded');
    const forged = sampleEvent(
      'ClientReassigned',
      { clientId: s.clientId, commercialId: s.ids.commercial2, previousCommercialId: s.ids.commercial },
      { schemaVersion: 2, actor: { id: s.ids.gestion, role: 'gestion' }, at: new Date().toISOString() },
    );
    await s.tamperer.forge(s.stream, forged);
    const result = await s.verifySince();
    assertNamed(result, new RegExp(`the first ${s.stream} at version ${head + 1}$`), 'forged event');
    const report = await s.app.epic(['audit', 'verify', '--json']);
    const broken = (JSON.parse(report.stdout) as { broken: { stream: string; version: number; problem: string }[] }).broken;
    assert.equal(
      broken.map((b) => [b.stream, b.version, b.problem]),
      [[s.stream, head + 1, 'plain link']],
    );
  });

  run("a commercial's password hash copied onto the gestion row", async (s) => {
    await s.tamperer.setCredential(s.ids.gestion, await s.tamperer.credential(s.ids.commercial));
    const login = await s.app.epic(['login', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'seller passphrase one\n' });
    assert.is(login.code, 3, login.stderr);
    assert.match(login.stderr, /^error: invalid email or password\n$/);
    assertNamed(await s.verifySince(), new RegExp(`the first of user ${s.ids.gestion} \\(users version 1\\)$`), 'copied credential');
  });

  run('a password hash restored from an older row', async (s) => {
    const old = await s.tamperer.credential(s.ids.support);
    await s.app.ok(['user', 'edit', s.ids.support, '--password-stdin'], { stdin: 'a brand new support password\n' });
    await s.tamperer.setCredential(s.ids.support, old);
    const login = await s.app.epic(['login', '--email', 'sam@epic.test', '--password-stdin'], { stdin: 'support passphrase three\n' });
    assert.is(login.code, 3, login.stderr);
    assert.match(login.stderr, /^error: invalid email or password\n$/);
    const users = await s.app.json<{ type: string; streamVersion: number; changes: Record<string, unknown> }[]>([
      'history',
      'user',
      s.ids.support,
    ]);
    const changed = users.filter((e) => e.type === 'UserPasswordChanged').at(-1)?.streamVersion;
    assertNamed(
      await s.verifySince(),
      new RegExp(`the first of user ${s.ids.support} \\(users version ${changed}\\)$`),
      'restored credential',
    );
    const report = JSON.parse((await s.app.epic(['audit', 'verify', '--json'])).stdout) as {
      credentials: { userId: string; problem: string }[];
    };
    assert.equal(
      report.credentials.map((c) => [c.userId, c.problem]),
      [[s.ids.support, 'stale']],
    );
  });

  run("an event inserted before the digest's position", async (s) => {
    const head = await s.versionOf('PaymentRecorded');
    const forged = sampleEvent(
      'PaymentRecorded',
      { contractId: s.contractId, amountCents: 85000 },
      { actor: { id: s.ids.commercial, role: 'commercial' } },
    );
    await s.tamperer.forge(s.stream, forged, s.position);
    const result = await s.verifySince();
    assertNamed(result, new RegExp(`the first ${s.stream} at version ${head + 1}$`), 'inserted event');
    const since = (
      JSON.parse((await s.app.epic(['audit', 'verify', '--since', s.digest, '--json'])).stdout) as {
        since: { extends: boolean; differences: { kind: string; stream: string; version: number }[] };
      }
    ).since;
    assert.is(since.extends, false);
    assert.ok(
      since.differences.some((d) => d.kind === 'inserted' && d.stream === s.stream && d.version === head + 1),
      JSON.stringify(since.differences),
    );
  });

  run("the last event of a stream, before the digest's position, deleted", async (s) => {
    const last = await s.versionOf('PaymentRecorded');
    await s.tamperer.removeLast(s.stream);
    const plain = await s.app.epic(['audit', 'verify']);
    assert.is(plain.code, 0, 'every chain still verifies: a shorter chain is a chain');
    assertNamed(await s.verifySince(), new RegExp(`differs first in ${s.stream} at version ${last}$`), 'deleted last event');
  });

  run('a plain link put in front of the log, and a copied password hash', async (s) => {
    const first = await s.firstPosition();
    const noise = sampleEvent('ChainNoted', {}, { actor: { id: 'system', role: 'system' }, at: '2020-01-01T00:00:00.000Z' });
    await s.tamperer.forge('noise', noise, first);
    await s.tamperer.setCredential(s.ids.gestion, await s.tamperer.credential(s.ids.commercial));
    assertNamed(await s.verifySince(), /the first noise at version 1$/, 'plain link in front');
    const login = await s.app.epic(['login', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'seller passphrase one\n' });
    assert.is(login.code, 3, `the copied hash signs in as gestion: ${login.stderr}`);
    assert.match(login.stderr, /^error: invalid email or password\n$/);
    // The log is still taken for a keyed one: a commercial's command writes keyed links, and no switch-over is recorded.
    await s.app.as('bob@epic.test');
    await s.app.ok(['client', 'list']);
    const report = await s.verifyReport();
    assert.is(report.chain, 'keyed');
    assert.equal(
      report.broken.map((b) => [b.stream, b.version, b.problem]),
      [['noise', 1, 'plain link']],
    );
    assert.equal(
      report.credentials.map((c) => [c.userId, c.problem]),
      [[s.ids.gestion, 'unbound']],
    );
  });

  attacks.after(() => {
    if (skipped) process.stdout.write(`\n  [${kind.name}] skipped: the store is not available here\n`);
  });
  attacks.run();
}

/**
 * 1,000 legitimate commands after a digest: `client create` through the
 * handler in this process, each with its command-log entry, as the CLI runs
 * them (a thousand launches would only test the launches).
 */
for (const kind of [sqlite, mysql, esdb]) {
  // On every store, the double too: a creation reads one email's holder stream, not a directory that grows with each
  // creation (over the double's in-process gRPC that made the time grow with the square of the count).
  const count = 1_000;
  const legitimate = suite(`legitimate commands after a digest [${kind.name}]`);
  legitimate(`${count} client creations and their command-log entries after the digest: verify --since passes`, async () => {
    const s = await scenario(kind);
    if (s === undefined) return;
    try {
      const url = s.app.env.EPIC_EVENT_STORE ?? '';
      const { store, credentials } = await openEventStore(url, {
        keyring: testKeyring,
        credentialLog: { streamId: USERS_STREAM, versions: credentialVersions },
      });
      const { createClient } = await import('../../src/commands/account-handler.js');
      try {
        for (let n = 0; n < count; n++) {
          const commandId = `legit-${n}`;
          const context: ActorContext = {
            store,
            credentials,
            commandId,
            now: () => new Date(),
            recorded: [],
            actor: { id: s.ids.commercial, name: 'Bob Seller', role: 'commercial' },
          };
          await createClient(context, { name: `Client ${n}`, email: `client-${n}@legit.io` });
          await recordCommand(store, { id: s.ids.commercial, role: 'commercial' }, new Date(), {
            commandId,
            command: 'client create',
            args: { name: `Client ${n}` },
            outcome: 'accepted',
            reason: null,
            reasonMessage: null,
            events: context.recorded.map((e) => e.id),
          });
        }
      } finally {
        await credentials.close();
        await store.close();
      }
      const result = await s.verifySince();
      assert.is(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`extends the digest of position ${s.position}`));
      const report = await s.app.json<{ events: number; since: { extends: boolean } }>(['audit', 'verify', '--since', s.digest]);
      assert.ok(report.events > 2 * count, `${report.events} events`);
      assert.is(report.since.extends, true);
    } finally {
      await s.cleanup();
    }
  });
  legitimate.run();
}
