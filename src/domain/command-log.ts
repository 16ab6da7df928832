/**
 * The command log (stream `command-log`): one `CommandRecorded` event per
 * command that asked for a change or was refused, whatever its outcome. It is
 * what `epic log` lists; the domain events a command produced live in their
 * own streams and are named here by id.
 */
import type { JsonObject } from '../events/event-store.js';
import { typeList } from './decider.js';

export const COMMAND_LOG_STREAM = 'command-log';

export type CommandOutcome = 'accepted' | 'rejected' | 'denied' | 'failed';

export interface CommandRecord {
  readonly commandId: string;
  /** e.g. "contract pay" */
  readonly command: string;
  /** The options and arguments, secrets removed. */
  readonly args: JsonObject;
  readonly outcome: CommandOutcome;
  readonly reason: string | null;
  /** Ids of the domain events the command appended. */
  readonly events: readonly string[];
}

export type CommandLogEvent = { type: 'CommandRecorded'; data: CommandRecord };

export type CommandLogEventType = CommandLogEvent['type'];

export const COMMAND_LOG_EVENT_TYPES = typeList<CommandLogEventType>({ CommandRecorded: true });
