/**
 * The read tables hold what the privacy decorator opened (src/privacy): a
 * projector handed the log without it would see a sealed value (an object,
 * `{"$pii", "s"}`) where a string belongs, and the read database's driver
 * would throw a TypeError from deep inside a query — or, on a driver that
 * takes objects, store the ciphertext. A wiring bug, not a state of the
 * data: it is named here, before anything is applied.
 */
import type { JsonObject, JsonValue, RecordedEvent } from '../events/event-store.js';
import { isEnvelope } from '../privacy/envelope.js';

/** The event as it came, or throws when one of its values (or of its command's arguments) is still sealed. */
export function opened(event: RecordedEvent): RecordedEvent {
  refuseSealed(event, event.data, '');
  const args = event.data.args;
  if (event.type === 'CommandRecorded' && isObject(args)) refuseSealed(event, args, 'args.');
  return event;
}

function refuseSealed(event: RecordedEvent, values: JsonObject, prefix: string): void {
  for (const [field, value] of Object.entries(values)) {
    if (isEnvelope(value)) {
      throw new Error(
        `projector: event ${event.id} (${event.type}) has its ${prefix}${field} still sealed: the log was opened without the privacy decorator (open it with openEventStore)`,
      );
    }
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
