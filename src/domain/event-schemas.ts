/**
 * The shape of every domain event's data, checked before an event is
 * appended (src/commands/new-events.ts): a decider fed a tampered read table
 * or a bug cannot put a `PaymentRecorded` without a contract, or with the id
 * `constructor`, into the log. One schema per type: `Record<type, …>` makes a
 * new event type a compile error here until its schema is written.
 */

import type { AccountEvent } from './accounts/account-events.js';
import type { ClientEmailEvent, EmailHoldersEvent } from './client-emails/client-email-directory.js';
import type { DomainEvent } from './decider.js';
import type { SessionEvent } from './sessions/session-events.js';
import type { HoldingEvent } from './users/holding-events.js';
import type { UserEvent } from './users/user-events.js';
import { isRole } from './values/roles.js';

/** The events deciders produce (the command log's entries are built, not decided: src/commands/command-log.ts). */
type DecidedEvent = AccountEvent | UserEvent | SessionEvent | ClientEmailEvent | EmailHoldersEvent | HoldingEvent;

/** What a field may hold. */
type FieldKind = 'id' | 'sessionId' | 'text' | 'nullableText' | 'cents' | 'count' | 'boolean' | 'instant' | 'role' | 'nullableId';

interface Schema {
  readonly required: Readonly<Record<string, FieldKind>>;
  readonly optional?: Readonly<Record<string, FieldKind>>;
}

/**
 * A record id: lower-case letters and digits, 4 to 64 characters (the CLI
 * makes 10 of ids.ts's alphabet; older logs and imports hold others of this
 * form), and never the name of a member of Object.prototype (`constructor`).
 */
const RECORD_ID_FORMAT = /^[0-9a-z]{4,64}$/;
const isRecordId = (value: unknown): boolean => typeof value === 'string' && RECORD_ID_FORMAT.test(value) && !(value in Object.prototype);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const FIELD_CHECKS: Readonly<Record<FieldKind, (value: unknown) => boolean>> = {
  id: isRecordId,
  nullableId: (v) => v === null || isRecordId(v),
  sessionId: isRecordId,
  text: (v) => typeof v === 'string',
  nullableText: (v) => v === null || typeof v === 'string',
  cents: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  count: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  boolean: (v) => typeof v === 'boolean',
  instant: (v) => typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
  role: (v) => typeof v === 'string' && isRole(v),
};

const occasionFields = {
  name: 'text',
  start: 'instant',
  end: 'instant',
  location: 'text',
  attendees: 'count',
  notes: 'nullableText',
} as const satisfies Record<string, FieldKind>;

const SCHEMAS: Readonly<Record<DecidedEvent['type'], Schema>> = {
  ClientCreated: {
    required: { clientId: 'id', name: 'text', email: 'text', phone: 'nullableText', company: 'nullableText', commercialId: 'id' },
  },
  ClientUpdated: {
    required: { clientId: 'id' },
    optional: { name: 'text', email: 'text', phone: 'nullableText', company: 'nullableText' },
  },
  ClientReassigned: { required: { clientId: 'id', commercialId: 'id' }, optional: { previousCommercialId: 'nullableId' } },
  ClientDeleted: { required: { clientId: 'id' } },
  ClientForgotten: { required: { clientId: 'id' } },
  ContractCreated: { required: { contractId: 'id', clientId: 'id', totalCents: 'cents', remainingCents: 'cents', signed: 'boolean' } },
  ContractAmended: { required: { contractId: 'id' }, optional: { totalCents: 'cents', remainingCents: 'cents' } },
  ContractSigned: { required: { contractId: 'id' } },
  PaymentRecorded: { required: { contractId: 'id', amountCents: 'cents' } },
  RefundRecorded: { required: { contractId: 'id', amountCents: 'cents' } },
  ContractDeleted: { required: { contractId: 'id' } },
  OccasionScheduled: { required: { occasionId: 'id', contractId: 'id', ...occasionFields } },
  OccasionUpdated: { required: { occasionId: 'id' }, optional: occasionFields },
  SupportAssigned: { required: { occasionId: 'id', supportId: 'id' } },
  SupportUnassigned: { required: { occasionId: 'id' } },
  OccasionCancelled: { required: { occasionId: 'id', reason: 'nullableText' } },
  UserCreated: { required: { userId: 'id', name: 'text', email: 'text', role: 'role' } },
  UserRenamed: { required: { userId: 'id', name: 'text' } },
  UserEmailChanged: { required: { userId: 'id', email: 'text' } },
  UserRoleChanged: { required: { userId: 'id', role: 'role' } },
  UserPasswordChanged: { required: { userId: 'id' } },
  UserDeleted: { required: { userId: 'id' } },
  UserDisabled: { required: { userId: 'id' } },
  UserEnabled: { required: { userId: 'id' } },
  SessionOpened: { required: { userId: 'id', sessionId: 'sessionId', expiresAt: 'instant' } },
  SessionClosed: { required: { userId: 'id', sessionId: 'sessionId' } },
  HoldingTaken: { required: { userId: 'id', clientId: 'id', occasionId: 'nullableId' } },
  LoginFailed: { required: { userId: 'id' } },
  LoginLockLifted: { required: { userId: 'id' } },
  ClientEmailClaimed: { required: { clientId: 'id', emailKey: 'text' } },
  ClientEmailReleased: { required: { clientId: 'id', emailKey: 'text' } },
  EmailHoldersOpened: { required: { holders: 'count' } },
};

/**
 * Where an event of a decided type breaks its schema (the field), or
 * undefined when it is whole. A type no decider produces has no schema here
 * and is not checked: the compiler keeps deciders to the types above, and
 * tools that write other types (fixtures of older logs) own their shape.
 */
export function schemaViolation(event: DomainEvent): string | undefined {
  if (!Object.hasOwn(SCHEMAS, event.type)) return undefined;
  const schema = SCHEMAS[event.type as DecidedEvent['type']];
  const data = event.data as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data';
  for (const [field, kind] of Object.entries(schema.required)) {
    if (!Object.hasOwn(data, field) || !FIELD_CHECKS[kind](data[field])) return field;
  }
  for (const field of Object.keys(data)) {
    if (Object.hasOwn(schema.required, field)) continue;
    const kind = schema.optional !== undefined && Object.hasOwn(schema.optional, field) ? schema.optional[field] : undefined;
    if (kind === undefined) return field;
    // An optional field left undefined is dropped by JSON: what is stored is the event without it.
    if (data[field] !== undefined && !FIELD_CHECKS[kind](data[field])) return field;
  }
  return undefined;
}
