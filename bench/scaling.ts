/**
 * The figures of docs/scaling.md that `npm run bench` does not give:
 *
 * S1: appends per second through the event store when W writer processes
 *     append at once, each event in its own append (as every command appends
 *     its command-log entry), either all to one stream (`command-log`, or
 *     `users`: every write of their kind goes there) or each to a stream of
 *     its own (client accounts). SQLite (WAL, synchronous = FULL) and MySQL
 *     (the log lock: positions handed out under one row lock).
 * S2: the follower's rate: an incremental catch-up (1,000-event batches, the
 *     path `epic projection run --follow` takes) of N events in the realistic
 *     mix (workload.ts) into read tables that already exist, SQLite and MySQL.
 *
 *     node --import tsx bench/scaling.ts [--mysql mysql://root@127.0.0.1:3306/scratch] [--events 50000] [--appends 300]
 *
 * The MySQL database is emptied and refilled: point it at a scratch one.
 * Prints one line per measurement.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventStore, NewEvent } from '../src/events/event-store.js';
import { openEventStore } from '../src/events/open-event-store.js';
import { catchUp } from '../src/projections/projector.js';
import { openReadDb } from '../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../test/support/audit-key.js';
import { BulkLog } from './bulk-log.js';
import { writeWorkload } from './workload.js';

const { values } = parseArgs({
  options: {
    mysql: { type: 'string' },
    events: { type: 'string', default: '50000' },
    appends: { type: 'string', default: '300' },
    writer: { type: 'string' },
    stream: { type: 'string' },
    start: { type: 'string' },
  },
});

function event(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'CommandRecorded',
    schemaVersion: 1,
    data: { command: 'client list', outcome: 'accepted', n },
    metadata: { actor: { id: 'bench12345', role: 'gestion' }, at: new Date().toISOString(), commandId: randomUUID() },
  };
}

/** A writer process: waits for the common start, appends, prints {first, last} (epoch ms). */
async function writer(url: string, stream: string, count: number, startAt: number): Promise<void> {
  const { store, credentials } = await openEventStore(url, { keyring: testKeyring });
  const events = Array.from({ length: count }, (_, n) => event(n));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  const first = Date.now();
  for (const e of events) await store.append(stream, [e], 'any');
  const last = Date.now();
  await credentials.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ first, last })}\n`);
}

function child(args: readonly string[]): Promise<{ first: number; last: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    proc.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim()) as { first: number; last: number }) : reject(new Error(`writer exited ${code}`)),
    );
  });
}

async function appendRate(url: string, writers: number, shared: boolean, count: number): Promise<number> {
  const startAt = Date.now() + 4000; // every child loaded and connected by then
  const run = randomUUID().slice(0, 8);
  const runs = await Promise.all(
    Array.from({ length: writers }, (_, w) =>
      child([
        '--writer',
        url,
        '--stream',
        shared ? `command-log-${run}` : `client-${run}-${w}`,
        '--appends',
        String(count),
        '--start',
        String(startAt),
      ]),
    ),
  );
  const first = Math.min(...runs.map((r) => r.first));
  const last = Math.max(...runs.map((r) => r.last));
  return (writers * count) / ((last - first) / 1000);
}

async function resetMysql(url: string): Promise<void> {
  const { createConnection } = await import('mysql2/promise');
  const parsed = new URL(url);
  const database = parsed.pathname.slice(1);
  const connection = await createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  });
  await connection.query(`drop database if exists \`${database}\``);
  await connection.query(`create database \`${database}\``);
  await connection.end();
}

async function catchUpRate(logPath: string, readUrl: string): Promise<{ events: number; perSecond: number }> {
  const { store, credentials } = await openEventStore(`sqlite:${logPath}`, { keyring: testKeyring });
  const readDb = await openReadDb(readUrl);
  try {
    const started = performance.now();
    const result = await catchUp(store as EventStore, readDb, { batchSize: 1000 });
    return { events: result.events, perSecond: result.events / ((performance.now() - started) / 1000) };
  } finally {
    await readDb.close();
    await credentials.close();
    await store.close();
  }
}

async function main(): Promise<void> {
  if (values.writer !== undefined) {
    await writer(values.writer, values.stream ?? 'command-log', Number(values.appends), Number(values.start));
    return;
  }
  const appends = Number(values.appends);
  const events = Number(values.events);
  const dir = mkdtempSync(join(tmpdir(), 'epic-bench-scaling-'));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const stores: Array<[string, () => Promise<string>]> = [['SQLite', async () => `sqlite:${join(dir, `log-${randomUUID()}.db`)}`]];
    const mysql = values.mysql;
    if (mysql !== undefined) {
      stores.push([
        'MySQL',
        async () => {
          await resetMysql(mysql);
          return mysql;
        },
      ]);
    }
    for (const [name, fresh] of stores) {
      for (const writers of [1, 2, 4]) {
        for (const shared of [true, false]) {
          const rate = await appendRate(await fresh(), writers, shared, appends);
          say(
            `S1 ${name} event store, ${writers} writer(s), ${shared ? 'one shared stream' : 'a stream each'}: ${rate.toFixed(0)} appends/s (${writers} x ${appends})`,
          );
        }
      }
    }

    // S2: a log in the realistic mix, and read tables built (empty) before the catch-up measured.
    const logPath = join(dir, 'mix.db');
    const emptyPath = join(dir, 'empty.db');
    (await BulkLog.open(emptyPath)).close();
    const targets: Array<[string, string]> = [['SQLite', `sqlite:${join(dir, 'read.db')}`]];
    if (mysql !== undefined) {
      await resetMysql(mysql);
      targets.push(['MySQL', mysql]);
    }
    for (const [, url] of targets) await catchUpRate(emptyPath, url);
    const log = await BulkLog.open(logPath);
    const mix = writeWorkload(log, events);
    log.close();
    for (const [name, url] of targets) {
      const { events: applied, perSecond } = await catchUpRate(logPath, url);
      say(
        `S2 ${name} read tables, incremental catch-up of ${applied} events (of ${mix.events} written), 1,000-event batches: ${perSecond.toFixed(0)} events/s`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
