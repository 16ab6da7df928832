/**
 * The EventStoreDB adapter against a cluster: three doubles sharing one log
 * (test/support/esdb-wire-double.ts, EsdbWireCluster), with the unmodified
 * client over real gRPC. Connection strings for clusters, gossip discovery,
 * leader changes under appends (a node that steps down and answers
 * NotLeader, a leader that crashes before or after committing), no quorum,
 * and the reads a follower may serve. Elapsed times are measured and only
 * bounded generously: the machine is shared.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable, EpicError, ExitCode, InvalidInput } from '../../src/errors.js';
import { esdbTarget } from '../../src/events/esdb/connection-string.js';
import { EsdbEventStore } from '../../src/events/esdb/event-store.js';
import type { ExpectedVersion, NewEvent } from '../../src/events/event-store.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { catchUp } from '../../src/projections/projector.js';
import { openReadDb } from '../../src/projections/read-db/open-read-db.js';
import { testKeyring } from '../support/audit-key.js';
import { type CrashPoint, EsdbWireCluster, type EsdbWireClusterOptions } from '../support/esdb-wire-double.js';
import { writeLoad } from '../support/projection-load.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { followUntil } from './esdb-suites.js';
import { rejection } from './rejection.js';
import { sampleEvents } from './sample-events.js';

const en = await loadTranslator('en');
const fr = await loadTranslator('fr');
const PASSWORD = 's3cr3t-pass';

interface Context {
  clusters: EsdbWireCluster[];
  stores: EsdbEventStore[];
}

function clusterSuite(title: string) {
  const test = suite<Context>(`esdb cluster: ${title}`, { clusters: [], stores: [] });
  test.after.each(async (context) => {
    for (const store of context.stores.splice(0)) await store.close();
    for (const cluster of context.clusters.splice(0)) await cluster.stop();
  });
  const start = async (context: Context, options: EsdbWireClusterOptions = {}) => {
    const cluster = await EsdbWireCluster.start(options);
    context.clusters.push(cluster);
    return cluster;
  };
  const open = (context: Context, url: string, timeoutMs = 5000) => {
    const store = new EsdbEventStore(url, { keyring: testKeyring, timeoutMs });
    context.stores.push(store);
    return store;
  };
  return { test, start, open };
}

/** Runs `work`; what it returned or threw, and how long it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

/** Every wording of an error a person or a log could see. */
function everyWording(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = error instanceof EpicError ? [en.render(error.text), fr.render(error.text)] : [];
  return [error.message, error.stack ?? '', ...text].join('\n');
}

/** Output written to stderr and through console.warn while `work` runs. */
async function capturingStderr(work: () => Promise<unknown>): Promise<string> {
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const warn = console.warn;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  console.warn = (...args: unknown[]) => written.push(args.map(String).join(' '));
  try {
    await work().catch(() => undefined);
  } finally {
    process.stderr.write = write;
    console.warn = warn;
  }
  return written.join('');
}

