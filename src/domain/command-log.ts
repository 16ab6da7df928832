/**
 * The command log (stream `command-log`): one `CommandRecorded` event per
 * command that asked for a change or was refused, whatever its outcome. It is
 * what `epic log` lists; the domain events a command produced live in their
 * own streams and are named here by id.
 */
import type { JsonObject } from '../events/event-store.js';
import { typeList } from './decider.js';

export const COMMAND_LOG_STREAM = 'command-log';

/**
 * A catalogue message kept as data (src/i18n): its key and params as JSON, so
 * that a later reader words it in their own language (src/i18n/stored-message.ts).
 */
export interface StoredMessage {
  readonly key: string;
  /** null for a key without params. */
  readonly params: JsonObject | null;
}

export type CommandOutcome = 'accepted' | 'rejected' | 'denied' | 'failed';

export interface CommandRecord {
  readonly commandId: string;
  /** e.g. "contract pay" */
  readonly command: string;
  /** The options and arguments, secrets removed. */
  readonly args: JsonObject;
  readonly outcome: CommandOutcome;
  /** Why it was refused or failed, in words: the actor's language at the time (what a reader without the message shows). */
  readonly reason: string | null;
  /**
   * The same reason as a message (schema v2), so that `epic log` words it in
   * the reader's language; null when the reason was not one of ours (a bug's
   * text) or there is none, and in entries recorded before v2 (upcast).
   */
  readonly reasonMessage: StoredMessage | null;
  /** Ids of the domain events the command appended. */
  readonly events: readonly string[];
  /**
   * The client whose key sealed the personal values of `args`, written by the
   * event store's privacy decorator (src/privacy); absent when none did.
   */
  readonly subject?: string | null;
}

export type CommandLogEvent = { type: 'CommandRecorded'; data: CommandRecord };

export type CommandLogEventType = CommandLogEvent['type'];

export const COMMAND_LOG_EVENT_TYPES = typeList<CommandLogEventType>({ CommandRecorded: true });
