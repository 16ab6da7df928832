import type { Role } from '../domain/values/roles.js';
import type { CredentialStore } from '../events/credential-store.js';
import type { EventStore, RecordedEvent } from '../events/event-store.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The acting user, as the user directory says now (never as the token says). */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** What every handler receives: the stores, who acts, when, and under which command id. */
export interface CommandContext {
  readonly store: EventStore;
  readonly credentials: CredentialStore;
  readonly commandId: string;
  /** The clock, injected so tests and decisions are deterministic. */
  readonly now: () => Date;
  /** Every event this command appended, in order (for the command log). */
  readonly recorded: RecordedEvent[];
  /**
   * Set in a change command: decisions are staged there and appended with the
   * command-log entry in one multi-stream append (unit-of-work.ts). Absent:
   * each decision is appended at once (login, init, import).
   */
  readonly unit?: UnitOfWork;
}

export interface ActorContext extends CommandContext {
  readonly actor: Actor;
}
