/**
 * The cost of crypto-shredding (issue 20), before and after, next to the
 * other benchmarks but run on its own (bench/run.ts is being reworked):
 *
 *   node --import tsx bench/privacy-bench.ts [--events 1000000] [--history 10000] [--creates 2000] [--reps 3]
 *
 * "Before" is the store as it was (the adapter alone, a log of plain
 * values); "after" is the store behind the privacy decorator (src/privacy)
 * with the same events sealed under per-client keys in keys.db. Rows:
 *
 * - `client create`: the append of a ClientCreated and its CommandRecorded
 *   (what the command writes), one at a time, fsync on, `--creates` times;
 * - `history contract` on a contract of `--history` events: the whole
 *   history walked (recordHistory), in process;
 * - the rebuild of every projection from a `--events` log (the workload of
 *   B4: clients, edits, contracts, payments, events with notes).
 *
 * Each is the median of `--reps` runs; the target is at most 10% more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recordHistory } from '../src/audit/history.js';
import { accountStream } from '../src/domain/accounts/account-events.js';
import type { EventActor, EventStore, JsonObject, JsonValue, NewEvent } from '../src/events/event-store.js';
import { openSqliteEventStore } from '../src/events/sqlite/event-store.js';
import { seal } from '../src/privacy/envelope.js';
import { personalFieldsOf } from '../src/privacy/personal-fields.js';
import { PrivateEventStore } from '../src/privacy/private-event-store.js';
import { keyStorePath, SqliteKeyStore } from '../src/privacy/sqlite-key-store.js';
import { rebuild } from '../src/projections/projector.js';
import { openReadDb } from '../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../test/support/audit-key.js';
import { BulkLog } from './bulk-log.js';
import { summarize } from './stats.js';
import { writeWorkload } from './workload.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    history: { type: 'string', default: '10000' },
    creates: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '3' },
  },
});
const EVENTS = Number(values.events);
const HISTORY = Number(values.history);
const CREATES = Number(values.creates);
const REPS = Number(values.reps);
const log = (line: string) => process.stderr.write(`${line}\n`);

type Variant = 'before' | 'after';

/** The adapter alone ("before"), or behind the decorator with its key store beside the file ("after"). */
async function openStore(path: string, variant: Variant): Promise<EventStore> {
  const store = await openSqliteEventStore(path, { keyring: testKeyring });
  return variant === 'before' ? store : new PrivateEventStore(store, new SqliteKeyStore(keyStorePath(path)));
}

function median(samples: number[]): number {
  return summarize(samples).median;
}

/** BulkLog's `append`, with the personal fields of client streams sealed first, as the decorator would store them. */
class SealingLog {
  readonly #keys = new Map<string, Buffer>();
  constructor(
    private readonly inner: BulkLog,
    private readonly keyStore: SqliteKeyStore,
  ) {}

  get written(): number {
    return this.inner.written;
  }

  async prepare(subjects: readonly string[]): Promise<void> {
    for (const [subject, key] of await this.keyStore.keys(subjects, true)) this.#keys.set(subject, key);
  }

  append(streamId: string, type: string, data: JsonObject, actor: EventActor, at: Date, commandId?: string): void {
    const subject = streamId.startsWith('client-') ? streamId.slice('client-'.length) : null;
    const key = subject === null ? undefined : this.#keys.get(subject);
    let stored = data;
    if (subject !== null && key !== undefined) {
      stored = { ...data };
      for (const field of personalFieldsOf(type)) {
        const value = data[field];
        if (value !== undefined && value !== null) stored[field] = { ...seal(key, subject, field, value as JsonValue) };
      }
    }
    this.inner.append(streamId, type, stored, actor, at, commandId);
  }
}

/** The B4 workload, plain ("before") or sealed ("after"): the same events from the same seed. */
async function writeLog(path: string, variant: Variant): Promise<number> {
  const bulk = await BulkLog.open(path);
  if (variant === 'before') {
    const mix = writeWorkload(bulk, EVENTS);
    bulk.close();
    return mix.events;
  }
  // Two passes of the same seed: the first only learns the client ids, so every key exists before the sealed log is written.
  const subjects = new Set<string>();
  const probe = {
    written: 0,
    append(streamId: string) {
      this.written += 1;
      if (streamId.startsWith('client-')) subjects.add(streamId.slice('client-'.length));
    },
  };
  writeWorkload(probe as unknown as BulkLog, EVENTS);
  const keys = new SqliteKeyStore(keyStorePath(path));
  const sealing = new SealingLog(bulk, keys);
  await sealing.prepare([...subjects]);
  // writeWorkload only calls `append` and reads `written`: the sealing log has both.
  const mix = writeWorkload(sealing as unknown as BulkLog, EVENTS);
  bulk.close();
  await keys.close();
  return mix.events;
}

