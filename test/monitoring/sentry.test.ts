import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CliResult, Installation } from '../support/cli.js';
import { FakeSentryIngest, type SentryEvent } from '../support/fake-sentry-ingest.js';

/*
 * The built CLI (`bin/epic.js`, run by `npm test` after `npm run build`) with
 * SENTRY_DSN pointing at a local ingest endpoint: what the SDK really sends.
 */

const RELEASE = `epic-events-crm@${(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version}`;
const ID = /^[2-9a-z]{10}$/;
const CLIENT = { name: 'Kevin Casey', email: 'kevin@startup.io', phone: '+33 6 12 34 56 78', company: 'Cool Startup LLC' };

function messageOf(event: SentryEvent): string | undefined {
  return typeof event.message === 'string' ? event.message : (event.message?.formatted ?? event.message?.message);
}

function only(events: SentryEvent[], message: string): SentryEvent {
  const found = events.filter((e) => messageOf(e) === message);
  assert.is(found.length, 1, `one "${message}" event (got ${found.length}: ${events.map(messageOf).join(', ')})`);
  return found[0]!;
}

function assertOneErrorLine(result: CliResult): void {
  assert.match(result.stderr, /^error: [^\n]+\n$/, `one line on stderr: ${JSON.stringify(result.stderr)}`);
}

// ---------------------------------------------------------------------------

const reported = suite('Sentry: what the built CLI reports, scrubbed');
let ingest: FakeSentryIngest;
let app: Installation;
const ids: Record<string, string> = {};
const secrets: Record<string, string> = {};

reported.before(async () => {
  ingest = await FakeSentryIngest.start();
  app = new Installation({ SENTRY_DSN: ingest.dsn, SENTRY_ENVIRONMENT: 'monitoring-test' });
});
reported.after(async () => {
  app.cleanup();
  await ingest.close();
});

async function ok(args: readonly string[], stdin?: string): Promise<string> {
  const result = await app.spawnEpic(args, stdin === undefined ? {} : { stdin });
  assert.is(result.code, 0, `epic ${args.join(' ')}: ${result.stderr}`);
  assert.is(result.stderr.replace(/^initialized .*\n/, ''), '', `nothing else on stderr for epic ${args.join(' ')}`);
  return result.stdout.trim();
}

reported('user creation: init and user create each send one message with actor, record, environment and release', async () => {
  ids.ada = await ok(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], 'admin passphrase\n');
  ids.bob = await ok(
    ['user', 'create', '--name', 'Bob Seller', '--email', 'bob@epic.test', '--role', 'commercial', '--password-stdin'],
    'seller passphrase one\n',
  );
  ids.carla = await ok(
    ['user', 'create', '--name', 'Carla Closer', '--email', 'carla@epic.test', '--role', 'commercial', '--password-stdin'],
    'closer passphrase two\n',
  );
  assert.match(ids.bob!, ID);
  const events = await ingest.waitForEvents(3);
  const created = events.filter((e) => messageOf(e) === 'user created');
  assert.equal(
    created.map((e) => e.tags?.record_id),
    [ids.ada, ids.bob, ids.carla],
  );
  const bob = created[1]!;
  assert.is(bob.level, 'info');
  assert.is(bob.environment, 'monitoring-test');
  assert.is(bob.release, RELEASE);
  assert.is(bob.tags?.actor_id, ids.ada);
  assert.is(bob.tags?.actor_role, 'gestion');
  assert.is(bob.tags?.record_type, 'user');
  assert.is(bob.tags?.event_type, 'UserCreated');
  assert.is(bob.tags?.user_role, 'commercial');
  assert.is(bob.tags?.command, 'user create');
  // init: the first user creates themselves.
  assert.is(created[0]!.tags?.actor_id, ids.ada);
  secrets.token = readFileSync(join(app.home, 'session'), 'utf8').trim();
  secrets.key = readFileSync(join(app.home, 'secret.key'), 'utf8').trim();
});

