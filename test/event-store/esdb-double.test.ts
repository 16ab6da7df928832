/**
 * The EventStoreDB adapter over the wire, against the in-process gRPC test
 * double (test/support/esdb-wire-double.ts): the event store contract through
 * both append paths, the EventStoreDB suites (follow, credentials, retries),
 * and what only a double can stage: a writer slipping in between read and
 * append, deleted streams, a server that goes away, stalls, or accepts
 * connections and never answers. Everything listens on 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackendUnavailable, Conflict, ExitCode, InvalidInput, NotFound } from '../../src/errors.js';
import { DEFAULT_ESDB_TIMEOUT_MS, esdbTimeoutFromEnv } from '../../src/events/esdb/connection.js';
import { EsdbEventStore, openEsdbEventStore } from '../../src/events/esdb/event-store.js';
import { checkpointPosition, eventPosition, serverPosition } from '../../src/events/esdb/position.js';
import { openEventStore } from '../../src/events/open-event-store.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { EsdbWireDouble, type EsdbWireDoubleOptions } from '../support/esdb-wire-double.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { defineEventStoreContract } from './contract.js';
import { defineEsdbSuites, followUntil } from './esdb-suites.js';
import { rejection } from './rejection.js';
import { sampleEvent, sampleEvents, uniqueNames } from './sample-events.js';

const names = uniqueNames('double');

// ---- The contract, through both append paths ------------------------------------------------

for (const [label, options] of [
  ['BatchAppend advertised', { batchAppend: true }],
  ['BatchAppend not advertised', { batchAppend: false }],
] as const) {
  defineEventStoreContract(`esdb double (${label})`, async () => {
    const double = await EsdbWireDouble.start(options);
    const store = await openEsdbEventStore(double.url, { keyring: testKeyring });
    return {
      store,
      cleanup: async () => {
        await store.close();
        // The contract ran through the path the server advertised, and only that one.
        assert.is(
          options.batchAppend ? double.calls.append : double.calls.batchAppend,
          0,
          `${label}: the other append RPC was never called`,
        );
        await double.stop();
      },
    };
  });
}

// ---- The EventStoreDB suites: as EventStoreDB 24.x starts subscriptions, and as 23.10 does ----

defineEsdbSuites('esdb double', async () => {
  const double = await EsdbWireDouble.start();
  return { url: double.url, cleanup: () => double.stop() };
});
defineEsdbSuites('esdb double (23.10 subscription start)', async () => {
  const double = await EsdbWireDouble.start({ legacySubscriptionStart: true, batchAppend: false });
  return { url: double.url, cleanup: () => double.stop() };
}, ['followAll']);

// ---- What only the double can stage ---------------------------------------------------------

interface DoubleContext {
  doubles: EsdbWireDouble[];
  stores: EsdbEventStore[];
  servers: Server[];
  sockets: Socket[];
}

function doubleSuite(title: string) {
  const test = suite<DoubleContext>(`esdb double: ${title}`, { doubles: [], stores: [], servers: [], sockets: [] });
  test.after.each(async (context) => {
    for (const store of context.stores.splice(0)) await store.close();
    for (const double of context.doubles.splice(0)) await double.stop();
    for (const socket of context.sockets.splice(0)) socket.destroy();
    for (const server of context.servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });
  const start = async (context: DoubleContext, options: EsdbWireDoubleOptions = {}) => {
    const double = await EsdbWireDouble.start(options);
    context.doubles.push(double);
    return double;
  };
  const open = async (context: DoubleContext, url: string, timeoutMs?: number) => {
    const store = new EsdbEventStore(url, timeoutMs === undefined ? { keyring: testKeyring } : { keyring: testKeyring, timeoutMs });
    context.stores.push(store);
    await store.init();
    return store;
  };
  /** A TCP server that accepts connections and never writes a byte. */
  const silent = async (context: DoubleContext) => {
    const server = createServer((socket) => {
      context.sockets.push(socket);
      socket.on('error', () => undefined);
    });
    context.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `esdb://127.0.0.1:${address.port}?tls=false`;
  };
  return { test, start, open, silent };
}

/** Runs `work`, which must fail, and how long it took. */
async function timed(work: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await rejection(work);
  return { error, ms: performance.now() - started };
}

