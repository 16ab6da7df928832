import * as assert from 'uvu/assert';
import type { ChainedFields, RecordedEvent } from '../../src/events/event-store.js';
import { GENESIS_HASH } from '../../src/events/hash-chain.js';
import { instantOf, keyedHash } from '../../src/events/keyed-chain.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';

/**
 * What an adapter stored for an event it wrote and reads back: the texts are
 * the JSON of what it reads, in the same key order (every adapter stores the
 * texts prepareEvent made; EventStoreDB keeps `{actor, at, commandId}` beside
 * the schema version and the chain).
 */
export function storedFieldsOf(event: RecordedEvent): ChainedFields {
  const { actor, at, commandId } = event.metadata;
  return {
    id: event.id,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    at: instantOf(at),
    metadata: JSON.stringify({ actor: { id: actor.id, role: actor.role }, at, commandId }),
    data: JSON.stringify(event.data),
  };
}

/**
 * A stream read back is whole and untampered: versions 1..n without gaps or
 * duplicates, positions increasing with versions, each prevHash the previous
 * event's hash (GENESIS_HASH first), and every hash the keyed link (with the
 * test audit key) of the event as stored.
 */
export function assertStreamIntact(streamId: string, events: readonly RecordedEvent[]): void {
  let prevHash = GENESIS_HASH;
  let prevPosition = 0;
  events.forEach((event, index) => {
    assert.is(event.streamId, streamId, `event ${index} belongs to the stream`);
    assert.is(event.version, index + 1, `version of event ${index}`);
    assert.ok(event.position > prevPosition, `position of version ${event.version} grows`);
    assert.is(event.metadata.prevHash, prevHash, `prevHash of version ${event.version}`);
    assert.is(event.metadata.hash, keyedHash(TEST_AUDIT_KEY, prevHash, storedFieldsOf(event)), `hash of version ${event.version}`);
    prevHash = event.metadata.hash;
    prevPosition = event.position;
  });
}
