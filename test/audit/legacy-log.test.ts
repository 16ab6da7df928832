/**
 * A log written before the keyed chain keeps working (issue 18, item 2).
 *
 * fixtures/legacy-events.db was made by the release before the keyed chain
 * (commit fdfc774), through its CLI, with EPIC_BCRYPT_ROUNDS=4:
 *
 *     init (Ada Admin, ada@epic.test, "ada password")
 *     user create Bob Seller (commercial), Carla Closer (commercial), Sam Support (support), each "<email> password"
 *     user edit <sam> --password-stdin          ("sam@epic.test new password")
 *     logout; login bob; client create Kevin Casey; contract create --total 1000; contract sign; contract pay --amount 150
 *     logout; login ada; client edit --commercial <carla>; audit verify; logout
 *
 * then copied with VACUUM INTO. It holds no secret a test needs but those
 * passwords: no secret.key (tests set EPIC_SECRET), no audit.key (the
 * installation never had one). The release before printed, for it,
 * `ok, 28 events in 5 streams, digest 9f99bcca…` (LEGACY_DIGEST).
 *
 * The same log is also written into MySQL and the EventStoreDB double, row by
 * row and event by event with its plain links as they are (the plain chain
 * does not depend on the store), so the switch-over runs on every store.
 */
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyLog } from '../../src/audit/verify.js';
import { CHAIN_STREAM } from '../../src/events/chain-switch-over.js';
import { chainHash } from '../../src/events/hash-chain.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { openSqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { createTestDatabase, mysqlTestUrl, rawConnection } from '../event-store/mysql-test-database.js';
import { sampleEvent } from '../event-store/sample-events.js';
import { Installation } from '../support/cli.js';
import { EsdbWireDouble } from '../support/esdb-wire-double.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/legacy-events.db');
const LEGACY_DIGEST = '9f99bccadeb4026e402cb2a7e448b189d5fdb566a1b34131076a0bd0d6bd452b';
const SECRET = 'a session secret for the legacy installation, 32+ bytes';
const USERS = { ada: 'ada password', bob: 'bob@epic.test password', carla: 'carla@epic.test password', sam: 'sam@epic.test new password' };

interface Row {
  position: number;
  id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  at: string;
  prev_hash: string;
  hash: string;
}

const fixture = () => {
  const db = new Database(FIXTURE, { readonly: true });
  try {
    return {
      events: db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all(),
      credentials: db.prepare<[], { user_id: string; password_hash: string; updated_at: string }>('SELECT * FROM credentials').all(),
    };
  } finally {
    db.close();
  }
};

/** An installation on a copy of the fixture, without an audit key, as one made before the keyed chain. */
function legacyInstallation(env: Record<string, string> = {}): Installation {
  const app = new Installation({ EPIC_SECRET: SECRET, ...env });
  rmSync(join(app.home, 'audit.key'));
  if (env.EPIC_EVENT_STORE === undefined) {
    copyFileSync(FIXTURE, join(app.home, 'events.db'));
    chmodSync(join(app.home, 'events.db'), 0o600);
  }
  return app;
}

const login = (app: Installation, who: keyof typeof USERS, password: string = USERS[who]) =>
  app.epic(['login', '--email', `${who}@epic.test`, '--password-stdin'], { stdin: `${password}\n` });

const sqlite = suite('a log written before the keyed chain [sqlite fixture]');

