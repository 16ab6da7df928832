/** The retry rule every adapter applies to what it found under a batch's first id (src/events/retried-batch.ts). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Conflict } from '../../src/errors.js';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { retriedBatch } from '../../src/events/retried-batch.js';
import { english } from '../support/english.js';

const test = suite('retriedBatch');

function recorded(id: string, version: number, position: number): RecordedEvent {
  return {
    id,
    streamId: 's',
    type: 'Created',
    schemaVersion: 1,
    version,
    position,
    data: {},
    metadata: { actor: { id: 'u', role: 'gestion' }, at: '2030-01-01T10:00:00.000Z', commandId: 'c', prevHash: 'p', hash: 'h' },
  };
}

const batch = (...ids: string[]) => ids.map((id) => ({ event: { id } }));

function conflict(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, Conflict);
    return english(error);
  }
  assert.unreachable('expected a Conflict');
  return '';
}

test('nothing found, or an empty batch: not a retry', () => {
  assert.is(retriedBatch('s', batch('a'), undefined), undefined);
  assert.is(retriedBatch('s', [], { streamId: 's', events: [recorded('a', 1, 1)] }), undefined);
});

test('the same ids in the same order: the recorded result, at the version and position of its last event', () => {
  const events = [recorded('a', 3, 10), recorded('b', 4, 12)];
  assert.equal(retriedBatch('s', batch('a', 'b'), { streamId: 's', events }), { version: 4, position: 12, events });
});

test('the first id in another stream, or at the start of another batch: Conflict', () => {
  assert.match(
    conflict(() => retriedBatch('t', batch('a'), { streamId: 's', events: [recorded('a', 1, 1)] })),
    /recorded in stream s, not t/,
  );
  const other = [recorded('a', 1, 1), recorded('x', 2, 2)];
  assert.match(
    conflict(() => retriedBatch('s', batch('a', 'b'), { streamId: 's', events: other })),
    /different batch/,
  );
  // The stream ends before the batch does, or goes on past it with other ids: not the same batch.
  assert.match(
    conflict(() => retriedBatch('s', batch('a', 'b'), { streamId: 's', events: [recorded('a', 1, 1)] })),
    /different batch/,
  );
  assert.match(
    conflict(() => retriedBatch('s', batch('a'), { streamId: 's', events: [] })),
    /different batch/,
  );
});

test.run();
