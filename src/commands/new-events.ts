import { createHash } from 'node:crypto';
import type { DomainEvent } from '../domain/decider.js';
import { currentSchemaVersion } from '../domain/upcasters.js';
import type { EventActor, JsonObject, NewEvent } from '../events/event-store.js';

/**
 * Event ids are derived from the command id, the stream, the append number
 * within the command and the index, so a retried append of the same decision
 * carries the same ids and the store can recognise it. A name-based UUID from
 * SHA-256 is version 8 (RFC 9562, section 5.8; version 5 means SHA-1): the
 * hash's first 128 bits, with the version nibble set to 8 and the variant to 10.
 */
export function eventId(commandId: string, streamId: string, append: number, index: number): string {
  const bytes = createHash('sha256').update(`${commandId}\u0000${streamId}\u0000${append}\u0000${index}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function toNewEvents(
  events: readonly DomainEvent[],
  meta: { streamId: string; commandId: string; append: number; actor: EventActor; at: string },
): NewEvent[] {
  return events.map((event, index) => ({
    id: eventId(meta.commandId, meta.streamId, meta.append, index),
    type: event.type,
    // Each type at its own current version (src/domain/upcasters.ts lifts older ones on read).
    schemaVersion: currentSchemaVersion(event.type),
    // Domain event payloads are JSON-safe by construction (strings, numbers, booleans, null).
    data: event.data as JsonObject,
    metadata: { actor: meta.actor, at: meta.at, commandId: meta.commandId },
  }));
}