{
  const { test, start, open } = doubleSuite('append paths');

  test('BatchAppend when the server advertises it; Append when it does not, or has no ServerFeatures (20.6)', async (context) => {
    for (const [options, rpc] of [
      [{ batchAppend: true }, 'batchAppend'],
      [{ batchAppend: false }, 'append'],
      [{ batchAppend: false, serverFeatures: false }, 'append'],
    ] as const) {
      const double = await start(context, options);
      const store = await open(context, double.url);
      await store.append('s', sampleEvents(2), 'no_stream');
      await store.append('s', sampleEvents(1), 2);
      assert.is(double.calls[rpc] > 0, true, `${JSON.stringify(options)} uses ${rpc}`);
      assert.is(double.calls[rpc === 'append' ? 'batchAppend' : 'append'], 0);
      assert.is(double.calls.features, 'serverFeatures' in options ? 0 : 1, 'the client asks for the features once per connection');
      assertStreamIntact('s', await store.readStream('s'));
    }
  });

  test.run();
}

{
  const { test, start, open } = doubleSuite('a writer slips in between the read and the append');

  for (const expected of ['any', 'stream_exists'] as const) {
    test(`${expected}: the append reads again and continues the chain after the intruder`, async (context) => {
      const double = await start(context);
      const [store, intruder] = [await open(context, double.url), await open(context, double.url)];
      await store.append('s', sampleEvents(1), 'no_stream');
      double.interceptNextAppend(async () => {
        await intruder.append('s', [sampleEvent('Intruded')], 1);
      });
      const mine = sampleEvents(2, 'Mine');
      const result = await store.append('s', mine, expected);
      const events = await store.readStream('s');
      assert.equal(
        events.map((e) => e.type),
        ['SampleHappened', 'Intruded', 'Mine', 'Mine'],
      );
      assert.equal([result.version, result.events.map((e) => e.version)], [4, [3, 4]]);
      assert.equal(result.events, events.slice(2));
      assertStreamIntact('s', events);
    });
  }

  for (const [expected, existing] of [
    [1, 1],
    ['no_stream', 0],
  ] as const) {
    test(`${String(expected)}: WrongExpectedVersion with the version the intruder left (exit 6), and nothing written`, async (context) => {
      const double = await start(context);
      const [store, intruder] = [await open(context, double.url), await open(context, double.url)];
      if (existing > 0) await store.append('s', sampleEvents(existing), 'no_stream');
      double.interceptNextAppend(async () => {
        await intruder.append('s', [sampleEvent('Intruded')], existing === 0 ? 'no_stream' : existing);
      });
      const error = await rejection(store.append('s', sampleEvents(2, 'Mine'), expected));
      assert.instance(error, WrongExpectedVersion);
      const conflict = error as WrongExpectedVersion;
      assert.equal(
        [conflict.streamId, conflict.expected, conflict.actual, conflict.exitCode],
        ['s', expected, existing + 1, ExitCode.conflict],
      );
      assert.not.ok((await store.readStream('s')).some((e) => e.type === 'Mine'));
    });
  }

  test('the intruder was a retry of the same batch: the append returns it instead of writing twice', async (context) => {
    const double = await start(context);
    const [store, twin] = [await open(context, double.url), await open(context, double.url)];
    await store.append('s', sampleEvents(1), 'no_stream');
    const batch = sampleEvents(2, 'Once');
    double.interceptNextAppend(async () => {
      await twin.append('s', batch, 1);
    });
    const result = await store.append('s', batch, 1);
    assert.equal(
      result.events.map((e) => e.id),
      batch.map((e) => e.id),
    );
    assert.is((await store.readStream('s')).length, 3);
  });

  test.run();
}

{
  const { test, start, open } = doubleSuite('retried batches');

  test("an 'any' retry is recognised within the last retryWindow events, and written again beyond them", async (context) => {
    const double = await start(context);
    const store = new EsdbEventStore(double.url, { keyring: testKeyring, retryWindow: 3 });
    context.stores.push(store);
    const batch = sampleEvents(1, 'Once');
    await store.append('s', batch, 'any');
    await store.append('s', sampleEvents(2), 'any');
    assert.is((await store.append('s', batch, 'any')).version, 1, 'within the window: the recorded result');
    await store.append('s', sampleEvents(1), 'any');
    assert.is((await store.append('s', batch, 'any')).version, 5, 'beyond the window: written again (documented limit)');
    const numbered = await open(context, double.url);
    assert.is((await numbered.append('s', batch, 0)).version, 1, 'with a version, the place is known however long the stream');
  });

  test('the same first id with other events after it is a Conflict, not a retry', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    const batch = sampleEvents(2);
    await store.append('s', batch, 'no_stream');
    const longer = await rejection(store.append('s', [...batch, sampleEvent('New')], 'any'));
    assert.instance(longer, Conflict);
    assert.match(english(longer), /different batch/);
    const shorter = await rejection(store.append('s', [batch[0]!, sampleEvent('New')], 0));
    assert.instance(shorter, Conflict);
    assert.is((await store.readStream('s')).length, 2);
  });

  test.run();
}

