/**
 * The public view of one record (the JSON records of docs/cli.md, same
 * keys in the same order as the read side's), computed from folded state
 * instead of read tables: the history diffs these views before and after each
 * event, and `history --at` prints one. Names are taken from the user
 * directory handed in, folded up to the moment being shown.
 */
import type { AccountState } from '../domain/accounts/account-state.js';
import type { UsersState } from '../domain/users/users-state.js';
import { formatCents } from '../domain/values/money.js';
import type { ClientRecord, ContractRecord, OccasionRecord, UserRecord } from '../records.js';
import type { HistoryField, RecordKind, RecordView } from './history-vocabulary.js';

export type { HistoryField, RecordKind, RecordView } from './history-vocabulary.js';

/** A user's name in the directory as it stood (a user deleted later still had a name then). */
function nameOf(users: UsersState, id: string | null): string | null {
  if (id === null) return null;
  return users.users[id]?.name ?? null;
}

/** The user as the directory holds it; null before creation and once deleted. */
export function userView(users: UsersState, id: string): UserRecord | null {
  const user = users.users[id];
  if (!user || user.deleted) return null;
  // The login lock lives in the user's session stream, not in the directory: a history of the user does not show it.
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    disabled: user.disabled,
    lockedUntil: null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** The client of an account; null before creation and once deleted; erased once forgotten. */
export function clientView(account: AccountState, users: UsersState): ClientRecord | null {
  const client = account.client;
  if (!client || (account.status !== 'active' && account.status !== 'forgotten')) return null;
  const erased = account.status === 'forgotten';
  return {
    id: client.id,
    name: client.name,
    email: erased ? null : client.email,
    phone: client.phone,
    company: client.company,
    commercialId: client.commercialId,
    commercialName: nameOf(users, client.commercialId),
    erased,
    createdAt: client.createdAt,
    updatedAt: client.updatedAt,
  };
}

/** A contract with its client's name and commercial (a reassignment of the client changes them). */
export function contractView(account: AccountState, users: UsersState, id: string): ContractRecord | null {
  const contract = account.contracts[id];
  const client = account.client;
  if (!contract || !client) return null;
  return {
    id: contract.id,
    clientId: contract.clientId,
    clientName: client.name,
    commercialId: client.commercialId,
    commercialName: nameOf(users, client.commercialId),
    totalAmount: formatCents(contract.totalCents),
    remainingAmount: formatCents(contract.remainingCents),
    signed: contract.signed,
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
  };
}

/** The CLI's "event" record: an occasion with its client's name and contact, and its support. */
export function occasionView(account: AccountState, users: UsersState, id: string): OccasionRecord | null {
  const occasion = account.occasions[id];
  const client = account.client;
  if (!occasion || !client) return null;
  return {
    id: occasion.id,
    name: occasion.name,
    contractId: occasion.contractId,
    clientId: client.id,
    clientName: client.name,
    clientContact: { email: client.email, phone: client.phone },
    supportId: occasion.supportId,
    supportName: nameOf(users, occasion.supportId),
    start: occasion.start,
    end: occasion.end,
    location: occasion.location,
    attendees: occasion.attendees,
    notes: occasion.notes,
    createdAt: occasion.createdAt,
    updatedAt: occasion.updatedAt,
    status: occasion.cancellation === null ? 'scheduled' : 'cancelled',
    cancelReason: occasion.cancellation?.reason ?? null,
  };
}

/** The view of one record of a client account. */
export function accountRecordView(
  kind: Exclude<RecordKind, 'user'>,
  account: AccountState,
  users: UsersState,
  id: string,
): RecordView | null {
  switch (kind) {
    case 'client':
      return clientView(account, users);
    case 'contract':
      return contractView(account, users, id);
    case 'event':
      return occasionView(account, users, id);
  }
}

export type FieldValue = string | number | boolean | null | { readonly [key: string]: string | null };

export interface FieldChange {
  readonly from: FieldValue;
  readonly to: FieldValue;
}

/** The fields one event changed, in the record's key order. */
export type FieldChanges = { readonly [F in HistoryField]?: FieldChange };

/**
 * The fields that differ between two views of the same record, in the
 * record's key order. A record coming into existence changes every field from
 * null; one disappearing (deleted) changes every field to null.
 */
export function diffViews(before: RecordView | null, after: RecordView | null): FieldChanges {
  const changes: { [F in HistoryField]?: FieldChange } = {};
  const from = (before ?? {}) as Readonly<Partial<Record<HistoryField, FieldValue>>>;
  const to = (after ?? {}) as Readonly<Partial<Record<HistoryField, FieldValue>>>;
  // The views' own keys: fields of the records.
  const keys = [...new Set([...Object.keys(to), ...Object.keys(from)])] as HistoryField[];
  for (const key of keys) {
    const a = from[key] ?? null;
    const b = to[key] ?? null;
    if (!sameValue(a, b)) changes[key] = { from: a, to: b };
  }
  return changes;
}

/** Equal as JSON: primitives compared directly, the only nested value (a contact) through its text. */
function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
