/**
 * Tamper evidence on the embedded store: rows are changed behind the store's
 * back with plain SQL, as someone with the file could, and `verifyLog` (and
 * `epic audit verify`) must say where. Across every store and through the
 * CLI, with digests: tamper-evidence.test.ts.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { headsDigest, verifyLog } from '../../src/audit/verify.js';
import { InvalidInput } from '../../src/errors.js';
import { AuditKey, fixedKeyring } from '../../src/events/audit-key.js';
import { chainHash, GENESIS_HASH } from '../../src/events/hash-chain.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { rejection } from '../event-store/rejection.js';
import { sampleEvent } from '../event-store/sample-events.js';
import { TEST_AUDIT_KEY, testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';

const verify = suite('audit verify');
let dir: string;
let path: string;
let store: SqliteEventStore;
const key = TEST_AUDIT_KEY;

async function seed(): Promise<void> {
  for (const stream of ['client-aaaa', 'client-bbbb', 'users']) {
    for (let n = 1; n <= 4; n++) await store.append(stream, [sampleEvent('Sampled', { stream, n })], n - 1);
  }
}

/** Runs SQL on the file directly, as a tamperer would. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

const found = async () => (await verifyLog(store, { key })).broken.map((b) => [b.stream, b.version, b.problem]);

verify.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'epic-verify-'));
  path = join(dir, 'events.db');
  store = await openSqliteEventStore(path, { keyring: testKeyring });
  await seed();
});
verify.after.each(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

verify('a clean log verifies, keyed from its first event; the digest is over the sorted stream heads', async () => {
  const report = await verifyLog(store, { key, batchSize: 5 });
  assert.is(report.ok, true);
  assert.is(report.chain, 'keyed');
  assert.equal(report.broken, []);
  assert.is(report.events, 12);
  assert.is(report.streams, 3);
  assert.is(report.digest, headsDigest(await store.streamHeads()));
  assert.match(report.digest, /^[0-9a-f]{64}$/);
  assert.is((await verifyLog(store, { key })).digest, report.digest, 'same log, same digest');
});

verify('an edited payload: hash mismatch at that event, other streams fine; the keyed link is never shown', async () => {
  tamper(`UPDATE events SET data = json_set(data, '$.n', 99) WHERE stream_id = 'client-bbbb' AND version = 2`);
  const report = await verifyLog(store, { key });
  assert.is(report.ok, false);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem, b.expected]),
    [['client-bbbb', 2, 'hash mismatch', null]],
  );
});

verify('the time kept beside the event is chained: editing the `at` column alone is a hash mismatch', async () => {
  tamper(`UPDATE events SET at = '2031-01-01T10:00:00.000Z' WHERE stream_id = 'client-aaaa' AND version = 3`);
  assert.equal(await found(), [['client-aaaa', 3, 'hash mismatch']]);
});

verify('so is a whitespace added to the stored JSON: the texts are chained as stored, not as parsed', async () => {
  tamper(`UPDATE events SET data = replace(data, ':', ': ') WHERE stream_id = 'users' AND version = 1`);
  assert.equal(await found(), [['users', 1, 'hash mismatch']]);
});

verify('an edited actor in the metadata is caught too', async () => {
  tamper(`UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else') WHERE stream_id = 'users' AND version = 3`);
  assert.equal(await found(), [['users', 3, 'hash mismatch']]);
});

verify('a forged event with its plain SHA-256 link recomputed: a plain link where a keyed one is due', async () => {
  const [head] = (await store.readStream('client-aaaa')).slice(-1);
  const forged = sampleEvent('ClientReassigned', { clientId: 'aaaa', commercialId: 'mallory' });
  const hash = chainHash(head!.metadata.hash, 'client-aaaa', 5, forged);
  tamper(
    `INSERT INTO events (id, stream_id, version, type, schema_version, data, metadata, at, prev_hash, hash)
     VALUES (?, 'client-aaaa', 5, ?, 1, ?, ?, ?, ?, ?)`,
    forged.id,
    forged.type,
    JSON.stringify(forged.data),
    JSON.stringify(forged.metadata),
    forged.metadata.at,
    head!.metadata.hash,
    hash,
  );
  assert.equal(await found(), [['client-aaaa', 5, 'plain link']]);
});

verify('two events swapped (their versions exchanged): a version gap where the order breaks', async () => {
  tamper(`UPDATE events SET version = -2 WHERE stream_id = 'client-aaaa' AND version = 2`);
  tamper(`UPDATE events SET version = 2 WHERE stream_id = 'client-aaaa' AND version = 3`);
  tamper(`UPDATE events SET version = 3 WHERE stream_id = 'client-aaaa' AND version = -2`);
  assert.equal(await found(), [['client-aaaa', 3, 'version gap']]);
});

verify('two payloads swapped (versions kept): the chain breaks at the first', async () => {
  tamper(
    `UPDATE events SET data = (SELECT data FROM events WHERE stream_id = 'client-aaaa' AND version = 3) WHERE stream_id = 'client-aaaa' AND version = 2`,
  );
  assert.equal(await found(), [['client-aaaa', 2, 'hash mismatch']]);
});

verify('an event removed from the middle: a version gap at the next', async () => {
  tamper(`DELETE FROM events WHERE stream_id = 'users' AND version = 2`);
  assert.equal(await found(), [['users', 3, 'version gap']]);
});

verify('the last event of a stream removed: every chain still verifies, the digest of the heads changes', async () => {
  const before = await verifyLog(store, { key });
  tamper(`DELETE FROM events WHERE stream_id = 'client-aaaa' AND version = 4`);
  const after = await verifyLog(store, { key });
  assert.is(after.ok, true, 'a shorter chain is still a chain: only a digest shows it (tamper-evidence.test.ts)');
  assert.is(after.events, 11);
  assert.is.not(after.digest, before.digest);
});

verify('the first event must start from the genesis hash', async () => {
  tamper(`UPDATE events SET prev_hash = ? WHERE stream_id = 'client-aaaa' AND version = 1`, 'f'.repeat(64));
  const report = await verifyLog(store, { key });
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem, b.expected]),
    [['client-aaaa', 1, 'prevHash mismatch', GENESIS_HASH]],
  );
});

verify('without the key, or with another one, a keyed log is not verified at all (exit 2), rather than reported broken', async () => {
  const none = await rejection(verifyLog(store));
  assert.instance(none, InvalidInput);
  assert.is((none as InvalidInput).exitCode, 2);
  const other = await rejection(verifyLog(store, { key: AuditKey.fromText('another key, just as long as the right one', 'test') }));
  assert.instance(other, InvalidInput);
  assert.match((other as Error).message, /chain\.keyDoesNotFit/);
});

verify('a store opened without a keyring reads, and refuses to append', async () => {
  const reader = await openSqliteEventStore(path);
  try {
    assert.is((await reader.readStream('users')).length, 4);
    const error = await rejection(reader.append('users', [sampleEvent('Sampled')], 'any'));
    assert.instance(error, InvalidInput);
    assert.match((error as Error).message, /chain\.storeWithoutKey/);
  } finally {
    await reader.close();
  }
});

verify('a store opened with another key refuses to append to this log: nothing is written', async () => {
  const other = await openSqliteEventStore(path, {
    keyring: fixedKeyring(AuditKey.fromText('another key, just as long as the right one', 'test')),
  });
  try {
    const error = await rejection(other.append('users', [sampleEvent('Sampled')], 'any'));
    assert.instance(error, InvalidInput);
    assert.match((error as Error).message, /chain\.keyDoesNotFit/);
    assert.is((await other.readStream('users')).length, 4);
  } finally {
    await other.close();
  }
});

verify.run();

const cli = suite('epic audit verify');
let app: Installation;
cli.before(async () => {
  app = new Installation();
  await app.seedTeam();
  await app.as('bob@epic.test');
  await app.ok(['client', 'create', '--name', 'Kevin Casey', '--email', 'kevin@startup.io']);
});
cli.after(() => app.cleanup());

cli('gestion only; a clean log exits 0 and prints the digest; --expect compares', async () => {
  const denied = await app.epic(['audit', 'verify']);
  assert.is(denied.code, 4, denied.stderr);
  await app.as('ada@epic.test');
  const report = await app.json<{ ok: boolean; chain: string; events: number; streams: number; digest: string; broken: unknown[] }>([
    'audit',
    'verify',
  ]);
  assert.is(report.ok, true);
  assert.is(report.chain, 'keyed');
  assert.ok(report.events > 5);
  assert.equal(report.broken, []);
  const text = await app.ok(['audit', 'verify']);
  assert.match(text, /every hash chain verifies/);
  assert.match(text, /every stored password is bound to its user/);
  // The log grew (logins are events, and so is each verification: recorded in the command log once its digest is
  // taken): take the digest of the log as it stands now, as a verification would, and compare with it at once.
  const reader = await openSqliteEventStore(join(app.home, 'events.db'), { keyring: testKeyring });
  const digest = headsDigest(await reader.streamHeads());
  await reader.close();
  const same = await app.epic(['audit', 'verify', '--expect', digest]);
  assert.is(same.code, 0, same.stderr);
  assert.match(same.stdout, /matches the expected digest/);
  const other = await app.epic(['audit', 'verify', '--expect', 'a'.repeat(64), '--json']);
  assert.is(other.code, 6);
  assert.is((JSON.parse(other.stdout) as { digestMatches: boolean }).digestMatches, false);
  assert.match(other.stderr, /^error: the digest differs/);
  assert.is((await app.epic(['audit', 'verify', '--expect', 'nope'])).code, 2);
  assert.is((await app.epic(['audit', 'verify', '--since', 'nope'])).code, 2);
});

cli('an edited row: exit 6, the stream and version named, JSON for scripts', async () => {
  const db = new Database(join(app.home, 'events.db'));
  const row = db.prepare(`SELECT stream_id, version FROM events WHERE type = 'ClientCreated'`).get() as {
    stream_id: string;
    version: number;
  };
  db.prepare(`UPDATE events SET data = json_set(data, '$.name', 'Someone Else') WHERE stream_id = ? AND version = ?`).run(
    row.stream_id,
    row.version,
  );
  db.close();
  const result = await app.epic(['audit', 'verify', '--json']);
  assert.is(result.code, 6);
  const report = JSON.parse(result.stdout) as { ok: boolean; broken: { stream: string; version: number; problem: string }[] };
  assert.is(report.ok, false);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem]),
    [[row.stream_id, row.version, 'hash mismatch']],
  );
  assert.match(
    result.stderr,
    new RegExp(`^error: the log does not verify: 1 stream with a broken link, the first ${row.stream_id} at version ${row.version}\\n$`),
  );
  const text = await app.epic(['audit', 'verify']);
  assert.match(text.stdout, new RegExp(`BROKEN ${row.stream_id} at version ${row.version} \\(position \\d+\\): hash mismatch`));
  const french = await app.epic(['audit', 'verify'], { env: { EPIC_LANG: 'fr' } });
  assert.match(
    french.stdout,
    new RegExp(`ROMPU ${row.stream_id} à la version ${row.version} \\(position \\d+\\)\u00a0: empreinte différente`),
  );
  assert.match(french.stderr, /^error: le journal n’est pas vérifié/);
});

cli.run();
