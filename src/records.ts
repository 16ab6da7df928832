/**
 * The JSON records of the CLI contract (docs/cli.md, "JSON records"),
 * exactly: the key order is the contract's, amounts are strings with two
 * decimals, instants ISO 8601 UTC, names joined when read (always current).
 */

import type { CommandOutcome, StoredMessage } from './domain/command-log.js';
import type { Role } from './domain/values/roles.js';
import type { ActorRole } from './events/event-store.js';

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** While a login lock lasts (5 failed logins in 15 minutes), when it ends; null otherwise. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ClientRecord {
  readonly id: string;
  /** `[erased]` once the client was forgotten (`erased`), when email, phone and company are null. */
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly company: string | null;
  readonly commercialId: string;
  /** Null only if the commercial's user no longer exists. */
  readonly commercialName: string | null;
  /** True once `client forget` erased its personal data. */
  readonly erased: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ContractRecord {
  readonly id: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly commercialId: string;
  readonly commercialName: string | null;
  /** "1500.50" */
  readonly totalAmount: string;
  readonly remainingAmount: string;
  readonly signed: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The CLI's "event" record. */
export interface OccasionRecord {
  readonly id: string;
  readonly name: string;
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string;
  /** The client's contact details as they are now. */
  readonly clientContact: { readonly email: string; readonly phone: string | null };
  readonly supportId: string | null;
  readonly supportName: string | null;
  readonly start: string;
  readonly end: string;
  readonly location: string;
  readonly attendees: number;
  readonly notes: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** `cancelled` once `event cancel` ran: kept, out of the listings unless asked for. */
  readonly status: OccasionStatus;
  /** Why it was cancelled (null when scheduled, or cancelled without a reason). */
  readonly cancelReason: string | null;
}

export type OccasionStatus = 'scheduled' | 'cancelled';

export interface LogEntryRecord {
  readonly id: string;
  readonly at: string;
  /** `name` is the user's current name; null for `anonymous` or a deleted user. */
  readonly actor: { readonly id: string; readonly name: string | null; readonly role: ActorRole };
  readonly command: string;
  readonly outcome: CommandOutcome;
  /** The reason as it was worded for the actor (their language then); see `logEntryReason` for the reader's. */
  readonly reason: string | null;
  /** The reason as a catalogue message, `{key, params}`; null for entries recorded before there was one, or without a reason. */
  readonly reasonMessage: StoredMessage | null;
  /** Ids of the domain events the command appended. */
  readonly events: string[];
}
