import type { EventMetadata, JsonObject, NewEvent } from './event-store.js';
import { instantMs } from './instant.js';

/**
 * An event made ready to store, the same way in every adapter. The chain
 * covers the JSON texts stored (dataJson, metadataJson); what is returned
 * carries the data parsed back from that text, so it is exactly what a later
 * read returns: a value JSON cannot keep as-is (a Date, -0, an undefined
 * field) cannot make the returned event disagree with a read.
 */
export interface PreparedEvent {
  readonly event: NewEvent;
  readonly dataJson: string;
  /** `{actor, at, commandId}`, nothing else. */
  readonly metadataJson: string;
  /** metadata.at as epoch milliseconds (validated), for `until` comparisons by instant. */
  readonly atMs: number;
  /** The same instant in `toISOString()` form: the time the store keeps beside the event, and chains. */
  readonly instant: string;
}

/**
 * Serializes outside any lock. Throws TypeError for data JSON cannot encode
 * as an object (BigInt, cycles, arrays), InvalidInput for an `at` that is not
 * an ISO 8601 instant. Adapters add their own limits (id formats, column sizes).
 */
export function prepareEvent(event: NewEvent, index: number): PreparedEvent {
  const dataJson: unknown = JSON.stringify(event.data);
  if (typeof dataJson !== 'string' || !dataJson.startsWith('{')) {
    throw new TypeError(`event ${index} (${event.type}): data must be a JSON object`);
  }
  const { actor, at, commandId } = event.metadata;
  const atMs = instantMs(at, `event ${index} (${event.type}) metadata.at`);
  const metadata: EventMetadata = { actor: { id: actor.id, role: actor.role }, at, commandId };
  return {
    event: { id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: JSON.parse(dataJson) as JsonObject, metadata },
    dataJson,
    metadataJson: JSON.stringify(metadata),
    atMs,
    instant: new Date(atMs).toISOString(),
  };
}