{
  const test = suite('esdb cluster: connection strings');

  test('esdb+discover:// and several hosts are clusters: every host a gossip seed, discovery bounded by the timeout', () => {
    const discover = esdbTarget('esdb+discover://a:2113,b:2113,c:2113?tls=false&nodePreference=follower', 2500);
    assert.equal(discover, {
      connectionString: 'esdb://a:2113,b:2113,c:2113?tls=false&nodePreference=follower&maxDiscoverAttempts=1&gossipTimeout=3',
      cluster: true,
      hosts: 3,
    });
    assert.equal(esdbTarget('esdb://a:2113,b:2113', 500).connectionString, 'esdb://a:2113,b:2113?maxDiscoverAttempts=1&gossipTimeout=1');
    // One DNS name resolving to every node: kept as the client reads it.
    assert.equal(
      esdbTarget('esdb+discover://cluster.example.com:2113?tls=true', 5000).connectionString,
      'esdb+discover://cluster.example.com:2113?tls=true&maxDiscoverAttempts=1&gossipTimeout=5',
    );
    // What the string sets wins.
    assert.equal(
      esdbTarget('esdb://a,b?MaxDiscoverAttempts=4&gossip-timeout=9', 5000).connectionString,
      'esdb://a,b?MaxDiscoverAttempts=4&gossip-timeout=9',
    );
    // One node: passed through as it is, credentials and TLS options included.
    const single = 'esdb://admin:changeit@node1:2113?tls=true&tlsCAFile=/etc/ca.crt&tlsVerifyCert=true';
    assert.equal(esdbTarget(single, 5000), { connectionString: single, cluster: false, hosts: 1 });
  });

  test('unknown options, tlsVerifyCert=false and malformed strings are InvalidInput (exit 2), never quoting the string', async () => {
    const cases: Array<[url: string, wording: RegExp]> = [
      [`esdb://admin:${PASSWORD}@a:2113,b:2113?nodePrefrence=leader`, /option the EventStoreDB client does not know: nodePrefrence/],
      [`esdb://admin:${PASSWORD}@a:2113?tlsVerifyCert=false`, /tlsVerifyCert=false, which this EventStoreDB client cannot do/],
      [`esdb://admin:${PASSWORD}@localhost:notaport?tls=false`, /hosts must be host or host:port/],
      [`esdb+discover://admin:${PASSWORD}@a:2113,,b:2113`, /hosts must be host or host:port/],
      // A port no TCP connection can use: the client would only fail when connecting (exit 7, a backend out of reach).
      [`esdb://admin:${PASSWORD}@a:99999?tls=false`, /a port from 1 to 65535/],
      [`esdb+discover://admin:${PASSWORD}@a:0,b:2113?tls=false`, /a port from 1 to 65535/],
      // The client's own checks of the certificate files, told apart from a string it cannot read.
      [`esdb://admin:${PASSWORD}@a:2113?tlsCAFile=/nonexistent/epic-ca.crt`, /a certificate file it names, tlsCAFile/],
      [`esdb://admin:${PASSWORD}@a:2113?userCertFile=/nonexistent/user.crt&userKeyFile=/nonexistent/user.key`, /certificate file it names/],
      [`esdb://admin:${PASSWORD}@a:2113?userCertFile=${fileURLToPath(import.meta.url)}`, /userCertFile comes without userKeyFile/],
      [`esdb://admin:${PASSWORD}@a:2113?nodePreference=nearest`, /client cannot read it/],
      [`esdb://admin:${PASSWORD}@a:2113?keepAliveInterval=soon`, /client cannot read it/],
    ];
    for (const [url, wording] of cases) {
      let error: unknown;
      const stderr = await capturingStderr(async () => {
        error = await rejection(openEventStore(url, { keyring: testKeyring }));
      });
      assert.instance(error, InvalidInput, url);
      assert.is((error as InvalidInput).exitCode, ExitCode.invalid);
      assert.match(en.render((error as InvalidInput).text), wording, url);
      assert.not.match(everyWording(error), PASSWORD, url);
      assert.not.match(stderr, PASSWORD, `${url}: nothing printed quotes the password`);
    }
  });

  test('unsupported schemes still name the scheme only', async () => {
    const error = await rejection(openEventStore(`esdbx://admin:${PASSWORD}@a:2113`, { keyring: testKeyring }));
    assert.instance(error, InvalidInput);
    assert.not.match(everyWording(error), PASSWORD);
  });

  test.run();
}

