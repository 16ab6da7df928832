/**
 * The in-memory test double passes the same contract as the real adapters
 * (test/event-store/contract.ts), plus what only it offers.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Conflict } from '../../src/errors.js';
import type { NewEvent } from '../../src/events/event-store.js';
import { defineEventStoreContract } from '../event-store/contract.js';
import { rejection } from '../event-store/rejection.js';
import { english } from '../support/english.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

defineEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  await store.init();
  return { store, cleanup: () => store.close() };
});

defineEventStoreContract('in-memory with position gaps', async () => {
  const store = new InMemoryEventStore({ positionStep: 7 });
  await store.init();
  return { store, cleanup: () => store.close() };
});

const test = suite('in-memory event store: extras');

function event(id: string, n: number): NewEvent {
  return {
    id,
    type: 'Sampled',
    schemaVersion: 1,
    data: { n },
    metadata: { actor: { id: 'u1', role: 'gestion' }, at: '2026-06-01T10:00:00.000Z', commandId: 'c1' },
  };
}

test('positions leave the configured gaps and readAll pages across them', async () => {
  const store = new InMemoryEventStore({ positionStep: 3 });
  await store.append('a', [event('e1', 1), event('e2', 2)], 'no_stream');
  await store.append('b', [event('e3', 3)], 'no_stream');
  assert.equal(
    store.events.map((e) => e.position),
    [3, 6, 9],
  );
  assert.equal(
    (await store.readAll({ after: 4, limit: 10 })).map((e) => e.id),
    ['e2', 'e3'],
  );
  assert.equal(
    (await store.readAll({ after: 3, limit: 1 })).map((e) => e.id),
    ['e2'],
  );
  assert.is(await store.headPosition(), 9);
});

test('stored events are frozen: mutating what was read or appended does not change the log', async () => {
  const store = new InMemoryEventStore();
  const data = { n: 1 };
  await store.append('a', [{ ...event('e1', 1), data }], 'no_stream');
  data.n = 2;
  const [read] = await store.readStream('a');
  assert.is(read?.data.n, 1);
  assert.throws(() => {
    (read!.data as { n: number }).n = 3;
  });
  assert.is((await store.readStream('a'))[0]?.data.n, 1);
});

test('a failed append records nothing (all or nothing)', async () => {
  const store = new InMemoryEventStore();
  await store.append('a', [event('e1', 1)], 'no_stream');
  const error = await rejection(store.append('b', [event('e2', 2), event('e1', 3)], 'no_stream'));
  assert.instance(error, Conflict, 'a duplicate id later in the batch is refused');
  assert.equal(await store.readStream('b'), []);
  assert.is(await store.headPosition(), 1);
});

test('a closed store refuses to work', async () => {
  const store = new InMemoryEventStore();
  await store.close();
  const error = await rejection(store.headPosition());
  assert.instance(error, Error);
  assert.match(english(error), /closed/);
});

test.run();
