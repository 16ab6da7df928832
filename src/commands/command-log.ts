import { isSecretKeyName } from '../auth/secret-key-name.js';
import { COMMAND_LOG_STREAM, type CommandRecord } from '../domain/command-log.js';
import { currentSchemaVersion } from '../domain/upcasters.js';
import type { EventActor, EventStore, JsonObject, JsonValue, NewEvent, StreamAppend } from '../events/event-store.js';
import { eventId } from './new-events.js';

/** Who acts when nobody could be authenticated. */
export const ANONYMOUS: EventActor = { id: 'anonymous', role: 'system' };

/** Drops every field whose name says it holds a secret (isSecretKeyName), at any depth. */
export function scrubArgs(args: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || isSecretKeyName(key)) continue;
    out[key] = scrubValue(value);
  }
  return out;
}

function scrubValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(scrubValue);
  if (typeof value === 'object') return scrubArgs(value as Record<string, unknown>);
  return String(value);
}

/**
 * The command-log entry of a command as an event of stream `command-log`. An
 * accepted command has one entry id, any other outcome another: the entry
 * that records the change is never taken for (or replaced by) a failure
 * recorded under the same command id, and the same entry recorded twice (a
 * retry under the same idempotency key) is recognised by the store.
 */
export function commandRecordedEvent(actor: EventActor, at: string, record: CommandRecord): NewEvent {
  return {
    id: eventId(record.commandId, COMMAND_LOG_STREAM, record.outcome === 'accepted' ? -1 : -2, 0),
    type: 'CommandRecorded',
    schemaVersion: currentSchemaVersion('CommandRecorded'),
    data: {
      commandId: record.commandId,
      command: record.command,
      args: record.args,
      outcome: record.outcome,
      reason: record.reason,
      reasonMessage: record.reasonMessage === null ? null : { key: record.reasonMessage.key, params: record.reasonMessage.params },
      events: [...record.events],
    },
    metadata: { actor, at, commandId: record.commandId },
  };
}

/** The multi-stream append's entry for the command log (always `any`: the log only grows). */
export function commandLogAppend(actor: EventActor, at: string, record: CommandRecord): StreamAppend {
  return { streamId: COMMAND_LOG_STREAM, events: [commandRecordedEvent(actor, at, record)], expected: 'any' };
}

/** Records a command on its own (an outcome other than a change, or a command that appended as it went). */
export async function recordCommand(store: EventStore, actor: EventActor, at: Date, record: CommandRecord): Promise<void> {
  await store.append(COMMAND_LOG_STREAM, [commandRecordedEvent(actor, at.toISOString(), record)], 'any');
}