sqlite('it verifies as it did, read with no key: plain links, the same digest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'epic-legacy-'));
  try {
    copyFileSync(FIXTURE, join(dir, 'events.db'));
    const store = await openSqliteEventStore(join(dir, 'events.db'));
    const report = await verifyLog(store);
    await store.close();
    assert.equal(
      { ok: report.ok, chain: report.chain, events: report.events, streams: report.streams, digest: report.digest },
      { ok: true, chain: 'plain', events: 28, streams: 5, digest: LEGACY_DIGEST },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

sqlite('the first write switches it over: a key is generated, nothing is rewritten, every old password still works', async () => {
  const app = legacyInstallation();
  try {
    const before = fixture().events;
    const first = await login(app, 'ada');
    assert.is(first.code, 0, first.stderr);
    assert.match(first.stderr, /created the audit key .*audit\.key: keep a copy away from this machine/);
    assert.ok(existsSync(join(app.home, 'audit.key')));
    assert.is(statSync(join(app.home, 'audit.key')).mode & 0o777, 0o600);

    const db = new Database(join(app.home, 'events.db'), { readonly: true });
    const after = db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
    const chain = db.prepare<[string], { type: string }>('SELECT type FROM events WHERE stream_id = ? ORDER BY version').all(CHAIN_STREAM);
    db.close();
    assert.equal(after.slice(0, before.length), before, 'the 28 events of the release before, byte for byte');
    assert.equal(
      chain.map((e) => e.type),
      ['KeyedChainStarted', 'LegacyHeadsRecorded'],
    );

    const report = await app.json<{ ok: boolean; chain: string; credentials: unknown[]; broken: unknown[] }>(['audit', 'verify']);
    assert.equal(
      { ok: report.ok, chain: report.chain, broken: report.broken, credentials: report.credentials },
      {
        ok: true,
        chain: 'switched',
        broken: [],
        credentials: [],
      },
    );
    for (const who of ['bob', 'carla', 'sam'] as const) assert.is((await login(app, who)).code, 0, `${who} signs in`);
    assert.is((await login(app, 'sam', 'sam@epic.test password')).code, 3, "Sam's password before the change stays refused");
    assert.is((await login(app, 'ada')).code, 0);
    assert.not.match((await login(app, 'ada')).stderr, /created the audit key/, 'once');
  } finally {
    app.cleanup();
  }
});

sqlite('after the switch-over, a plain link is refused where a keyed one is due, and a cut plain part shows', async () => {
  const app = legacyInstallation();
  try {
    assert.is((await login(app, 'ada')).code, 0);
    const { events } = fixture();
    const client = events.find((e) => e.type === 'ClientCreated')?.stream_id ?? '';
    const clientEvents = events.filter((e) => e.stream_id === client);
    const head = clientEvents.at(-1);
    assert.ok(head);
    // The client's stream has had no write since: a forger appends a plain link, as the release before would have.
    const db = new Database(join(app.home, 'events.db'));
    const forged = sampleEvent(
      'ClientReassigned',
      { clientId: 'x', commercialId: 'mallory', previousCommercialId: null },
      { schemaVersion: 2 },
    );
    const insert = db.prepare(
      `INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      forged.id,
      client,
      head.version + 1,
      forged.type,
      2,
      JSON.stringify(forged.data),
      JSON.stringify(forged.metadata),
      forged.metadata.at,
      head.hash,
      chainHash(head.hash, client, head.version + 1, forged),
    );
    db.close();
    const appended = await app.epic(['audit', 'verify', '--json']);
    assert.is(appended.code, 6);
    assert.equal(
      (JSON.parse(appended.stdout) as { broken: { stream: string; version: number; problem: string }[] }).broken.map((b) => [
        b.stream,
        b.version,
        b.problem,
      ]),
      [[client, head.version + 1, 'plain link']],
    );

    // Without the key, the end of a plain part can still be cut, and the shorter chain holds: the head the switch-over recorded shows it.
    const rewrite = new Database(join(app.home, 'events.db'));
    rewrite.prepare('DELETE FROM events WHERE stream_id = ? AND version > ?').run(client, head.version - 1);
    rewrite.close();
    const shortened = await app.epic(['audit', 'verify', '--json']);
    assert.is(shortened.code, 6);
    assert.equal(
      (JSON.parse(shortened.stdout) as { broken: { stream: string; version: number; problem: string }[] }).broken.map((b) => [
        b.stream,
        b.version,
        b.problem,
      ]),
      [[client, head.version, 'legacy head mismatch']],
    );
  } finally {
    app.cleanup();
  }
});

sqlite('a LegacyHeadsRecorded appended without the key declares no forged plain link a legacy one', async () => {
  const app = legacyInstallation();
  try {
    assert.is((await login(app, 'ada')).code, 0);
    const { events } = fixture();
    const client = events.find((e) => e.type === 'ClientCreated')?.stream_id ?? '';
    const head = events.filter((e) => e.stream_id === client).at(-1);
    assert.ok(head);
    const db = new Database(join(app.home, 'events.db'));
    const insert = db.prepare(
      `INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const append = (stream: string, version: number, prevHash: string, event: ReturnType<typeof sampleEvent>) => {
      const hash = chainHash(prevHash, stream, version, event);
      insert.run(
        event.id,
        stream,
        version,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.metadata.at,
        prevHash,
        hash,
      );
      return hash;
    };
    // The forged plain link the forger wants to pass, and a record saying the client's plain part ends with it.
    const forged = sampleEvent(
      'ClientReassigned',
      { clientId: 'x', commercialId: 'mallory', previousCommercialId: null },
      { schemaVersion: 2 },
    );
    const forgedHash = chainHash(head.hash, client, head.version + 1, forged);
    const chain = db
      .prepare<[string], { version: number; hash: string }>(
        'SELECT version, hash FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1',
      )
      .get(CHAIN_STREAM);
    assert.ok(chain);
    append(
      CHAIN_STREAM,
      chain.version + 1,
      chain.hash,
      sampleEvent('LegacyHeadsRecorded', { heads: [[client, head.version + 1, forgedHash]] }),
    );
    append(client, head.version + 1, head.hash, forged);
    db.close();
    const report = await app.epic(['audit', 'verify', '--json']);
    assert.is(report.code, 6);
    assert.equal(
      (JSON.parse(report.stdout) as { broken: { stream: string; version: number; problem: string }[] }).broken.map((b) => [
        b.stream,
        b.version,
        b.problem,
      ]),
      [
        [CHAIN_STREAM, chain.version + 1, 'plain link'],
        [client, head.version + 1, 'plain link'],
      ],
    );
  } finally {
    app.cleanup();
  }
});

sqlite.run();

/** The fixture's events and credentials, written into another store as the release before would have written them. */
interface LegacyTarget {
  readonly name: string;
  open(): Promise<{ env: Record<string, string>; close(): Promise<void> } | undefined>;
}

const mysql: LegacyTarget = {
  name: 'mysql',
  async open() {
    const server = mysqlTestUrl();
    if (server === undefined) return undefined;
    const database = await createTestDatabase(server);
    // The tables as the release before made them: its schema, without the credential MAC columns.
    const raw = await rawConnection(database.target);
    const { store } = await openEventStore(database.url);
    await store.close();
    await raw.query('ALTER TABLE credentials DROP COLUMN version, DROP COLUMN mac');
    const { events, credentials } = fixture();
    for (const e of events) {
      await raw.query(
        'INSERT INTO events (position, id, stream_id, version, type, schema_version, data, metadata, at_ms, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [e.position, e.id, e.stream_id, e.version, e.type, e.schema_version, e.data, e.metadata, Date.parse(e.at), e.prev_hash, e.hash],
      );
      await raw.query(
        'INSERT INTO streams (stream_id, version, hash, position) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE version = VALUES(version), hash = VALUES(hash), position = VALUES(position)',
        [e.stream_id, e.version, e.hash, e.position],
      );
    }
    await raw.query('UPDATE log_head SET position = ? WHERE id = 1', [events.at(-1)?.position]);
    for (const c of credentials) {
      await raw.query('INSERT INTO credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)', [
        c.user_id,
        c.password_hash,
        c.updated_at.slice(0, 23).replace('T', ' '),
      ]);
    }
    await raw.end();
    return { env: { EPIC_EVENT_STORE: database.url }, close: () => database.drop() };
  },
};

const esdb: LegacyTarget = {
  name: 'esdb double',
  async open() {
    const double = await EsdbWireDouble.start();
    const client = EventStoreDBClient.connectionString(double.url);
    const { events, credentials } = fixture();
    for (const e of events) {
      await client.appendToStream(
        e.stream_id,
        jsonEvent({
          id: e.id,
          type: e.type,
          data: JSON.parse(e.data) as Record<string, unknown>,
          metadata: {
            ...(JSON.parse(e.metadata) as Record<string, unknown>),
            schemaVersion: e.schema_version,
            prevHash: e.prev_hash,
            hash: e.hash,
          },
        }),
      );
    }
    for (const c of credentials) {
      await client.setStreamMetadata(`credentials-${c.user_id}`, { maxCount: 1 });
      await client.appendToStream(
        `credentials-${c.user_id}`,
        jsonEvent({ type: 'PasswordHashSet', data: { passwordHash: c.password_hash, updatedAt: c.updated_at } }),
      );
    }
    await client.dispose();
    return {
      env: { EPIC_EVENT_STORE: double.url },
      close: () => double.stop(),
    };
  },
};

for (const target of [mysql, esdb]) {
  const test = suite(`a log written before the keyed chain [${target.name}]`);
  test('verifies as it did, switches over at the first write, and refuses a plain link after', async () => {
    const opened = await target.open();
    if (opened === undefined) {
      process.stdout.write(`\n  [${target.name}] skipped: the store is not available here\n`);
      return;
    }
    const app = legacyInstallation(opened.env);
    try {
      const { store } = await openEventStore(opened.env.EPIC_EVENT_STORE ?? '');
      const before = await verifyLog(store);
      await store.close();
      assert.equal(
        { ok: before.ok, chain: before.chain, events: before.events, digest: before.digest },
        { ok: true, chain: 'plain', events: 28, digest: LEGACY_DIGEST },
      );

      const first = await login(app, 'ada');
      assert.is(first.code, 0, first.stderr);
      assert.match(first.stderr, /created the audit key/);
      const report = await app.json<{ ok: boolean; chain: string; credentials: unknown[] }>(['audit', 'verify']);
      assert.equal(
        { ok: report.ok, chain: report.chain, credentials: report.credentials },
        { ok: true, chain: 'switched', credentials: [] },
      );
      for (const who of ['bob', 'carla', 'sam'] as const) assert.is((await login(app, who)).code, 0, `${who} signs in`);
      assert.is((await login(app, 'sam', 'sam@epic.test password')).code, 3);
      await login(app, 'ada');
      const digest = await app.ok(['audit', 'digest']);
      const since = await app.epic(['audit', 'verify', '--since', digest]);
      assert.is(since.code, 0, since.stderr);
    } finally {
      app.cleanup();
      await opened.close();
    }
  });
  test.run();
}

// The fixture is what the tests above say it is.
const check = suite('the legacy fixture');
check('28 events with plain links, four credentials without a MAC column', () => {
  const { events, credentials } = fixture();
  assert.is(events.length, 28);
  assert.is(credentials.length, 4);
  assert.not.ok(Object.hasOwn(credentials[0] ?? {}, 'mac'));
  assert.ok(readFileSync(FIXTURE).subarray(0, 16).toString('latin1').startsWith('SQLite format 3'));
});
check.run();