reported('user change: a role change, a rename, an email and a password change each send their message', async () => {
  ingest.reset();
  assert.is(
    await ok(['user', 'edit', ids.carla!, '--role', 'support', '--name', 'Carla Renamed']),
    `updated user ${ids.carla} (Carla Renamed): name and role`,
  );
  assert.is(
    await ok(['user', 'edit', ids.bob!, '--email', 'robert@epic.test', '--password-stdin'], 'renamed seller passphrase\n'),
    `updated user ${ids.bob} (Bob Seller): email and password`,
  );
  const events = await ingest.waitForEvents(4);
  const role = only(events, 'user role changed');
  assert.equal(
    {
      record: role.tags?.record_id,
      actor: role.tags?.actor_id,
      actorRole: role.tags?.actor_role,
      newRole: role.tags?.user_role,
      env: role.environment,
      release: role.release,
    },
    { record: ids.carla, actor: ids.ada, actorRole: 'gestion', newRole: 'support', env: 'monitoring-test', release: RELEASE },
  );
  assert.is(only(events, 'user renamed').tags?.record_id, ids.carla);
  assert.is(only(events, 'user email changed').tags?.record_id, ids.bob);
  assert.is(only(events, 'user password changed').tags?.record_id, ids.bob);
});

reported('contract signature sends a message; reads and unsigned contracts send nothing', async () => {
  ingest.reset();
  ids.client = await ok([
    'client',
    'create',
    '--name',
    CLIENT.name,
    '--email',
    CLIENT.email,
    '--phone',
    CLIENT.phone,
    '--company',
    CLIENT.company,
    '--commercial',
    ids.bob!,
  ]);
  ids.contract = await ok(['contract', 'create', '--client', ids.client, '--total', '1500']);
  await ok(['client', 'list', '--json']);
  assert.is(ingest.envelopes.length, 0, 'no report for a client, an unsigned contract or a read');
  assert.match(await ok(['contract', 'sign', ids.contract]), new RegExp(`^signed contract ${ids.contract} \\(`));
  const signed = only(await ingest.waitForEvents(1), 'contract signed');
  assert.equal(
    {
      record: signed.tags?.record_id,
      type: signed.tags?.record_type,
      actor: signed.tags?.actor_id,
      role: signed.tags?.actor_role,
      env: signed.environment,
      release: signed.release,
    },
    { record: ids.contract, type: 'contract', actor: ids.ada, role: 'gestion', env: 'monitoring-test', release: RELEASE },
  );
});

reported('user deletion sends a message', async () => {
  ingest.reset();
  assert.is(await ok(['user', 'delete', ids.carla!, '--yes']), `deleted user ${ids.carla} (Carla Renamed)`);
  const deleted = only(await ingest.waitForEvents(1), 'user deleted');
  assert.is(deleted.tags?.record_id, ids.carla);
});

reported('a forced internal error: exit 1, one line naming the Sentry event, which holds the exception, scrubbed', async () => {
  ingest.reset();
  // The message carries every secret and personal value the test knows: the SDK must not send any of them.
  const leak = `leak ${CLIENT.email} ${CLIENT.phone} "${CLIENT.name}" token=${secrets.token} key=${secrets.key}`;
  const result = await app.spawnEpic(['whoami'], { env: { EPIC_TEST_FORCE_INTERNAL_ERROR: leak } });
  assert.is(result.code, 1);
  assert.is(result.stdout, '');
  assertOneErrorLine(result);
  const eventId = /reported to Sentry as event ([0-9a-f]{32})/.exec(result.stderr)?.[1];
  assert.ok(eventId, result.stderr);
  assert.match(result.stderr, /rerun with EPIC_DEBUG=1/);
  const [event] = await ingest.waitForEvents(1);
  assert.is(event!.event_id, eventId);
  assert.is(event!.level, 'error');
  assert.is(event!.environment, 'monitoring-test');
  assert.is(event!.release, RELEASE);
  assert.is(event!.tags?.command, 'whoami');
  const exception = event!.exception?.values?.at(-1);
  assert.is(exception?.type, 'Error');
  assert.match(exception?.value ?? '', /^leak \[email\] \[phone\] "\[redacted\]" token=\[redacted\] key=\[redacted\]$/);
  const files = (exception?.stacktrace?.frames ?? []).map((f) => f.filename ?? '');
  assert.ok(
    files.some((f) => f === 'app:///dist/cli/base-command.js'),
    files.join(', '),
  );
  assert.ok(
    files.every((f) => !f.startsWith('/')),
    `no absolute path: ${files.join(', ')}`,
  );
});

