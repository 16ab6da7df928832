import { randomUUID } from 'node:crypto';
import type { EventActor, JsonObject, NewEvent } from '../../src/events/event-store.js';

export interface SampleEventOptions {
  readonly id?: string;
  readonly actor?: EventActor;
  readonly at?: string;
  readonly commandId?: string;
  readonly schemaVersion?: number;
}

/**
 * A NewEvent with a fresh UUID id (the form every adapter accepts: EventStoreDB
 * requires UUID event ids) and plausible metadata.
 */
export function sampleEvent(type: string, data: JsonObject = {}, options: SampleEventOptions = {}): NewEvent {
  return {
    id: options.id ?? randomUUID(),
    type,
    schemaVersion: options.schemaVersion ?? 1,
    data,
    metadata: {
      actor: options.actor ?? { id: 'user-0001', role: 'gestion' },
      at: options.at ?? '2030-01-01T10:00:00.000Z',
      commandId: options.commandId ?? randomUUID(),
    },
  };
}

/** `count` events of one type, numbered in their data, a second apart. */
export function sampleEvents(count: number, type = 'SampleHappened', start = Date.parse('2030-01-01T10:00:00.000Z')): NewEvent[] {
  return Array.from({ length: count }, (_, n) => sampleEvent(type, { n }, { at: new Date(start + n * 1000).toISOString() }));
}

/** Stream ids and type names unique to one run, so the contract can share a store with other data. */
export function uniqueNames(prefix: string): (label: string) => string {
  const run = randomUUID().slice(0, 8);
  let counter = 0;
  return (label) => `${prefix}-${label}-${run}-${++counter}`;
}