{
  const { test, start, open } = doubleSuite('errors and exit codes');

  for (const batchAppend of [true, false]) {
    test(`a deleted stream is NotFound (exit 5) to read and to append (${batchAppend ? 'BatchAppend' : 'Append'})`, async (context) => {
      const double = await start(context, { batchAppend });
      const store = await open(context, double.url);
      await store.append('gone', sampleEvents(1), 'no_stream');
      double.tombstone('gone');
      for (const attempt of [() => store.readStream('gone'), () => store.append('gone', sampleEvents(1), 'any')]) {
        const error = await rejection(attempt());
        assert.instance(error, NotFound);
        assert.is((error as NotFound).exitCode, ExitCode.notFound);
        assert.match(english(error), /stream gone was deleted/);
      }
    });
  }

  test('a server that went away is BackendUnavailable (exit 7), without waiting for the timeout', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url, 4000);
    await store.append('s', sampleEvents(1), 'no_stream');
    await double.stop();
    for (const attempt of [
      () => store.readStream('s'),
      () => store.append('s', sampleEvents(1), 'any'),
      () => store.headPosition(),
      () => store.credentials().get('u'),
    ]) {
      const { error, ms } = await timed(attempt());
      assert.instance(error, BackendUnavailable);
      assert.is((error as BackendUnavailable).exitCode, ExitCode.unavailable);
      assert.ok(ms < 3000, `failed fast (${Math.round(ms)} ms)`);
    }
  });

  test('a position that is not one of the log is InvalidInput (exit 2)', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    const { events } = await store.append('s', sampleEvents(1), 'no_stream');
    // An odd number is an event's own position: here, an offset inside the event's record.
    const inside = events[0]!.position + 2;
    for (const attempt of [() => store.readAll({ after: inside, limit: 1 }), () => followUntil(store, { after: inside }, () => true)]) {
      const error = await rejection(attempt());
      assert.instance(error, InvalidInput);
      assert.is((error as InvalidInput).exitCode, ExitCode.invalid);
      assert.match(english(error), /not one of this EventStoreDB log/);
    }
  });

  test('an event another program wrote into a log stream stops reads with a clear error', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    double.append('orders-1', [{ type: 'OrderPlaced', data: { total: 12 } }]);
    for (const attempt of [() => store.readStream('orders-1'), () => store.readAll({ after: 0, limit: 10 })]) {
      const error = await rejection(attempt());
      assert.instance(error, BackendUnavailable);
      assert.match(english(error), /stream orders-1, revision 0\) was not written by epic/);
    }
  });

  test('reserved stream names, types and non-UUID ids are refused before any call', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    const reads = double.calls.read;
    for (const attempt of [
      () => store.append('$system', sampleEvents(1), 'any'),
      () => store.append('credentials-u1', sampleEvents(1), 'any'),
      () => store.append('', sampleEvents(1), 'any'),
      () => store.append('s', [sampleEvent('$Reserved')], 'any'),
      () => store.append('s', [sampleEvent('E', {}, { id: 'cmd-1:0' })], 'any'),
      () => store.append('s', [sampleEvent('E', {}, { at: 'not a date' })], 'any'),
      () => store.readStream('s', { until: 'yesterday-ish' }),
    ]) {
      assert.instance(await rejection(attempt()), InvalidInput);
    }
    assert.instance(await rejection(store.append('s', sampleEvents(1), -1)), RangeError);
    assert.instance(await rejection(store.readAll({ after: 0, limit: 0 })), RangeError);
    assert.is(double.calls.read, reads, 'no call reached the server');
  });

  test('a malformed URL is InvalidInput and the message does not leak the password', async () => {
    const error = await rejection(openEventStore('esdb://admin:s3cr3t-pass@localhost:notaport?tls=false', { keyring: testKeyring }));
    assert.instance(error, InvalidInput);
    assert.match(english(error), /expected esdb:\/\/host:2113\?tls=false/);
    assert.not.match(`${(error as Error).message} ${english(error)}`, /s3cr3t/);
  });

  test.run();
}

