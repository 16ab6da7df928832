import type { HistoryEventType, HistoryField, RecordKind } from '../../audit/history-vocabulary.js';
import type { ActorRole } from '../../events/event-store.js';
import type { Format } from '../format.js';
import { keyed } from '../keyed.js';

/** Each domain event a history shows, as a person names what happened. */
const EVENT_TYPES: Readonly<Record<HistoryEventType, string>> = {
  ClientCreated: 'client created',
  ClientUpdated: 'client updated',
  ClientReassigned: 'client reassigned',
  ClientDeleted: 'client deleted',
  ClientForgotten: 'client forgotten',
  ContractCreated: 'contract created',
  ContractAmended: 'contract amended',
  ContractSigned: 'contract signed',
  PaymentRecorded: 'payment recorded',
  RefundRecorded: 'refund recorded',
  ContractDeleted: 'contract deleted',
  OccasionScheduled: 'event scheduled',
  OccasionUpdated: 'event updated',
  SupportAssigned: 'support assigned',
  SupportUnassigned: 'support unassigned',
  OccasionCancelled: 'event cancelled',
  UserCreated: 'user created',
  UserRenamed: 'user renamed',
  UserEmailChanged: 'email changed',
  UserRoleChanged: 'role changed',
  UserPasswordChanged: 'password changed',
  UserDeleted: 'user deleted',
  UserDisabled: 'user disabled',
  UserEnabled: 'user enabled',
};

/** Each field of the records (docs/cli.md, "JSON records") as a label. */
const FIELDS: Readonly<Record<HistoryField, string>> = {
  id: 'id',
  name: 'name',
  email: 'email',
  role: 'role',
  phone: 'phone',
  company: 'company',
  commercialId: 'commercial id',
  commercialName: 'commercial',
  clientId: 'client id',
  clientName: 'client',
  clientContact: 'client contact',
  contractId: 'contract id',
  totalAmount: 'total amount',
  remainingAmount: 'remaining amount',
  signed: 'signed',
  erased: 'erased',
  supportId: 'support id',
  supportName: 'support',
  start: 'start',
  end: 'end',
  location: 'location',
  attendees: 'attendees',
  notes: 'notes',
  status: 'status',
  disabled: 'disabled',
  lockedUntil: 'locked until',
  cancelReason: 'reason for cancelling',
  createdAt: 'created',
  updatedAt: 'updated',
};

const RECORD_TYPES: Readonly<Record<RecordKind, string>> = { user: 'user', client: 'client', contract: 'contract', event: 'event' };

/** Who acted: the three roles are the company's own words; `system` acts when nobody is signed in. */
const ROLES: Readonly<Record<ActorRole, string>> = { gestion: 'gestion', commercial: 'commercial', support: 'support', system: 'system' };

/** `epic history`: finding a record in the log, and its timeline. */
export const audit = {
  'history.title': ({ kind, id, count }: { kind: RecordKind; id: string; count: number }, f: Format): string =>
    `${RECORD_TYPES[kind]} ${id}: ${count} ${f.plural(count, { one: 'change', other: 'changes' })}`,
  'history.empty': ({ kind, id }: { kind: RecordKind; id: string }): string => `${RECORD_TYPES[kind]} ${id}: no history`,
  'history.by': ({ name, role }: { name: string; role: ActorRole }): string => `by ${name} (${ROLES[role]})`,
  'history.value.signed': 'signed',
  'history.value.unsigned': 'not signed',
  ...keyed('history.eventType.', EVENT_TYPES),
  ...keyed('history.field.', FIELDS),
  ...keyed('history.recordType.', RECORD_TYPES),
  ...keyed('history.role.', ROLES),
};
