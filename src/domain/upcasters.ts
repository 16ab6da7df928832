/**
 * Event schema evolution. Every stored event carries the schema version of
 * its data; this module knows the current version of each event type and the
 * pure functions (upcasters) that lift an older stored shape to the next one.
 *
 * Whatever folds or projects events reads them through `upcast`: the command
 * side's fold (src/domain/decider.ts), the projector, the history and
 * time-travel readers (src/audit). The log itself is never rewritten: the
 * hash chain covers the stored (raw) event, and `audit verify` checks that,
 * never an upcast copy.
 *
 * To change an event's shape: add a step `{ [type]: { [oldVersion]: (data) => newData } }`,
 * bump that type's entry in SCHEMA_VERSIONS, change the domain union and the
 * decider to the new shape, and keep the step forever (the log keeps old events).
 *
 * History of the shapes:
 *
 * - `ClientReassigned` v1 `{clientId, commercialId}`; v2 adds
 *   `previousCommercialId`, the commercial the client moved away from, so the
 *   event says both ends of the move on its own (an auditor reading one event,
 *   or a consumer that does not fold the client, sees who lost the account).
 *   v1 did not record it: upcast v1 events carry `previousCommercialId: null`
 *   ("not recorded"); the folded history still shows it, from the state before.
 * - `CommandRecorded` v1 `{commandId, command, args, outcome, reason, events}`;
 *   v2 adds `reasonMessage` `{key, params}`: the reason as a catalogue message
 *   (src/i18n), so `epic log` words it in the reader's language; `reason` keeps
 *   the text as the actor read it. v1 recorded the text only: upcast v1 events
 *   carry `reasonMessage: null`, and their text is what a reader sees.
 */
import type { JsonObject, RecordedEvent } from '../events/event-store.js';

/** Lifts the data of one stored version to the next; pure. The whole recorded event is there for context (stream id, metadata). */
export type Upcaster = (data: JsonObject, event: RecordedEvent) => JsonObject;

/** The version every type is written at today; a type not listed is at version 1. */
const SCHEMA_VERSIONS: Readonly<Record<string, number>> = {
  ClientReassigned: 2,
  CommandRecorded: 2,
};

/** type -> fromVersion -> the step to fromVersion + 1. */
const UPCASTERS: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  ClientReassigned: {
    1: (data) => ({ ...data, previousCommercialId: null }),
  },
  CommandRecorded: {
    1: (data) => ({ ...data, reasonMessage: null }),
  },
};

/** The schema version new events of `type` are written at. */
export function currentSchemaVersion(type: string): number {
  return SCHEMA_VERSIONS[type] ?? 1;
}

/**
 * The event with its data in the current shape of its type. An event already
 * current comes back as the same object. One written by a newer release
 * (a version above the current one) comes back unchanged: this code cannot
 * know that shape, and guessing would be worse; a gap in the steps is a bug.
 */
export function upcast(event: RecordedEvent): RecordedEvent {
  const target = currentSchemaVersion(event.type);
  if (event.schemaVersion >= target) return event;
  const steps = UPCASTERS[event.type];
  let data = event.data;
  for (let version = event.schemaVersion; version < target; version++) {
    const step = steps?.[version];
    if (!step) throw new Error(`no upcaster for ${event.type} from schema version ${version} (event ${event.id})`);
    data = step(data, event);
  }
  return { ...event, schemaVersion: target, data };
}