{
  const { test, start, open } = clusterSuite('discovery');

  test('esdb+discover:// finds the leader through gossip; the command side reads and writes there, never on a follower', async (context) => {
    const cluster = await start(context);
    const [first, second, third] = cluster.nodes;
    cluster.elect(third); // not the first seed: discovery has to find it
    const { store, credentials } = await openEventStore(cluster.discoverUrl, { keyring: testKeyring });
    try {
      const result = await store.append('s', sampleEvents(3), 'no_stream');
      assert.is(result.version, 3);
      assertStreamIntact('s', await store.readStream('s'));
      await credentials.set('u1', 'hash', 1);
      assert.is((await credentials.get('u1'))?.passwordHash, 'hash');
      assert.ok((third?.calls.batchAppend ?? 0) > 0 && (third?.calls.read ?? 0) > 0, 'the leader served the calls');
      for (const follower of [first, second]) {
        assert.equal([follower?.calls.batchAppend, follower?.calls.append, follower?.calls.read], [0, 0, 0]);
      }
      assert.ok((first?.calls.gossip ?? 0) + (second?.calls.gossip ?? 0) + (third?.calls.gossip ?? 0) > 0, 'gossip was asked');
    } finally {
      await credentials.close();
      await store.close();
    }
  });

  test('the first seed down: gossip from the others (esdb+discover:// and esdb://a,b,c)', async (context) => {
    const cluster = await start(context);
    const [first, second] = cluster.nodes;
    if (first === undefined || second === undefined) throw new Error('three nodes');
    await cluster.crash(first);
    cluster.elect(second);
    for (const url of [cluster.discoverUrl, cluster.hostsUrl]) {
      const store = open(context, url, 3000);
      await store.init();
      assert.ok((await store.append(`s-${url.slice(0, 6)}`, sampleEvents(1), 'no_stream')).version === 1, url);
    }
  });

  test('nodePreference=follower: the projector reads $all from a follower; readStream and appends go to the leader', async (context) => {
    const cluster = await start(context);
    const [leader, ...followers] = cluster.nodes;
    const writer = open(context, cluster.discoverUrl);
    await writeLoad(writer, 4, 'fr');
    const url = `${cluster.discoverUrl}&nodePreference=follower`;
    const reader = open(context, url);
    const readsBefore = leader?.calls.read ?? 0;
    const home = mkdtempSync(join(tmpdir(), 'epic-cluster-'));
    const readDb = await openReadDb(`sqlite:${join(home, 'read.db')}`);
    try {
      // The projector's reads: headPosition, readAll (catch-up) and the subscription.
      const head = await reader.headPosition();
      const caught = await catchUp(reader, readDb);
      assert.is(caught.position, head);
      const clients = await readDb.db.selectFrom('clients').select('id').execute();
      assert.is(clients.length, 4);
      await followUntil(reader, { after: 0 }, (messages) => messages.some((m) => m.kind === 'caught-up'));
      assert.is(leader?.calls.read, readsBefore, 'the leader served none of the projector’s reads');
      assert.ok(
        followers.some((f) => f.calls.read > 0 && f.calls.subscribe > 0),
        'a follower did',
      );

      // The command side requires the leader: the follower refuses (NotLeader) and the client moves to the leader.
      const stream = (await writer.readAll({ after: 0, limit: 1 }))[0]?.streamId ?? '';
      const events = await reader.readStream(stream);
      assert.ok(events.length > 0);
      assert.ok(
        followers.some((f) => f.calls.notLeader > 0),
        'a follower answered NotLeader to the read that requires the leader',
      );
      assert.ok((leader?.calls.read ?? 0) > readsBefore, 'the leader served it');
    } finally {
      await readDb.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  test.run();
}

/** One append of the leader-change run, and what became of it. */
interface Attempt {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly outcome: { ok: true; version: number } | { ok: false; error: unknown; ms: number };
}

{
  const { test, start, open } = clusterSuite('leader changes');
  const TIMEOUT_MS = 3000;
  /** How long a simulated election takes after a leader crashed. */
  const ELECTION_MS = 150;

  for (const batchAppend of [true, false]) {
    test(`100 appends while the leader steps down and crashes (${batchAppend ? 'BatchAppend' : 'Append'}): each lands exactly once, or fails with 7 within the bound`, async (context) => {
      const cluster = await start(context, { batchAppend });
      const store = open(context, cluster.discoverUrl, TIMEOUT_MS);
      const nextLeader = () => {
        const alive = cluster.nodes.filter((node) => node.alive && node !== cluster.leader);
        return alive[0];
      };
      const crashes: Promise<void>[] = [];
      const crashLeader = (point: CrashPoint) => {
        const leader = cluster.leader;
        if (leader === undefined) return;
        crashes.push(
          leader.crashOnNextAppend(point).then(() => {
            setTimeout(() => cluster.elect(nextLeader()), ELECTION_MS);
          }),
        );
      };
      const disruptions: Record<number, () => Promise<void> | void> = {
        10: () => cluster.elect(nextLeader()), // the old leader stays up and answers NotLeader
        25: () => crashLeader('before-commit'),
        40: () => crashLeader('after-commit'),
        50: async () => {
          for (const node of cluster.nodes) if (!node.alive) await cluster.restart(node);
        },
        60: () => cluster.elect(nextLeader()),
        75: () => crashLeader('after-commit'),
        90: async () => {
          for (const node of cluster.nodes) if (!node.alive) await cluster.restart(node);
          crashLeader('before-commit');
        },
      };
      const versions = new Map<string, number>();
      const attempts: Attempt[] = [];
      for (let i = 0; i < 100; i++) {
        await disruptions[i]?.();
        const streamId = `account-${i % 4}`;
        // Every expected-version mode, each with its own way of finding a retried batch.
        const known = versions.get(streamId);
        const modes: ExpectedVersion[] = known === undefined ? ['no_stream', 'any'] : [known, 'any', 'stream_exists'];
        const expected = modes[i % modes.length] ?? 'any';
        const events = sampleEvents(1 + (i % 3), `Step${i}`);
        const { value, error, ms } = await timed(() => store.append(streamId, events, expected));
        if (value !== undefined) versions.set(streamId, value.version);
        else versions.delete(streamId); // after a failure the version is not known for sure: go on with 'any'
        attempts.push({
          streamId,
          events,
          expected,
          outcome: value !== undefined ? { ok: true, version: value.version } : { ok: false, error, ms },
        });
      }
      await Promise.all(crashes);
      assert.is(crashes.length, 4, 'every planned crash happened');
      assert.ok(
        cluster.nodes.some((node) => node.calls.notLeader > 0),
        'an old leader answered NotLeader',
      );

      const recorded = new Map<string, number>();
      for (const record of cluster.records) recorded.set(record.id, (recorded.get(record.id) ?? 0) + 1);
      for (const [i, attempt] of attempts.entries()) {
        const counts = attempt.events.map((event) => recorded.get(event.id) ?? 0);
        if (attempt.outcome.ok) {
          assert.equal(
            counts,
            attempt.events.map(() => 1),
            `append ${i} landed exactly once`,
          );
        } else {
          const { error, ms } = attempt.outcome;
          assert.instance(error, BackendUnavailable, `append ${i}: ${String(error)}`);
          assert.is((error as BackendUnavailable).exitCode, ExitCode.unavailable);
          assert.ok(ms < TIMEOUT_MS + 5000, `append ${i} failed after ${Math.round(ms)} ms`);
          assert.ok(
            counts.every((count) => count <= 1),
            `append ${i} did not land twice`,
          );
        }
      }
      const failed = attempts.filter((attempt) => !attempt.outcome.ok).length;
      assert.ok(failed <= 10, `${failed} of 100 appends failed: the leader came back each time within the bound`);
      // Each stream read back holds exactly the events of the appends that landed, each once, in the order they were made.
      for (let s = 0; s < 4; s++) {
        const streamId = `account-${s}`;
        const stored = await store.readStream(streamId);
        assertStreamIntact(streamId, stored);
        const landed = attempts
          .filter((attempt) => attempt.streamId === streamId)
          .flatMap((attempt) => attempt.events.filter((event) => recorded.has(event.id)).map((event) => event.id));
        assert.equal(
          stored.map((event) => event.id),
          landed,
          `${streamId}: ${stored.length} events, every landed append once`,
        );
      }
    });
  }

  for (const expected of ['no_stream', 'number', 'any', 'stream_exists'] as const) {
    test(`a leader that crashes after committing: the retry finds the batch (${expected}) and returns it, written once`, async (context) => {
      const cluster = await start(context);
      const store = open(context, cluster.discoverUrl, TIMEOUT_MS);
      const before = expected === 'no_stream' ? 0 : 2;
      if (before > 0) await store.append('s', sampleEvents(before), 'no_stream');
      const batch = sampleEvents(3, 'Once');
      const [, survivor] = cluster.nodes;
      const crashed = cluster.leader?.crashOnNextAppend('after-commit').then(() => {
        setTimeout(() => cluster.elect(survivor), ELECTION_MS);
      });
      const result = await store.append('s', batch, expected === 'number' ? before : expected);
      await crashed;
      assert.equal(
        result.events.map((e) => e.id),
        batch.map((e) => e.id),
      );
      assert.is(result.version, before + 3);
      const events = await store.readStream('s');
      assert.is(events.length, before + 3, 'written once');
      assertStreamIntact('s', events);
    });
  }

  test('a leader that crashes before committing: the retry writes the batch on the new leader', async (context) => {
    const cluster = await start(context);
    const store = open(context, cluster.discoverUrl, TIMEOUT_MS);
    await store.append('s', sampleEvents(1), 'no_stream');
    const [, survivor] = cluster.nodes;
    const crashed = cluster.leader?.crashOnNextAppend('before-commit').then(() => {
      setTimeout(() => cluster.elect(survivor), ELECTION_MS);
    });
    const result = await store.append('s', sampleEvents(2, 'Late'), 1);
    await crashed;
    assert.is(result.version, 3);
    assert.is(cluster.leader, survivor);
    assertStreamIntact('s', await store.readStream('s'));
  });

  test.run();
}

{
  const { test, start, open } = clusterSuite('no quorum');
  const TIMEOUT_MS = 1000;
  /** Generous: the bound is the timeout, the margin is for a loaded machine. */
  const withinBound = (ms: number) => ms < TIMEOUT_MS + 4000;

  test('no leader: appends and reads fail with 7 within EPIC_ESDB_TIMEOUT_MS, saying so; they work again once a leader is elected', async (context) => {
    const cluster = await start(context);
    const store = open(context, cluster.discoverUrl, TIMEOUT_MS);
    await store.append('s', sampleEvents(1), 'no_stream');
    cluster.loseQuorum();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['append', () => store.append('s', sampleEvents(1), 'any')],
      ['readStream', () => store.readStream('s')],
      ['readAll', () => store.readAll({ after: 0, limit: 10 })],
      ['credentials', () => store.credentials().set('u1', 'hash', 1)],
    ];
    for (const [name, attempt] of attempts) {
      const { error, ms } = await timed(attempt);
      assert.instance(error, BackendUnavailable, name);
      assert.is((error as BackendUnavailable).exitCode, ExitCode.unavailable);
      assert.match(en.render((error as BackendUnavailable).text), /no leader/, name);
      assert.ok(withinBound(ms), `${name} failed after ${Math.round(ms)} ms`);
      // Not at the first refusal: it kept looking for a leader for most of the bound (the last pause that fits ends it).
      assert.ok(ms >= TIMEOUT_MS / 2, `${name} gave up after ${Math.round(ms)} ms, before the bound`);
      assert.match(en.render((error as BackendUnavailable).text), /\d+ attempts in/, name);
    }
    assert.ok(
      cluster.nodes.every((node) => node.calls.gossip > 0),
      'the client kept asking gossip',
    );
    cluster.elect(cluster.nodes[1]);
    assert.is((await store.append('s', sampleEvents(1), 1)).version, 2);
  });

  test('every node down: 7 within the bound', async (context) => {
    const cluster = await start(context);
    const store = open(context, cluster.hostsUrl, TIMEOUT_MS);
    await store.init();
    for (const node of cluster.nodes) await cluster.crash(node);
    const { error, ms } = await timed(() => store.append('s', sampleEvents(1), 'any'));
    assert.instance(error, BackendUnavailable);
    assert.ok(withinBound(ms), `failed after ${Math.round(ms)} ms`);
  });

  test('a quorum that comes back within the bound: the append waits for it and lands once', async (context) => {
    const cluster = await start(context);
    const store = open(context, cluster.discoverUrl, 4000);
    await store.init();
    cluster.loseQuorum();
    setTimeout(() => cluster.elect(cluster.nodes[2]), 400);
    const batch = sampleEvents(2);
    const result = await store.append('s', batch, 'no_stream');
    assert.equal(
      result.events.map((e) => e.id),
      batch.map((e) => e.id),
    );
  });

  test('the process of a command exits 7 on its own within the bound', async (context) => {
    const cluster = await start(context);
    cluster.loseQuorum();
    const probe = fileURLToPath(new URL('../support/esdb-timeout-probe.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    for (const step of ['open', 'append'] as const) {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', probe, cluster.discoverUrl, step], {
        cwd: root,
        env: { ...process.env, EPIC_ESDB_TIMEOUT_MS: String(TIMEOUT_MS) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on('close', (c, s) => resolve([c, s])),
      );
      clearTimeout(killer);
      const wall = performance.now() - started;
      assert.is(signal, null, `${step}: the process exited by itself (${stdout.trim()})`);
      assert.is(code, ExitCode.unavailable, `${step}: ${stdout.trim()}`);
      const report = JSON.parse(stdout.trim()) as { error: string; elapsedMs: number };
      assert.ok(withinBound(report.elapsedMs), `${step}: failed after ${report.elapsedMs} ms`);
      // Node and tsx start-up, plus at most one round of gossip the client cannot be stopped from finishing.
      assert.ok(wall < report.elapsedMs + 20_000, `${step}: the process ended ${Math.round(wall)} ms after it started`);
    }
  });

  test.run();
}