reported('a forced internal error with EPIC_DEBUG=1 prints the stack trace after the line', async () => {
  const result = await app.spawnEpic(['whoami'], { env: { EPIC_TEST_FORCE_INTERNAL_ERROR: '1', EPIC_DEBUG: '1' } });
  assert.is(result.code, 1);
  const [line, ...stack] = result.stderr.trimEnd().split('\n');
  assert.match(line!, /^error: internal error: forced internal error .*reported to Sentry as event [0-9a-f]{32}/);
  assert.match(stack.join('\n'), /at EpicCommand\.execute|at .*execute/);
});

reported('nothing secret or personal appears anywhere in the bytes received', () => {
  // Every byte of every envelope of the tests above (reset() does not clear them).
  const raw = ingest.raw.toString('utf8');
  assert.ok(raw.length > 0);
  const forbidden = {
    passwords: ['admin passphrase', 'seller passphrase one', 'closer passphrase two', 'renamed seller passphrase'],
    'session token': [secrets.token!, secrets.token!.split('.')[2]!],
    'secret key': [secrets.key!],
    'user emails': ['ada@epic.test', 'bob@epic.test', 'carla@epic.test', 'robert@epic.test'],
    'user names': ['Ada Admin', 'Bob Seller', 'Carla Closer', 'Carla Renamed'],
    client: [CLIENT.name, CLIENT.email, CLIENT.phone, '612345678', CLIENT.company],
    // As a whole JSON string: a short host name ("vm") would match inside other words.
    machine: [`"${hostname()}"`, app.home],
    shapes: ['$2b$', 'eyJ'],
  };
  for (const [what, values] of Object.entries(forbidden)) {
    for (const value of values) assert.not.ok(raw.includes(value), `${what}: ${value} was sent`);
  }
  assert.not.ok(/"server_name"|"argv"|"request"/.test(raw), 'no host name, argv or request');
});

// ---------------------------------------------------------------------------

const outage = suite('Sentry outage: output and exit code unchanged, exit within the flush bound');
let team: Installation;
let userId: string;

outage.before(async () => {
  // Seeded in-process without SENTRY_DSN; the monitored runs below spawn the built CLI.
  team = new Installation();
  await team.ok(['init', '--name', 'Ada Admin', '--email', 'ada@epic.test', '--password-stdin'], { stdin: 'admin passphrase\n' });
  userId = await team.ok(['user', 'create', '--name', 'Sam Support', '--email', 'sam@epic.test', '--role', 'support', '--password-stdin'], {
    stdin: 'field passphrase\n',
  });
});
outage.after(() => team.cleanup());

