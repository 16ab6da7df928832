import type { DomainEvent } from '../domain/decider.js';
import { schemaViolation } from '../domain/event-schemas.js';
import { currentSchemaVersion } from '../domain/upcasters.js';
import { InvalidInput } from '../errors.js';
import type { EventActor, JsonObject, NewEvent } from '../events/event-store.js';
import { nameUuid } from '../events/name-uuid.js';
import { msg } from '../i18n/message.js';

/**
 * Event ids are derived from the command id, the stream, the append number
 * within the command and the index, so a retried append of the same decision
 * carries the same ids and the store can recognise it (a name-based UUID, name-uuid.ts).
 */
export function eventId(commandId: string, streamId: string, append: number, index: number): string {
  return nameUuid(`${commandId}\u0000${streamId}\u0000${append}\u0000${index}`);
}

export function toNewEvents(
  events: readonly DomainEvent[],
  meta: { streamId: string; commandId: string; append: number; actor: EventActor; at: string },
): NewEvent[] {
  // Nothing malformed enters the log: each event is checked against its type's schema first (event-schemas.ts).
  for (const event of events) {
    const field = schemaViolation(event);
    if (field !== undefined) throw new InvalidInput(msg('faults.event.malformed', { type: event.type, field }));
  }
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
