/**
 * B1, B2, B5: whole `epic` processes (the built bin, as users run it) against
 * a bare `node -e 0` (or, for B5, a raw read of the stream) launched the same
 * way (bench/launch.ts: no shell, output to /dev/null, A B A B …, the ratio
 * pair by pair).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventActor } from '../src/events/event-store.js';
import { BulkLog } from './bulk-log.js';
import { type Launch, type Paired, paired, peakRssMb, timeLaunch } from './launch.js';
import { app, epic, epicEnv, ROOT } from './processes.js';
import type { Row } from './report.js';
import { summarize } from './stats.js';
import { prng, shortId } from './workload.js';

const PASSWORD = 'staple battery horse correct';

export interface CliBenchOptions {
  /** A/B pairs per whole-process row. */
  readonly pairs: number;
  /** Events of the contract whose history's peak RSS is measured (B5), and how many runs. */
  readonly rssEvents: number;
  readonly rssReps: number;
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

/** `node -e 0`, the floor every launch pays, launched as the CLI is. */
const bareNode = (): Launch => ({ command: process.execPath, args: ['-e', '0'], env: { PATH: process.env.PATH } });

/** The built CLI as users run it (`node bin/epic.js …`), in `home`. */
const epicLaunch = (home: string, args: readonly string[]): Launch => ({
  command: process.execPath,
  args: [join(app.root, 'bin/epic.js'), ...args],
  env: epicEnv(home),
  cwd: home,
});

export async function cliBench(options: CliBenchOptions): Promise<Row[]> {
  options.log(`B1/B2: setting up an installation with ${options.clients} clients`);
  const home = await setUp(options.clients);
  try {
    return await measure(home, options);
  } finally {
    rmSync(home.home, { recursive: true, force: true });
  }
}

/** A row from A/B pairs: the figure is A, the baseline B, the ratio the median of a/b pair by pair. */
function pairedRow(id: string, what: string, result: Paired, baselineWhat: string, limit: number | undefined): Row {
  return {
    id,
    what,
    unit: 'ms',
    value: result.a,
    baseline: result.b,
    baselineWhat,
    pairs: result.ratio,
    target: limit === undefined ? '(info)' : `≤ ${limit}×`,
    ...(limit !== undefined && { met: result.ratio.median <= limit }),
  };
}

async function measure(home: Home, options: CliBenchOptions): Promise<Row[]> {
  const { pairs } = options;
  // Checked once, to a file: the listing the bench times is the whole one.
  const check = join(home.home, 'list.json');
  timeLaunch(epicLaunch(home.home, ['client', 'list', '--json']), check);
  const listed = (JSON.parse(readFileSync(check, 'utf8')) as unknown[]).length;
  if (listed !== options.clients) throw new Error(`client list returned ${listed} clients, expected ${options.clients}`);

  const rows: Row[] = [];
  options.log(`B1: epic --version, client list --help, client list --json against node -e 0, ${pairs} pairs each`);
  rows.push(
    pairedRow(
      'B1',
      '`epic --version`',
      paired(() => epicLaunch(home.home, ['--version']), bareNode, pairs),
      'node -e 0',
      1.2,
    ),
  );
  // Not a target of the issue: what any command pays before it opens a store (parser, one command module).
  rows.push(
    pairedRow(
      'B1',
      '`epic client list --help` (info: start-up through the parser)',
      paired(() => epicLaunch(home.home, ['client', 'list', '--help']), bareNode, pairs),
      'node -e 0',
      undefined,
    ),
  );
  rows.push(
    pairedRow(
      'B1',
      `\`epic client list --json\`, ${options.clients.toLocaleString('en')} clients`,
      paired(() => epicLaunch(home.home, ['client', 'list', '--json']), bareNode, pairs),
      'node -e 0',
      2.0,
    ),
  );
  options.log(`B2: epic client create against node -e 0, ${pairs} pairs`);
  const create = (round: number) =>
    epicLaunch(home.home, [
      'client',
      'create',
      '--name',
      `New ${round + 1}`,
      '--email',
      `new${round + 1}@example.com`,
      '--commercial',
      home.commercialId,
    ]);
  rows.push(pairedRow('B2', '`epic client create` (caught up)', paired(create, bareNode, pairs), 'node -e 0', 2.0));

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
    return [{ id: 'B5', what, unit: 'ms', target: '≤ 1.5×', notMeasured: 'history command missing' }];
  }
  options.log(`B5: a contract with ${options.historyEvents} events`);
  const { contractId, stream, middle } = await writeLongContract(home, options.historyEvents);
  const readRaw = (): Launch => ({
    command: process.execPath,
    args: ['-e', RAW_STREAM_READ, join(home.home, 'events.db'), stream],
    env: { PATH: process.env.PATH },
  });
  options.log(`B5: history contract (and --at) against the raw read, ${options.pairs} pairs each`);
  const whole = paired(() => epicLaunch(home.home, ['history', 'contract', contractId, '--json']), readRaw, options.pairs);
  const at = paired(() => epicLaunch(home.home, ['history', 'contract', contractId, '--at', middle, '--json']), readRaw, options.pairs);
  const rows = [
    pairedRow(
      'B5',
      `\`epic history contract --json\`, ${options.historyEvents.toLocaleString('en')} events`,
      whole,
      'raw read + parse, whole process',
      1.5,
    ),
    pairedRow('B5', '`epic history contract --at T --json` (mid-way)', at, 'raw read + parse, whole process', 1.5),
  ];
  rows.push(await historyRss(options));
  return rows;
}

/** B5's memory bound: peak RSS of `history contract` over a contract of `rssEvents` events (its own installation). */
async function historyRss(options: CliBenchOptions): Promise<Row> {
  const what = `peak RSS of \`epic history contract --json\`, ${options.rssEvents.toLocaleString('en')} events`;
  const home = await setUp(0);
  try {
    options.log(`B5: a contract with ${options.rssEvents} events, peak RSS over ${options.rssReps} runs`);
    const { contractId } = await writeLongContract(home, options.rssEvents);
    const launch = epicLaunch(home.home, ['history', 'contract', contractId, '--json']);
    const base: Launch = { command: process.execPath, args: ['-e', '0'], env: { PATH: process.env.PATH } };
    const values: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < options.rssReps; i++) {
      const rss = peakRssMb(launch);
      const idle = peakRssMb(base);
      if (rss === undefined || idle === undefined)
        return { id: 'B5', what, unit: 'MB', target: '≤ 120 MB', notMeasured: '/usr/bin/time missing' };
      values.push(rss);
      baselines.push(idle);
    }
    const value = summarize(values);
    return {
      id: 'B5',
      what,
      unit: 'MB',
      value,
      baseline: summarize(baselines),
      baselineWhat: 'node -e 0',
      target: '≤ 120 MB',
      met: value.median <= 120,
    };
  } finally {
    rmSync(home.home, { recursive: true, force: true });
  }
}