async function rebuildRow(dir: string): Promise<string> {
  const times: Record<Variant, number[]> = { before: [], after: [] };
  let events = 0;
  for (const variant of ['before', 'after'] as const) {
    const path = join(dir, `rebuild-${variant}.db`);
    const started = performance.now();
    events = await writeLog(path, variant);
    log(`rebuild: wrote ${events} events (${variant}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  for (let rep = 0; rep < REPS; rep += 1) {
    // Alternated, so that a slower moment of a shared machine falls on both.
    for (const variant of ['before', 'after'] as const) {
      const store = await openStore(join(dir, `rebuild-${variant}.db`), variant);
      const readPath = join(dir, `read-${variant}-${rep}.db`);
      const readDb = await openReadDb(`sqlite:${readPath}`);
      const started = performance.now();
      await rebuild(store, readDb);
      times[variant].push(performance.now() - started);
      await readDb.close();
      await store.close();
      rmSync(readPath, { force: true });
      log(`rebuild rep ${rep + 1} ${variant}: ${(times[variant].at(-1) ?? 0).toFixed(0)} ms`);
    }
  }
  return row(`rebuild of ${events.toLocaleString('en')} events (SQLite)`, median(times.before), median(times.after), 'ms');
}

async function historyRow(dir: string): Promise<string> {
  const times: Record<Variant, number[]> = { before: [], after: [] };
  const actor: EventActor = { id: 'adaadmin01', role: 'gestion' };
  const clientId = 'histclient';
  const contractId = 'histcontra';
  for (const variant of ['before', 'after'] as const) {
    const store = await openStore(join(dir, `history-${variant}.db`), variant);
    const event = (type: string, data: JsonObject, n: number): NewEvent => ({
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      data,
      metadata: { actor, at: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(), commandId: `cmd-${n}` },
    });
    const stream = accountStream(clientId);
    await store.append(
      stream,
      [
        event(
          'ClientCreated',
          { clientId, name: 'Hist Client', email: 'hist@client.io', phone: null, company: 'Hist', commercialId: 'bobseller1' },
          0,
        ),
        event('ContractCreated', { contractId, clientId, totalCents: 100_000_000, remainingCents: 100_000_000, signed: true }, 1),
      ],
      'no_stream',
    );
    const batch: NewEvent[] = [];
    for (let n = 2; n < HISTORY; n += 1) batch.push(event('PaymentRecorded', { contractId, amountCents: 1 }, n));
    for (let i = 0; i < batch.length; i += 1000) await store.append(stream, batch.slice(i, i + 1000), 'any');
    await store.close();
  }
  for (let rep = 0; rep < REPS * 3; rep += 1) {
    for (const variant of ['before', 'after'] as const) {
      const store = await openStore(join(dir, `history-${variant}.db`), variant);
      const started = performance.now();
      let entries = 0;
      for await (const _ of recordHistory(store, { kind: 'contract', id: contractId, clientId })) entries += 1;
      times[variant].push(performance.now() - started);
      await store.close();
      if (entries < HISTORY - 2) throw new Error(`history of ${entries} entries`);
    }
  }
  return row(
    `\`history contract\` of ${HISTORY.toLocaleString('en')} events (recordHistory, in process)`,
    median(times.before),
    median(times.after),
    'ms',
  );
}

async function createRow(dir: string): Promise<string> {
  const times: Record<Variant, number[]> = { before: [], after: [] };
  const actor: EventActor = { id: 'bobseller1', role: 'commercial' };
  for (let rep = 0; rep < REPS; rep += 1) {
    for (const variant of ['before', 'after'] as const) {
      const path = join(dir, `create-${variant}-${rep}.db`);
      const store = await openStore(path, variant);
      const started = performance.now();
      for (let n = 0; n < CREATES; n += 1) {
        const clientId = `c${String(n).padStart(9, '0')}`;
        const commandId = `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
        const at = new Date().toISOString();
        const metadata = { actor, at, commandId };
        await store.append(
          accountStream(clientId),
          [
            {
              id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
              type: 'ClientCreated',
              schemaVersion: 1,
              data: {
                clientId,
                name: `Client ${n}`,
                email: `client${n}@x.io`,
                phone: '+33 6 12 34 56 78',
                company: `Company ${n}`,
                commercialId: actor.id,
              },
              metadata,
            },
          ],
          'no_stream',
        );
        await store.append(
          'command-log',
          [
            {
              id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
              type: 'CommandRecorded',
              schemaVersion: 2,
              data: {
                commandId,
                command: 'client create',
                args: { name: `Client ${n}`, email: `client${n}@x.io`, phone: '+33 6 12 34 56 78', company: `Company ${n}` },
                outcome: 'accepted',
                reason: null,
                reasonMessage: null,
                events: [],
              },
              metadata,
            },
          ],
          'any',
        );
      }
      times[variant].push((performance.now() - started) / CREATES);
      await store.close();
      log(`client create rep ${rep + 1} ${variant}: ${(times[variant].at(-1) ?? 0).toFixed(3)} ms each`);
    }
  }
  return row(
    `\`client create\`: its two appends (ClientCreated + CommandRecorded), fsync on`,
    median(times.before),
    median(times.after),
    'ms each',
  );
}

function row(what: string, before: number, after: number, unit: string): string {
  const cost = (after / before - 1) * 100;
  return `| ${what} | ${before.toFixed(unit === 'ms each' ? 3 : 0)} ${unit} | ${after.toFixed(unit === 'ms each' ? 3 : 0)} ${unit} | ${cost >= 0 ? '+' : ''}${cost.toFixed(1)}% | ${cost <= 10 ? 'yes' : 'no'} |`;
}

const dir = mkdtempSync(join(tmpdir(), 'epic-bench-privacy-'));
try {
  const rows = [await createRow(dir), await historyRow(dir), await rebuildRow(dir)];
  process.stdout.write(`${['| what | before | after | cost | ≤ 10% |', '|---|---|---|---|---|', ...rows].join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
