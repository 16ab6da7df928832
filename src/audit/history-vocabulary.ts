/**
 * What a record's history is made of, as types: the kinds of records, their
 * fields, and the domain events a history shows. The catalogue gives each
 * field and event type its wording (`history.field.*`, `history.eventType.*`)
 * from these unions, so a new field or event type without one does not compile.
 */
import type { AccountEventType } from '../domain/accounts/account-events.js';
import type { UserEventType } from '../domain/users/user-events.js';
import type { ClientRecord, ContractRecord, OccasionRecord, UserRecord } from '../records.js';

export type RecordKind = 'user' | 'client' | 'contract' | 'event';

export type RecordView = UserRecord | ClientRecord | ContractRecord | OccasionRecord;

/** Every member's keys, not only the shared ones (`keyof` of a union). */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** A field of any record a history shows. */
export type HistoryField = KeysOf<RecordView>;

/** The domain events a record's history shows. */
export type HistoryEventType = AccountEventType | UserEventType;
