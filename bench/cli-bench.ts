/**
 * B1, B2, B5: whole `epic` processes (the built bin, as users run it) against
 * a bare `node -e 0` spawned the same way, interleaved rep by rep so both
 * see the same machine load.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventActor } from '../src/events/event-store.js';
import { BulkLog } from './bulk-log.js';
import { app, epic, ROOT, runProcess } from './processes.js';
import type { Row } from './report.js';
import { summarize } from './stats.js';
import { prng, shortId } from './workload.js';

const PASSWORD = 'correct horse battery staple';

export interface CliBenchOptions {
  readonly reps: number;
  readonly clients: number;
  readonly historyEvents: number;
  readonly log: (line: string) => void;
}

interface Home {
  readonly home: string;
  readonly adminId: string;
  readonly commercialId: string;
}

/** An installation set up through the CLI (init, a commercial), then `clients` clients written in bulk. */
async function setUp(clients: number): Promise<Home> {
  const home = mkdtempSync(join(tmpdir(), 'epic-bench-cli-'));
  const adminId = (
    await epic(home, ['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], PASSWORD)
  ).stdout.trim();
  const commercialId = (
    await epic(
      home,
      ['user', 'create', '--name', 'Carl Commercial', '--email', 'carl@epic.test', '--role', 'commercial', '--password-stdin'],
      PASSWORD,
    )
  ).stdout.trim();
  const log = await BulkLog.open(join(home, 'events.db'));
  const random = prng(7);
  const actor: EventActor = { id: commercialId, role: 'commercial' };
  const nextAt = clock('2025-01-01T00:00:00.000Z');
  for (let i = 0; i < clients; i += 1) {
    const clientId = shortId(random);
    const at = nextAt();
    const commandId = randomUUID();
    log.append(
      `client-${clientId}`,
      'ClientCreated',
      { clientId, name: `Client ${i}`, email: `client${i}@example.com`, phone: null, company: `Company ${i % 500}`, commercialId },
      actor,
      at,
      commandId,
    );
    log.append(
      'command-log',
      'CommandRecorded',
      { commandId, command: 'client create', args: {}, outcome: 'accepted', reason: null, events: [] },
      actor,
      at,
      commandId,
    );
  }
  log.close();
  return { home, adminId, commercialId };
}

/** A contract with `count` events (amendments and payments) in a client stream of its own; returns its id and an instant in the middle. */
async function writeLongContract(home: Home, count: number): Promise<{ contractId: string; stream: string; middle: string }> {
  const log = await BulkLog.open(join(home.home, 'events.db'));
  const random = prng(11);
  const clientId = shortId(random);
  const contractId = shortId(random);
  const actor: EventActor = { id: home.commercialId, role: 'commercial' };
  const stream = `client-${clientId}`;
  const nextAt = clock('2025-06-01T00:00:00.000Z');
  const total = 10 * count * 100;
  log.append(
    stream,
    'ClientCreated',
    { clientId, name: 'Long Contract Ltd', email: 'long@example.com', phone: null, company: null, commercialId: home.commercialId },
    actor,
    nextAt(),
  );
  log.append(stream, 'ContractCreated', { contractId, clientId, totalCents: total, remainingCents: total, signed: true }, actor, nextAt());
  let middle = '';
  let remaining = total;
  for (let i = 0; i < count; i += 1) {
    const at = nextAt();
    if (i % 2 === 0) {
      remaining -= 100;
      log.append(stream, 'PaymentRecorded', { contractId, amountCents: 100 }, actor, at);
    } else log.append(stream, 'ContractAmended', { contractId, remainingCents: remaining }, actor, at);
    if (i === Math.floor(count / 2)) middle = at.toISOString();
  }
  log.close();
  return { contractId, stream, middle };
}

/** Instants one second apart after `start`, one per call. */
function clock(start: string): () => Date {
  let t = Date.parse(start);
  return () => {
    t += 1000;
    return new Date(t);
  };
}

/** `node -e 0`, the floor every launch pays. */
function bareNode() {
  return runProcess(process.execPath, ['-e', '0'], { env: { PATH: process.env.PATH } });
}

export async function cliBench(options: CliBenchOptions): Promise<Row[]> {
  options.log(`B1/B2: setting up an installation with ${options.clients} clients`);
  const home = await setUp(options.clients);
  try {
    return await measure(home, options);
  } finally {
    rmSync(home.home, { recursive: true, force: true });
  }
}

async function measure(home: Home, options: CliBenchOptions): Promise<Row[]> {
  const { reps } = options;
  const warm = await epic(home.home, ['client', 'list', '--json']);
  const listed = (JSON.parse(warm.stdout) as unknown[]).length;
  if (listed !== options.clients) throw new Error(`client list returned ${listed} clients, expected ${options.clients}`);

  const node: number[] = [];
  const version: number[] = [];
  const list: number[] = [];
  const create: number[] = [];
  const help: number[] = [];
  // One discarded round warms the page cache for every binary.
  await bareNode();
  await epic(home.home, ['--version']);
  for (let i = 0; i < reps; i += 1) {
    node.push((await bareNode()).ms);
    version.push((await epic(home.home, ['--version'])).ms);
    help.push((await epic(home.home, ['client', 'list', '--help'])).ms);
    list.push((await epic(home.home, ['client', 'list', '--json'])).ms);
    const created = await epic(home.home, [
      'client',
      'create',
      '--name',
      `New ${i}`,
      '--email',
      `new${i}@example.com`,
      '--commercial',
      home.commercialId,
    ]);
    if (created.stdout.trim().length < 4) throw new Error('client create printed no id');
    create.push(created.ms);
  }
  const baseline = summarize(node);
  const rows: Row[] = [];
  const judge = (id: string, what: string, samples: number[], limit: number): Row => {
    const value = summarize(samples);
    return {
      id,
      what,
      unit: 'ms',
      value,
      baseline,
      baselineWhat: 'node -e 0',
      target: `≤ ${limit}×`,
      met: value.median / baseline.median <= limit,
    };
  };
  rows.push(judge('B1', '`epic --version`', version, 1.5));
  // Not a target of the issue: what any command pays before it opens a store (parser, one command module).
  const helpValue = summarize(help);
  rows.push({
    id: 'B1',
    what: '`epic client list --help` (info: start-up through the parser)',
    unit: 'ms',
    value: helpValue,
    baseline,
    baselineWhat: 'node -e 0',
    target: '(info)',
  });
  rows.push(judge('B1', `\`epic client list --json\`, ${options.clients} clients`, list, 2.5));
  rows.push(judge('B2', '`epic client create` (caught up)', create, 3));

  rows.push(...(await historyBench(home, options)));
  return rows;
}

/**
 * The raw floor for B5: a bare Node process that opens the log with
 * better-sqlite3, reads the client stream in order, parses each event's JSON
 * and prints them. Inline JavaScript so that no loader is timed.
 */
const RAW_STREAM_READ = `
const Database = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});
const db = new Database(process.argv[1], { readonly: true });
const rows = db.prepare('SELECT version, type, data, metadata FROM events WHERE stream_id = ? ORDER BY version').all(process.argv[2]);
const out = rows.map((r) => ({ version: r.version, type: r.type, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata) }));
process.stdout.write(JSON.stringify(out));
`;

async function historyBench(home: Home, options: CliBenchOptions): Promise<Row[]> {
  const what = `\`epic history contract\` and \`--at\`, ${options.historyEvents} events`;
  if (!existsSync(join(app.root, 'dist/cli/commands/audit/history.js'))) {
    return [{ id: 'B5', what, unit: 'ms', target: '≤ 2×', notMeasured: 'history command missing' }];
  }
  const probe = await epic(home.home, ['history', '--help']).catch((error: unknown) => ({
    code: 1,
    stdout: '',
    stderr: String(error),
    ms: 0,
  }));
  if (probe.code !== 0 || !/history/.test(probe.stdout))
    return [{ id: 'B5', what, unit: 'ms', target: '≤ 2×', notMeasured: 'history command not registered' }];
  options.log(`B5: a contract with ${options.historyEvents} events`);
  const { contractId, stream, middle } = await writeLongContract(home, options.historyEvents);
  const readRaw = () =>
    runProcess(process.execPath, ['-e', RAW_STREAM_READ, join(home.home, 'events.db'), stream], { env: { PATH: process.env.PATH } });
  await epic(home.home, ['history', 'contract', contractId, '--json']);
  const full: number[] = [];
  const at: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < options.reps; i += 1) {
    base.push((await readRaw()).ms);
    full.push((await epic(home.home, ['history', 'contract', contractId, '--json'])).ms);
    at.push((await epic(home.home, ['history', 'contract', contractId, '--at', middle, '--json'])).ms);
  }
  const baseline = summarize(base);
  const value = summarize(full);
  const atValue = summarize(at);
  return [
    {
      id: 'B5',
      what: `\`epic history contract --json\`, ${options.historyEvents} events`,
      unit: 'ms',
      value,
      baseline,
      baselineWhat: 'raw read + parse, whole process',
      target: '≤ 2×',
      met: value.median / baseline.median <= 2,
    },
    {
      id: 'B5',
      what: '`epic history contract --at T --json` (mid-way)',
      unit: 'ms',
      value: atValue,
      baseline,
      baselineWhat: 'raw read + parse, whole process',
      target: '≤ 2×',
      met: atValue.median / baseline.median <= 2,
    },
  ];
}
