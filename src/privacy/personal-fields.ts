/**
 * What is personal data of a client here (docs/privacy.md): the values that
 * name or reach the person, stored encrypted under that client's key
 * (envelope.ts) and made unreadable for good by `client forget`.
 *
 * Every account event type says which of its fields are personal, so a new
 * type makes the compiler ask. An occasion's notes are personal: they are the
 * free text a support or a commercial writes about the client's event, and in
 * practice name the client's people and how to reach them ("ask for Mrs X,
 * 06 …"), and so is the reason an occasion was cancelled (often the
 * client's own circumstances); its name, place and dates are business facts
 * and stay readable.
 */
import type { AccountEventType } from '../domain/accounts/account-events.js';

export const PERSONAL_EVENT_FIELDS: Readonly<Record<AccountEventType, readonly string[]>> = {
  ClientCreated: ['name', 'email', 'phone', 'company'],
  ClientUpdated: ['name', 'email', 'phone', 'company'],
  ClientReassigned: [],
  ClientDeleted: [],
  ClientForgotten: [],
  ContractCreated: [],
  ContractAmended: [],
  ContractSigned: [],
  PaymentRecorded: [],
  RefundRecorded: [],
  ContractDeleted: [],
  OccasionScheduled: ['notes'],
  OccasionUpdated: ['notes'],
  SupportAssigned: [],
  SupportUnassigned: [],
  OccasionCancelled: ['reason'],
};

/** The personal fields of an event of `type` (none for a type that is not an account event). */
export function personalFieldsOf(type: string): readonly string[] {
  return (PERSONAL_EVENT_FIELDS as Readonly<Record<string, readonly string[]>>)[type] ?? [];
}

/**
 * The options of the commands whose recorded arguments (the command log)
 * carry a client's personal values. Those values are stored encrypted under
 * the client's key; when the command names no client (a refused `client
 * create`), they are not kept at all (WITHHELD).
 */
export const PERSONAL_ARGS: Readonly<Record<string, readonly string[]>> = {
  'client create': ['name', 'email', 'phone', 'company'],
  'client edit': ['name', 'email', 'phone', 'company'],
  'client list': ['search'],
  'event create': ['notes'],
  'event edit': ['notes'],
  'event cancel': ['reason'],
};

/** What a reader sees in place of a personal value whose client was forgotten. */
export const ERASED = '[erased]';

/** What the command log keeps in place of a personal value of a command that named no client. */
export const WITHHELD = '[withheld]';
