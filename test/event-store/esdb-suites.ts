/**
 * What the EventStoreDB adapter promises beyond the event store contract:
 * following the log with a subscription, the credential streams, retries
 * across connections. Written once and run against the wire-level double
 * (esdb-double.test.ts) and a real server (esdb.test.ts, when
 * EPIC_TEST_ESDB_URL is set). Like the contract, it uses names unique to the
 * run and positions relative to the head it finds, so a server that already
 * holds data is fine; it does assume nobody else writes during the run.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Conflict, ExitCode } from '../../src/errors.js';
import { EsdbConnection } from '../../src/events/esdb/connection.js';
import { CREDENTIALS_STREAM_PREFIX, isLogEvent } from '../../src/events/esdb/event-codec.js';
import { type EsdbEventStore, openEsdbEventStore } from '../../src/events/esdb/event-store.js';
import type { FollowMessage, FollowOptions } from '../../src/events/esdb/follow.js';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { testKeyring } from '../support/audit-key.js';
import { english } from '../support/english.js';
import { assertStreamIntact } from './assert-stream-intact.js';
import { rejection } from './rejection.js';
import { sampleEvent, sampleEvents, uniqueNames } from './sample-events.js';

export interface EsdbServer {
  /** The connection string of the server under test. */
  readonly url: string;
  readonly cleanup: () => Promise<void>;
}

interface Context {
  server?: EsdbServer;
  stores: EsdbEventStore[];
}

const BCRYPT = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
const OTHER = '$2b$12$abcdefghijklmnopqrstuu5Vv7j6Q8d7bDqZQ3vVbYlWz1mQ9m2sO';

/**
 * Follows until `done` says so (at most `ms`), then stops: the messages seen.
 * `onMessage` may act (append...) as messages arrive.
 */
export async function followUntil(
  store: EsdbEventStore,
  options: Omit<FollowOptions, 'signal'>,
  done: (messages: readonly FollowMessage[]) => boolean,
  onMessage?: (message: FollowMessage) => Promise<void>,
  ms = 5000,
): Promise<FollowMessage[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const messages: FollowMessage[] = [];
  try {
    for await (const message of store.followAll({ ...options, signal: controller.signal })) {
      messages.push(message);
      await onMessage?.(message);
      if (done(messages)) break;
    }
  } finally {
    clearTimeout(timer);
  }
  if (!done(messages)) assert.unreachable(`follow stopped after ${ms} ms without finishing: ${messages.map(describe).join(', ')}`);
  return messages;
}

const describe = (message: FollowMessage): string =>
  message.kind === 'event'
    ? `${message.event.streamId}@${message.event.version}(${message.event.position})`
    : message.kind === 'checkpoint'
      ? `checkpoint ${message.position}`
      : 'caught-up';

/** The position a consumer would store after handling `message`. */
const positionOf = (message: FollowMessage): number | undefined =>
  message.kind === 'event' ? message.event.position : message.kind === 'checkpoint' ? message.position : undefined;

const eventsOf = (messages: readonly FollowMessage[]): RecordedEvent[] => messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));

function serverOf(context: Context): EsdbServer {
  if (!context.server) throw new Error('the server was not started');
  return context.server;
}

export type EsdbSuiteName = 'followAll' | 'credential streams' | 'retries across connections';

