/**
 * Appends domain events to a store the way the command handlers do: one
 * command per call, with its own command id, the actor, and an instant from a
 * test clock that moves one minute per command. Event ids come from the real
 * encoder (src/commands/new-events.ts), command-log records from the real
 * `recordCommand`.
 */
import { ANONYMOUS, recordCommand } from '../../src/commands/command-log.js';
import { toNewEvents } from '../../src/commands/new-events.js';
import { type AccountEvent, accountStream } from '../../src/domain/accounts/account-events.js';
import type { CommandOutcome, StoredMessage } from '../../src/domain/command-log.js';
import { USERS_STREAM, type UserEvent } from '../../src/domain/users/user-events.js';
import type { EventActor, EventStore, JsonObject, RecordedEvent } from '../../src/events/event-store.js';

export { ANONYMOUS };

export interface CommandLogInput {
  readonly command: string;
  readonly outcome: CommandOutcome;
  readonly reason?: string | null;
  readonly reasonMessage?: StoredMessage | null;
  readonly args?: JsonObject;
  readonly events?: readonly string[];
  readonly commandId?: string;
}

export class EventWriter {
  #time: number;
  #commands = 0;

  constructor(
    readonly store: EventStore,
    start = '2026-03-02T09:00:00.000Z',
    readonly stepMs = 60_000,
  ) {
    this.#time = Date.parse(start);
  }

  /** The instant the next command will carry. */
  get now(): string {
    return new Date(this.#time).toISOString();
  }

  /** Moves the clock (on top of the step every command takes). */
  advance(ms: number): void {
    this.#time += ms;
  }

  async users(actor: EventActor, ...events: UserEvent[]): Promise<RecordedEvent[]> {
    return this.#append(USERS_STREAM, actor, events);
  }

  async account(clientId: string, actor: EventActor, ...events: AccountEvent[]): Promise<RecordedEvent[]> {
    return this.#append(accountStream(clientId), actor, events);
  }

  /** Any event, in any stream (unknown types, other streams). */
  async raw(streamId: string, actor: EventActor, ...events: { type: string; data: JsonObject }[]): Promise<RecordedEvent[]> {
    return this.#append(streamId, actor, events);
  }

  /** A command-log record, as the CLI writes it after every command; returns its command id. */
  async command(actor: EventActor, input: CommandLogInput): Promise<string> {
    const commandId = input.commandId ?? this.#nextCommandId();
    const at = new Date(this.#tick());
    await recordCommand(this.store, actor, at, {
      commandId,
      command: input.command,
      args: input.args ?? {},
      outcome: input.outcome,
      reason: input.reason ?? null,
      reasonMessage: input.reasonMessage ?? null,
      events: input.events ?? [],
    });
    return commandId;
  }

  async #append(streamId: string, actor: EventActor, events: readonly { type: string; data: object }[]): Promise<RecordedEvent[]> {
    const commandId = this.#nextCommandId();
    const at = new Date(this.#tick()).toISOString();
    const result = await this.store.append(streamId, toNewEvents(events, { streamId, commandId, append: 0, actor, at }), 'any');
    return [...result.events];
  }

  #nextCommandId(): string {
    this.#commands += 1;
    return `cmd-${String(this.#commands).padStart(5, '0')}`;
  }

  #tick(): number {
    const now = this.#time;
    this.#time += this.stepMs;
    return now;
  }
}
