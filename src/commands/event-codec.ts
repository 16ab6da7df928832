import { createHash } from 'node:crypto';
import { currentSchemaVersion } from '../domain/upcasters.js';
import type { EventActor, JsonObject, NewEvent, RecordedEvent } from '../events/event-store.js';

/** A domain event before it is stored: a discriminated union member. */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

/**
 * Event ids are derived from the command id, the stream, the append number
 * within the command and the index, so a retried append of the same decision
 * carries the same ids and the store can recognise it.
 */
export function eventId(commandId: string, streamId: string, append: number, index: number): string {
  const hex = createHash('sha256').update(`${commandId}\u0000${streamId}\u0000${append}\u0000${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
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

/**
 * Narrows a recorded event to a member of a domain union when its type is one
 * of `types`. The log is written only by this code base, through these unions,
 * so the data of a known type has that type's shape once `upcast` (src/domain/upcasters.ts)
 * has lifted an older stored version; callers pass events through it first.
 */
export function asDomainEvent<E extends DomainEvent>(recorded: RecordedEvent, types: readonly E['type'][]): E | undefined {
  if (!(types as readonly string[]).includes(recorded.type)) return undefined;
  return { type: recorded.type, data: recorded.data } as unknown as E;
}