/** Defines the suites (all, or the `only` ones) on servers `start` provides, one per suite. */
export function defineEsdbSuites(name: string, start: () => Promise<EsdbServer>, only?: readonly EsdbSuiteName[]): void {
  const names = uniqueNames(`${name}-esdb`);
  const wanted = (title: EsdbSuiteName) => only === undefined || only.includes(title);

  function serverSuite(title: string) {
    const test = suite<Context>(`${name}: ${title}`, { stores: [] });
    test.before(async (context) => {
      context.server = await start();
    });
    test.after.each(async (context) => {
      for (const store of context.stores.splice(0)) await store.close();
    });
    test.after(async (context) => {
      await context.server?.cleanup();
      context.server = undefined;
    });
    /** A store on its own connection, as another process would have; closed after the test. */
    const open = async (context: Context): Promise<EsdbEventStore> => {
      const store = await openEsdbEventStore(serverOf(context).url, { keyring: testKeyring });
      context.stores.push(store);
      return store;
    };
    return { test, open };
  }

  if (wanted('followAll')) {
    const { test, open } = serverSuite('followAll');

    test('catches up from a position, then follows live appends, in log order', async (context) => {
      const store = await open(context);
      const writer = await open(context);
      const [a, b, c] = [names('follow'), names('follow'), names('follow')];
      const before = await store.headPosition();
      await store.append(a, sampleEvents(3), 'no_stream');
      await store.append(b, sampleEvents(2), 'no_stream');
      const history = await store.readAll({ after: before, limit: 100 });
      const live = sampleEvents(2, 'Live');
      let eventsSeen = 0;
      let caughtUpAfter = -1;

      const messages = await followUntil(
        store,
        { after: before },
        (seen) => eventsOf(seen).some((e) => e.id === live[1]!.id),
        async (message) => {
          if (message.kind === 'event') eventsSeen += 1;
          if (message.kind !== 'caught-up' || caughtUpAfter >= 0) return;
          caughtUpAfter = eventsSeen;
          await writer.append(c, live, 'no_stream');
        },
      );
      const events = eventsOf(messages);
      assert.equal(events.slice(0, history.length), history, 'the history first, as readAll returns it');
      assert.is(caughtUpAfter, history.length, 'caught-up comes after the history');
      assert.equal(
        events.slice(history.length).map((e) => e.id),
        live.map((e) => e.id),
        'then the live events',
      );
      assert.equal(events.slice(history.length), await store.readStream(c));
      const positions = messages.flatMap((m) => positionOf(m) ?? []);
      assert.ok(
        positions.every((p, i) => i === 0 || p > positions[i - 1]!),
        `positions only grow: ${positions.join(' ')}`,
      );
      assert.ok(positions.every((p) => p > before));
    });

    test('a checkpoint comes after the events before it; resuming from any stored position misses and repeats nothing', async (context) => {
      const store = await open(context);
      const before = await store.headPosition();
      const streams = [names('resume'), names('resume'), names('resume')];
      const credentials = store.credentials();
      // Events of the log interleaved with events the follower must not see (password hashes).
      for (const [i, stream] of streams.entries()) {
        await store.append(stream, sampleEvents(2), 'any');
        await credentials.set(names('user'), BCRYPT, 1);
        await credentials.set(names('user'), OTHER, 1);
        await store.append(streams[(i + 1) % 3]!, sampleEvents(1), 'any');
      }
      const expected = await store.readAll({ after: before, limit: 100 });
      assert.is(expected.length, 9);

      const messages = await followUntil(store, { after: before, maxSearchWindow: 1 }, (seen) => seen.some((m) => m.kind === 'caught-up'));
      assert.equal(eventsOf(messages), expected);
      const checkpoints = messages.filter((m) => m.kind === 'checkpoint');
      assert.ok(checkpoints.length >= 2, `a window of 1 gives checkpoints along the way (${messages.map(describe).join(', ')})`);
      messages.forEach((message, index) => {
        const position = positionOf(message);
        if (position === undefined) return;
        const later = eventsOf(messages.slice(index + 1));
        assert.ok(
          later.every((e) => e.position > position),
          `nothing at or before ${describe(message)} comes after it`,
        );
      });

      // A consumer stops after any message and restarts from the position it stored.
      for (const message of messages) {
        const stored = positionOf(message);
        if (stored === undefined) continue;
        const rest = expected.filter((e) => e.position > stored);
        const resumed = await followUntil(store, { after: stored }, (seen) => seen.some((m) => m.kind === 'caught-up'));
        assert.equal(
          eventsOf(resumed).map((e) => e.id),
          rest.map((e) => e.id),
          `resuming after ${describe(message)}`,
        );
      }
    });

    test('types are filtered on the server', async (context) => {
      const store = await open(context);
      const before = await store.headPosition();
      const [wanted, other] = [names('Wanted'), names('Other')];
      const stream = names('types');
      await store.append(stream, [sampleEvent(wanted), sampleEvent(other), sampleEvent(wanted, { n: 2 })], 'no_stream');
      const messages = await followUntil(store, { after: before, types: [wanted] }, (seen) => seen.some((m) => m.kind === 'caught-up'));
      assert.equal(eventsOf(messages), await store.readAll({ after: before, limit: 10, types: [wanted] }));
      assert.is(eventsOf(messages).length, 2);
    });

    test('system events and password hashes never reach the follower', async (context) => {
      const store = await open(context);
      const before = await store.headPosition();
      const user = names('user');
      await store.credentials().set(user, BCRYPT, 1);
      await store.append(names('visible'), sampleEvents(1), 'no_stream');
      const messages = await followUntil(store, { after: 0 }, (seen) => seen.some((m) => m.kind === 'caught-up'));
      const events = eventsOf(messages);
      assert.ok(events.length >= 1);
      assert.ok(
        events.every((e) => isLogEvent(e.streamId, e.type)),
        'only events of the log',
      );
      assert.not.ok(events.some((e) => e.streamId.startsWith(CREDENTIALS_STREAM_PREFIX) || JSON.stringify(e).includes(BCRYPT)));
      assert.ok(
        events.every((e) => e.position % 2 === 1),
        'event positions are odd (2 x commit + 1)',
      );
      assert.is(events.at(-1)?.position, await store.headPosition());
      assert.ok((await store.headPosition()) > before);
    });

    test('aborting ends the iteration quietly, live or not', async (context) => {
      const store = await open(context);
      const controller = new AbortController();
      const started = Date.now();
      let caughtUp = false;
      setTimeout(() => controller.abort(), 300);
      for await (const message of store.followAll({ after: await store.headPosition(), signal: controller.signal })) {
        if (message.kind === 'caught-up') caughtUp = true;
      }
      assert.ok(caughtUp, 'it was live before the abort');
      assert.ok(Date.now() - started < 2000, 'and stopped at the abort');
      const aborted = new AbortController();
      aborted.abort();
      const none: FollowMessage[] = [];
      for await (const message of store.followAll({ after: 0, signal: aborted.signal })) none.push(message);
      assert.equal(none, [], 'an aborted signal follows nothing');
    });

    test.run();
  }

  if (wanted('credential streams')) {
    const { test, open } = serverSuite('credential streams');

    test('get, set, replace, delete', async (context) => {
      const store = await open(context);
      const credentials = store.credentials();
      const [user, other] = [names('ü-ser 🎉'), names('user')];
      assert.is((await credentials.get(user))?.passwordHash ?? null, null);
      await credentials.set(user, BCRYPT, 1);
      assert.is((await credentials.get(user))?.passwordHash ?? null, BCRYPT);
      assert.is((await credentials.get(other))?.passwordHash ?? null, null);
      await credentials.set(user, OTHER, 1);
      assert.is((await credentials.get(user))?.passwordHash ?? null, OTHER);
      await credentials.delete(user);
      assert.is((await credentials.get(user))?.passwordHash ?? null, null);
      await credentials.delete(user); // deleting what is absent is fine
      await credentials.delete(other);
      await credentials.set(user, BCRYPT, 1);
      assert.is((await credentials.get(user))?.passwordHash ?? null, BCRYPT, 'a hash can be set again after a delete');
      await credentials.close();
      assert.is(
        (await store.credentials().get(user))?.passwordHash ?? null,
        BCRYPT,
        'closing the credential store leaves the connection open',
      );
    });

    test('each user has a stream capped at one event, outside the log', async (context) => {
      const store = await open(context);
      const user = names('user');
      const head = await store.headPosition();
      await store.credentials().set(user, BCRYPT, 1);
      await store.credentials().set(user, OTHER, 1);
      await store.credentials().delete(user);

      const raw = new EsdbConnection(serverOf(context).url);
      try {
        const metadata = await raw.call('read metadata', (client) => client.getStreamMetadata(`${CREDENTIALS_STREAM_PREFIX}${user}`));
        assert.is(metadata.metadata?.maxCount, 1, 'old hashes can be scavenged');
      } finally {
        await raw.close();
      }
      assert.is(await store.headPosition(), head, 'the head of the log did not move');
      assert.equal(await store.readAll({ after: head, limit: 10 }), []);
      assert.not.ok((await store.streamHeads()).some((h) => h.streamId.startsWith(CREDENTIALS_STREAM_PREFIX)));
    });

    test.run();
  }

  if (wanted('retries across connections')) {
    const { test, open } = serverSuite('retries across connections');

    test('another connection retrying a recorded batch gets the recorded result, whatever the expected version', async (context) => {
      const [first, second] = [await open(context), await open(context)];
      const stream = names('retry');
      const batch = sampleEvents(2, 'Created');
      const original = await first.append(stream, batch, 'no_stream');
      await first.append(stream, sampleEvents(1, 'Later'), 2);
      const head = await first.headPosition();
      for (const expected of ['no_stream', 0, 'any', 'stream_exists'] as const) {
        assert.equal(await second.append(stream, batch, expected), original, `retry with ${String(expected)}`);
      }
      assert.is(await second.headPosition(), head, 'the retries wrote nothing');
      const different = await rejection(second.append(stream, [batch[0]!, sampleEvent('New')], 'no_stream'));
      assert.instance(different, Conflict);
      assert.not.instance(different, WrongExpectedVersion);
      assert.match(english(different), /different batch/);
    });

    test("two connections appending with 'any' at once: every event lands, in one unbroken chain", async (context) => {
      const [first, second] = [await open(context), await open(context)];
      const stream = names('busy');
      const write = async (store: EsdbEventStore, writer: string) => {
        for (let n = 0; n < 10; n++) await store.append(stream, [sampleEvent('Tick', { writer, n })], 'any');
      };
      await Promise.all([write(first, 'one'), write(second, 'two')]);
      const events = await first.readStream(stream);
      assert.is(events.length, 20);
      assertStreamIntact(stream, events);
      for (const writer of ['one', 'two']) {
        assert.equal(
          events.filter((e) => e.data.writer === writer).map((e) => e.data.n),
          [...Array(10).keys()],
          `${writer}'s events in its order`,
        );
      }
    });

    test('two connections racing with the same expected version: one wins, the other gets WrongExpectedVersion (exit 6)', async (context) => {
      const [first, second] = [await open(context), await open(context)];
      const stream = names('race');
      await first.append(stream, sampleEvents(1), 'no_stream');
      const outcomes = await Promise.allSettled([
        first.append(stream, sampleEvents(1, 'A'), 1),
        second.append(stream, sampleEvents(1, 'B'), 1),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      assert.is(won.length, 1);
      assert.is(lost.length, 1);
      assert.instance(lost[0], WrongExpectedVersion);
      const conflict = lost[0] as WrongExpectedVersion;
      assert.equal([conflict.expected, conflict.actual, conflict.exitCode], [1, 2, ExitCode.conflict]);
      const events = await first.readStream(stream);
      assert.is(events.length, 2);
      assertStreamIntact(stream, events);
    });

    test.run();
  }
}