/** The same reporting command (a role change: deterministic stdout) with the given SENTRY_DSN, timed. */
async function roleChange(dsn: string | undefined, role: string): Promise<CliResult & { seconds: number }> {
  const started = Date.now();
  const result = await team.spawnEpic(['user', 'edit', userId, '--role', role], { env: { SENTRY_DSN: dsn } });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

outage('endpoint down (closed port), answering 500, or silent for 10 s: same stdout, stderr and exit code as without Sentry', async () => {
  const baseline = await roleChange(undefined, 'commercial');
  assert.is(baseline.code, 0, baseline.stderr);
  assert.match(baseline.stdout, new RegExp(`^updated user ${userId} \\(.*\\): role\\n$`));

  const down = await roleChange(`http://publickey@127.0.0.1:${await closedPort()}/1`, 'support');
  const failing = await FakeSentryIngest.start({ kind: 'error', status: 500 });
  const erroring = await roleChange(failing.dsn, 'commercial');
  const slow = await FakeSentryIngest.start({ kind: 'slow', delayMs: 10_000 });
  const silent = await roleChange(slow.dsn, 'support');
  try {
    for (const [name, run] of Object.entries({ down, erroring, silent })) {
      assert.equal({ code: run.code, stdout: run.stdout, stderr: run.stderr }, { code: 0, stdout: baseline.stdout, stderr: '' }, name);
    }
    assert.ok(failing.events.length >= 1, 'the 500 endpoint was tried');
    assert.ok(slow.events.length >= 1, 'the silent endpoint received the report');
    // The silent endpoint holds its answer 10 s; the CLI leaves after its 2 s flush bound.
    assert.ok(silent.seconds < 8, `exited after ${silent.seconds} s`);
  } finally {
    await failing.close();
    await slow.close();
  }
});

outage('a forced internal error while the endpoint is down or silent: still exit 1 and one line', async () => {
  const slow = await FakeSentryIngest.start({ kind: 'slow', delayMs: 10_000 });
  try {
    for (const dsn of [`http://publickey@127.0.0.1:${await closedPort()}/1`, slow.dsn]) {
      const started = Date.now();
      const result = await team.spawnEpic(['whoami'], { env: { SENTRY_DSN: dsn, EPIC_TEST_FORCE_INTERNAL_ERROR: '1' } });
      assert.is(result.code, 1, dsn);
      assert.is(result.stdout, '');
      assertOneErrorLine(result);
      assert.ok((Date.now() - started) / 1000 < 8, `exited within the bound (${dsn})`);
    }
  } finally {
    await slow.close();
  }
});

// ---------------------------------------------------------------------------

const startup = suite('Sentry at start-up: @sentry/node is not imported unless something is reported');
const RECORDER = join(import.meta.dirname, 'fixtures/record-imports.mjs');
let scratch: Installation;
let logDir: string;
startup.before(() => {
  scratch = new Installation();
  logDir = mkdtempSync(join(tmpdir(), 'epic-imports-'));
});
startup.after(() => {
  scratch.cleanup();
  rmSync(logDir, { recursive: true, force: true });
});

/** Runs the built CLI with a loader hook that records every resolved module URL; returns them. */
async function importsOf(args: readonly string[], env: Record<string, string | undefined>): Promise<{ result: CliResult; urls: string[] }> {
  const log = join(logDir, `${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const result = await scratch.spawnEpic(args, { env: { ...env, NODE_OPTIONS: `--import ${RECORDER}`, EPIC_TEST_IMPORT_LOG: log } });
  return {
    result,
    urls: readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0),
  };
}

const isSentry = (url: string) => url.includes('/node_modules/@sentry/');

startup('epic --help without SENTRY_DSN: the CLI is in the import graph, @sentry/node is not', async () => {
  // --help, not --version: bin/epic.js answers --version before any module of the CLI loads (B1).
  const { result, urls } = await importsOf(['--help'], {});
  assert.is(result.code, 0, result.stderr);
  assert.ok(
    urls.some((u) => u.endsWith('/dist/cli/main.js')),
    'the recorder sees the CLI modules',
  );
  assert.equal(urls.filter(isSentry), []);
});

startup('with SENTRY_DSN set, --version and a failing read still do not import it', async () => {
  const dsn = 'http://publickey@127.0.0.1:9/1';
  for (const args of [['--version'], ['whoami']]) {
    const { urls } = await importsOf(args, { SENTRY_DSN: dsn });
    assert.equal(urls.filter(isSentry), [], args.join(' '));
  }
});

startup('the recorder can fail: an internal error with SENTRY_DSN set does import @sentry/node (and without it, does not)', async () => {
  const withDsn = await importsOf(['whoami'], {
    SENTRY_DSN: `http://publickey@127.0.0.1:${await closedPort()}/1`,
    EPIC_TEST_FORCE_INTERNAL_ERROR: '1',
  });
  assert.is(withDsn.result.code, 1);
  assert.ok(
    withDsn.urls.some((u) => u.includes('/node_modules/@sentry/node/')),
    'the SDK was loaded to report the error',
  );
  const without = await importsOf(['whoami'], { EPIC_TEST_FORCE_INTERNAL_ERROR: '1' });
  assert.is(without.result.code, 1);
  assert.match(without.result.stderr, /^error: internal error: .*rerun with EPIC_DEBUG=1 for the stack trace and report it\)\n$/);
  assert.equal(without.urls.filter(isSentry), []);
});

reported.run();
outage.run();
startup.run();
