import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../../src/events/event-store.js';
import { chainHash, GENESIS_HASH } from '../../src/events/hash-chain.js';

/**
 * A stream read back is whole and untampered: versions 1..n without gaps or
 * duplicates, positions increasing with versions, each prevHash the previous
 * event's hash (GENESIS_HASH first), and every hash recomputable from the
 * event as read.
 */
export function assertStreamIntact(streamId: string, events: readonly RecordedEvent[]): void {
  let prevHash = GENESIS_HASH;
  let prevPosition = 0;
  events.forEach((event, index) => {
    assert.is(event.streamId, streamId, `event ${index} belongs to the stream`);
    assert.is(event.version, index + 1, `version of event ${index}`);
    assert.ok(event.position > prevPosition, `position of version ${event.version} grows`);
    assert.is(event.metadata.prevHash, prevHash, `prevHash of version ${event.version}`);
    assert.is(event.metadata.hash, chainHash(prevHash, streamId, event.version, event), `hash of version ${event.version}`);
    prevHash = event.metadata.hash;
    prevPosition = event.position;
  });
}
