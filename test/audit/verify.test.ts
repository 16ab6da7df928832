/**
 * Tamper evidence on the embedded store: rows are changed behind the store's
 * back with plain SQL, as someone with the file could, and `verifyLog` (and
 * `epic audit verify`) must say where.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { headsDigest, verifyLog } from '../../src/audit/verify.js';
import { GENESIS_HASH } from '../../src/events/hash-chain.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/events/sqlite/event-store.js';
import { sampleEvent } from '../event-store/sample-events.js';
import { Installation } from '../support/cli.js';

const verify = suite('audit verify');
let dir: string;
let path: string;
let store: SqliteEventStore;

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

verify.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'epic-verify-'));
  path = join(dir, 'events.db');
  store = await openSqliteEventStore(path);
  await seed();
});
verify.after.each(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

verify('a clean log verifies; the digest is over the sorted stream heads', async () => {
  const report = await verifyLog(store, { batchSize: 5 });
  assert.is(report.ok, true);
  assert.equal(report.broken, []);
  assert.is(report.events, 12);
  assert.is(report.streams, 3);
  assert.is(report.digest, headsDigest(await store.streamHeads()));
  assert.match(report.digest, /^[0-9a-f]{64}$/);
  assert.is((await verifyLog(store)).digest, report.digest, 'same log, same digest');
});

verify('an edited payload: hash mismatch at that event, other streams fine', async () => {
  tamper(`UPDATE events SET data = json_set(data, '$.n', 99) WHERE stream_id = 'client-bbbb' AND version = 2`);
  const report = await verifyLog(store);
  assert.is(report.ok, false);
  assert.is(report.broken.length, 1);
  const [broken] = report.broken;
  assert.equal([broken!.stream, broken!.version, broken!.problem], ['client-bbbb', 2, 'hash mismatch']);
  assert.match(broken!.actual, /stored/);
});

verify('an edited actor in the metadata is caught too', async () => {
  tamper(`UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else') WHERE stream_id = 'users' AND version = 3`);
  const report = await verifyLog(store);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem]),
    [['users', 3, 'hash mismatch']],
  );
});

verify('two events swapped (their versions exchanged): a version gap where the order breaks', async () => {
  tamper(`UPDATE events SET version = -2 WHERE stream_id = 'client-aaaa' AND version = 2`);
  tamper(`UPDATE events SET version = 2 WHERE stream_id = 'client-aaaa' AND version = 3`);
  tamper(`UPDATE events SET version = 3 WHERE stream_id = 'client-aaaa' AND version = -2`);
  const report = await verifyLog(store);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem]),
    [['client-aaaa', 3, 'version gap']],
  );
});

verify('two payloads swapped (versions kept): the chain breaks at the first', async () => {
  tamper(
    `UPDATE events SET data = (SELECT data FROM events WHERE stream_id = 'client-aaaa' AND version = 3) WHERE stream_id = 'client-aaaa' AND version = 2`,
  );
  const report = await verifyLog(store);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem]),
    [['client-aaaa', 2, 'hash mismatch']],
  );
});

verify('an event removed from the middle: prevHash mismatch / gap at the next', async () => {
  tamper(`DELETE FROM events WHERE stream_id = 'users' AND version = 2`);
  const report = await verifyLog(store);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem]),
    [['users', 3, 'version gap']],
  );
});

verify('a re-hashed rewrite (every hash recomputed after an edit) verifies as a chain, but the digest changes', async () => {
  const before = (await verifyLog(store)).digest;
  const original = await store.readStream('client-bbbb');
  // Rewrite the stream into a fresh store with one payload changed: a valid chain, different heads.
  const forged = await openSqliteEventStore(join(dir, 'forged.db'));
  for (const e of original) {
    const { prevHash: _p, hash: _h, ...metadata } = e.metadata;
    await forged.append(
      e.streamId,
      [{ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.version === 2 ? { ...e.data, n: 42 } : e.data, metadata }],
      'any',
    );
  }
  const forgedHead = (await forged.streamHeads())[0]!;
  await forged.close();
  const head = (await store.streamHeads()).find((h) => h.streamId === 'client-bbbb')!;
  assert.is.not(forgedHead.hash, head.hash);
  const heads = (await store.streamHeads()).map((h) => (h.streamId === 'client-bbbb' ? forgedHead : h));
  assert.is.not(headsDigest(heads), before);
});

verify('the last event of a stream removed: every chain still verifies, the digest changes', async () => {
  const before = await verifyLog(store);
  tamper(`DELETE FROM events WHERE stream_id = 'client-aaaa' AND version = 4`);
  const after = await verifyLog(store);
  assert.is(after.ok, true, 'a shorter chain is still a chain: only the digest shows it');
  assert.is(after.events, 11);
  assert.is.not(after.digest, before.digest);
});

verify('the first event must start from the genesis hash', async () => {
  tamper(`UPDATE events SET prev_hash = ? WHERE stream_id = 'client-aaaa' AND version = 1`, 'f'.repeat(64));
  const report = await verifyLog(store);
  assert.equal(
    report.broken.map((b) => [b.stream, b.version, b.problem, b.expected]),
    [['client-aaaa', 1, 'prevHash mismatch', GENESIS_HASH]],
  );
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
  const report = await app.json<{ ok: boolean; events: number; streams: number; digest: string; broken: unknown[] }>(['audit', 'verify']);
  assert.is(report.ok, true);
  assert.ok(report.events > 5);
  assert.equal(report.broken, []);
  const text = await app.ok(['audit', 'verify']);
  assert.match(text, /every hash chain verifies/);
  // The log grew (logins are events): take the digest now and compare with it at once.
  const { digest } = await app.json<{ digest: string }>(['audit', 'verify']);
  const same = await app.epic(['audit', 'verify', '--expect', digest]);
  assert.is(same.code, 0, same.stderr);
  assert.match(same.stdout, /matches the expected digest/);
  const other = await app.epic(['audit', 'verify', '--expect', 'a'.repeat(64), '--json']);
  assert.is(other.code, 6);
  assert.is((JSON.parse(other.stdout) as { digestMatches: boolean }).digestMatches, false);
  assert.match(other.stderr, /^error: the digest differs/);
  assert.is((await app.epic(['audit', 'verify', '--expect', 'nope'])).code, 2);
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
  assert.match(result.stderr, /^error: the log does not verify/);
  const text = await app.epic(['audit', 'verify']);
  assert.match(text.stdout, new RegExp(`BROKEN ${row.stream_id} at version ${row.version} \\(position \\d+\\): hash mismatch`));
});

cli.run();
