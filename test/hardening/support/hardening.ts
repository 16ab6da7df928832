/**
 * Shared pieces of the hardening suites: a seeded random source (every run
 * throws the same values), the one-line error check, the log read straight
 * from the store, and the "read tables equal a clean rebuild" comparison.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { EventStore, RecordedEvent } from '../../../src/events/event-store.js';
import { openEventStore } from '../../../src/events/open-event-store.js';
import { catchUp, rebuild } from '../../../src/projections/projector.js';
import { openReadDb, type ReadDb } from '../../../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../../support/audit-key.js';
import type { CliResult } from '../../support/cli.js';
import { dumpReadTables } from '../../support/read-db-dump.js';

/** mulberry32: a small deterministic PRNG, so a failing run can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** At most this long: an error line that echoes a 100 KB input back is a bug too. */
export const MAX_ERROR_LINE = 320;

/** stderr is exactly one `error: ...` line, short, without a stack trace or a raw control character. */
export function assertOneLineError(result: Pick<CliResult, 'stderr'>, what: string): string {
  const text = result.stderr;
  assert.ok(text.startsWith('error: '), `${what}: stderr should start with "error: ", got ${JSON.stringify(text.slice(0, 200))}`);
  assert.ok(text.endsWith('\n'), `${what}: stderr should end with a newline`);
  const line = text.slice(0, -1);
  assert.not.match(
    line,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters that must not be there
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
    `${what}: the error line holds a control or line-breaking character: ${JSON.stringify(line.slice(0, 200))}`,
  );
  assert.not.match(line, /\n\s+at /, `${what}: stack trace`);
  assert.ok(line.length <= MAX_ERROR_LINE, `${what}: error line of ${line.length} characters: ${JSON.stringify(line.slice(0, 120))}…`);
  assert.not.match(line, /internal error/, `${what}: ${line}`);
  return line;
}

export async function withEventStore<T>(url: string, work: (store: EventStore) => Promise<T>): Promise<T> {
  const { store, credentials } = await openEventStore(url, { keyring: testKeyring });
  try {
    return await work(store);
  } finally {
    await credentials.close();
    await store.close();
  }
}

/** Every event of the log, in position order. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: 1000 });
    events.push(...batch);
    const last = batch.at(-1);
    if (batch.length < 1000 || last === undefined) return events;
    after = last.position;
  }
}

/**
 * Brings the installation's read database up to the head of the log, builds a
 * second one from scratch from the same log, and asserts the two hold the same
 * rows. `freshUrl` names the empty database to build into (a temporary SQLite
 * file by default).
 */
export async function assertReadTablesMatchRebuild(eventStoreUrl: string, readDbUrl: string, freshUrl?: string): Promise<void> {
  const target = freshUrl ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'epic-rebuild-')), 'read.db')}`;
  await withEventStore(eventStoreUrl, async (store) => {
    const live = await openReadDb(readDbUrl);
    let fresh: ReadDb | undefined;
    try {
      await catchUp(store, live);
      fresh = await openReadDb(target);
      await rebuild(store, fresh);
      const [actual, expected] = [await dumpReadTables(live), await dumpReadTables(fresh)];
      assert.ok(actual.contracts.length + actual.clients.length > 0, 'the read tables should not be empty');
      assert.equal(normalize(actual), normalize(expected), 'the read tables differ from a clean rebuild of the same log');
    } finally {
      await live.close();
      await fresh?.close();
    }
  });
}

/** MySQL and SQLite hand numbers back in different types: compare values, not driver types. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? Number(item) : item))) as unknown;
}