{
  const { test, start, open, silent } = doubleSuite('timeouts');
  const TIMEOUT_MS = 500;
  /**
   * Late enough to be our timer, early enough to be nothing else: the client's
   * own deadlines are 10 s (appends) or none (the feature probe, reads). The
   * margin absorbs a loaded machine.
   */
  const withinTimeout = (ms: number) => ms >= TIMEOUT_MS - 20 && ms < TIMEOUT_MS + 2500;

  test('a server that accepts the connection and never answers: every call is BackendUnavailable (exit 7) within the timeout', async (context) => {
    const url = await silent(context);
    const opening = await timed(openEsdbEventStore(url, { keyring: testKeyring, timeoutMs: TIMEOUT_MS }));
    assert.instance(opening.error, BackendUnavailable);
    assert.is((opening.error as BackendUnavailable).exitCode, ExitCode.unavailable);
    assert.match(english(opening.error), /did not answer within 500 ms/);
    assert.ok(withinTimeout(opening.ms), `open failed after ${Math.round(opening.ms)} ms`);

    const attempts: Record<string, (store: EsdbEventStore) => Promise<unknown>> = {
      // The client's feature probe comes first, and has no deadline of its own.
      append: (store) => store.append('s', sampleEvents(1), 'any'),
      readStream: (store) => store.readStream('s'),
      readAll: (store) => store.readAll({ after: 0, limit: 10 }),
      headPosition: (store) => store.headPosition(),
      credentials: (store) => store.credentials().set('u1', 'hash', 1),
      follow: (store) => followUntil(store, { after: 0 }, () => true),
    };
    // Each on its own connection, all at once: each times out on its own.
    await Promise.all(
      Object.entries(attempts).map(async ([name, attempt]) => {
        const store = new EsdbEventStore(url, { keyring: testKeyring, timeoutMs: TIMEOUT_MS });
        context.stores.push(store);
        const { error, ms } = await timed(attempt(store));
        assert.instance(error, BackendUnavailable, name);
        assert.ok(withinTimeout(ms), `${name} failed after ${Math.round(ms)} ms`);
      }),
    );
  });

  test('a server that stalls and comes back: the call in flight times out, the next one works on a new connection', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url, TIMEOUT_MS);
    await store.append('s', sampleEvents(1), 'no_stream');
    double.stall();
    for (const attempt of [() => store.readStream('s'), () => store.append('s', sampleEvents(1), 1)]) {
      const { error, ms } = await timed(attempt());
      assert.instance(error, BackendUnavailable);
      assert.ok(withinTimeout(ms), `failed after ${Math.round(ms)} ms`);
    }
    double.resume();
    // The append that timed out reached the server and was recorded when it resumed:
    // the caller retries it with the same ids and gets the recorded result.
    const events = await store.readStream('s');
    assert.ok(events.length >= 1);
    assertStreamIntact('s', events);
  });

  test('the process of a command exits 7 on its own within the timeout (EPIC_ESDB_TIMEOUT_MS)', async (context) => {
    const silentUrl = await silent(context);
    // A server that answers reads but never the feature probe, the client's call that has no deadline at all.
    const double = await start(context);
    double.stall('server-features');
    const probe = fileURLToPath(new URL('../support/esdb-timeout-probe.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    /** Runs the probe process; resolves when it exits (or is killed after 30 s). */
    const run = async (step: 'open' | 'append', url: string) => {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', probe, url, step], {
        cwd: root,
        env: { ...process.env, EPIC_ESDB_TIMEOUT_MS: String(TIMEOUT_MS) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on('close', (c, s) => resolve([c, s])),
      );
      clearTimeout(killer);
      const wall = performance.now() - started;
      const what = `${step} (stdout: ${stdout.trim()}, stderr: ${stderr.trim()})`;
      assert.is(signal, null, `${what}: the process exited by itself`);
      assert.is(code, ExitCode.unavailable, `${what}: exit code`);
      const report = JSON.parse(stdout.trim()) as { error: string; elapsedMs: number };
      assert.is(report.error, 'BackendUnavailable', what);
      assert.ok(withinTimeout(report.elapsedMs), `${what}: the failure came after ${report.elapsedMs} ms`);
      return { wall, elapsed: report.elapsedMs };
    };
    const [opened, appended] = await Promise.all([run('open', silentUrl), run('append', double.url)]);
    // Silent from the start: the pending read is cancelled and the process ends at once (the
    // rest is starting Node and tsx).
    assert.ok(
      opened.wall < opened.elapsed + 15_000,
      `open: the process ended right after the error (${Math.round(opened.wall)} ms in all)`,
    );
    // Stalled on the feature probe: the channel is closed, but a call already started on it runs on
    // until the client's keepalive (10 s) gives the connection up; without the close it never ends.
    assert.is(double.calls.features, 1, 'the append did wait on the feature probe');
    assert.ok(
      appended.wall < appended.elapsed + 10_000 + 15_000,
      `append: the process ended by itself (${Math.round(appended.wall)} ms in all)`,
    );
  });

  test('EPIC_ESDB_TIMEOUT_MS: a positive number of milliseconds, 5000 by default', () => {
    assert.is(esdbTimeoutFromEnv({}), DEFAULT_ESDB_TIMEOUT_MS);
    assert.is(DEFAULT_ESDB_TIMEOUT_MS, 5000);
    assert.is(esdbTimeoutFromEnv({ EPIC_ESDB_TIMEOUT_MS: '' }), 5000);
    assert.is(esdbTimeoutFromEnv({ EPIC_ESDB_TIMEOUT_MS: '250' }), 250);
    for (const bad of ['0', '-5', 'soon', '1.5']) {
      assert.throws(
        () => esdbTimeoutFromEnv({ EPIC_ESDB_TIMEOUT_MS: bad }),
        (e: unknown) => e instanceof InvalidInput,
        bad,
      );
    }
  });

  test.run();
}

{
  const { test, start, open } = doubleSuite('positions and what the log leaves out');

  test('one number per $all position: 2 x commit + 1 for an event, 2 x commit before a record', () => {
    assert.is(eventPosition({ commit: 542n, prepare: 542n }), 1085);
    assert.is(eventPosition({ commit: 542n, prepare: 400n }), undefined, 'an event of an explicit transaction');
    assert.is(eventPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }), undefined, 'no position (servers before 22.10)');
    assert.is(eventPosition(undefined), undefined);
    assert.is(checkpointPosition({ commit: 542n, prepare: 542n }), 1085);
    assert.is(checkpointPosition({ commit: 740n, prepare: 0n }), 1480);
    assert.is(checkpointPosition({ commit: 0n, prepare: 0n }), 0);
    assert.equal(serverPosition(0), 'start');
    assert.equal(serverPosition(1085), { commit: 542n, prepare: 542n });
    assert.equal(serverPosition(1480), { commit: 740n, prepare: 0n });
    assert.ok(
      checkpointPosition({ commit: 740n, prepare: 0n })! > eventPosition({ commit: 542n, prepare: 542n })!,
      'the order of the pairs is kept',
    );
  });

  test('event positions are the records of the log; after 2 x commit reads from the record at commit', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    const { events } = await store.append('s', sampleEvents(2), 'no_stream');
    const records = double.records.filter((r) => r.streamId === 's');
    assert.equal(
      events.map((e) => e.position),
      records.map((r) => Number(r.position) * 2 + 1),
    );
    const second = records[1]!;
    assert.equal(
      (await store.readAll({ after: Number(second.position) * 2, limit: 5 })).map((e) => e.id),
      [events[1]!.id],
    );
    assert.equal(await store.readAll({ after: Number(double.end) * 2, limit: 5 }), [], 'after the end of the log');
  });

  test('headPosition, readAll and streamHeads skip system events, system types in log streams and credentials', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    const { position } = await store.append('s', sampleEvents(1), 'no_stream');
    await store.credentials().set('u1', 'hash-1', 1);
    double.append('s', [{ type: '$>', data: '0@other' }]);
    double.append('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: {} }]);
    assert.is(await store.headPosition(), position);
    assert.equal(
      (await store.readAll({ after: 0, limit: 100 })).map((e) => e.streamId),
      ['s'],
    );
    assert.equal(
      (await store.streamHeads()).map((h) => [h.streamId, h.version]),
      [['s', 1]],
    );
    // The follower sees the same log.
    const messages = await followUntil(store, { after: 0 }, (seen) => seen.some((m) => m.kind === 'caught-up'));
    assert.equal(
      messages.flatMap((m) => (m.kind === 'event' ? [m.event.streamId] : [])),
      ['s'],
    );
  });

  test('an empty log has head 0 even though the server holds system events', async (context) => {
    const double = await start(context);
    const store = await open(context, double.url);
    assert.ok(double.records.length > 0);
    assert.is(await store.headPosition(), 0);
    assert.equal(await store.readAll({ after: 0, limit: 10 }), []);
    assert.equal(await store.streamHeads(), []);
  });

  test('esdb: URLs open the adapter with its credential store (openEventStore)', async (context) => {
    const double = await start(context);
    const { store, credentials } = await openEventStore(double.url, { keyring: testKeyring });
    try {
      assert.is(store.kind, 'esdb');
      assert.is((await store.append(names('opened'), sampleEvents(2), 'no_stream')).version, 2);
      await credentials.set('u1', 'hash', 1);
      assert.is((await credentials.get('u1'))?.passwordHash ?? null, 'hash');
    } finally {
      await credentials.close();
      await store.close();
    }
  });

  test.run();
}
