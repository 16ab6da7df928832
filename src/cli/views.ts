/**
 * Records as a person reads them (`client view`, `event view`...): labelled
 * fields in the reader's language, people and linked records by name with
 * their id, nested values (an event's client contact) as fields of their own.
 * `--json` prints the records themselves (src/records.ts), never these.
 */

import { currentFormat } from '../i18n/translator.js';
import type { ClientRecord, ContractRecord, OccasionRecord, UserRecord } from '../records.js';
import type { Field } from './output.js';
import { readableAmount, readableDateTime, readablePhone, readableSigned, readableWhen } from './readable.js';
import { t } from './say.js';

/** `Bob Seller (k3f9x2qa7m)`; the id alone when the name is gone (a deleted user). */
export function named(name: string | null, id: string | null): string | null {
  if (id === null) return null;
  return name === null ? id : `${name} (${id})`;
}

export function userFields(user: Omit<UserRecord, 'role'> & { role: string }): Field[] {
  return [
    [t('cli.field.id'), user.id],
    [t('cli.field.name'), user.name],
    [t('cli.field.email'), user.email],
    [t('cli.field.role'), user.role],
    [t('cli.field.disabled'), t(user.disabled ? 'cli.yes' : 'cli.no')],
    [t('cli.field.lockedUntil'), user.lockedUntil === null ? null : readableDateTime(user.lockedUntil)],
    [t('cli.field.createdAt'), readableDateTime(user.createdAt)],
    [t('cli.field.updatedAt'), readableDateTime(user.updatedAt)],
  ];
}

export function clientFields(client: ClientRecord): Field[] {
  return [
    [t('cli.field.id'), client.id],
    [t('cli.field.name'), client.name],
    [t('cli.field.email'), client.email],
    [t('cli.field.phone'), readablePhone(client.phone)],
    [t('cli.field.company'), client.company],
    [t('cli.field.commercial'), named(client.commercialName, client.commercialId)],
    [t('cli.field.createdAt'), readableDateTime(client.createdAt)],
    [t('cli.field.updatedAt'), readableDateTime(client.updatedAt)],
  ];
}

export function contractFields(contract: ContractRecord): Field[] {
  return [
    [t('cli.field.id'), contract.id],
    [t('cli.field.client'), named(contract.clientName, contract.clientId)],
    [t('cli.field.commercial'), named(contract.commercialName, contract.commercialId)],
    [t('cli.field.total'), readableAmount(contract.totalAmount)],
    [t('cli.field.remaining'), readableAmount(contract.remainingAmount)],
    [t('cli.field.signed'), readableSigned(contract.signed)],
    [t('cli.field.createdAt'), readableDateTime(contract.createdAt)],
    [t('cli.field.updatedAt'), readableDateTime(contract.updatedAt)],
  ];
}

export function eventFields(event: OccasionRecord): Field[] {
  return [
    [t('cli.field.id'), event.id],
    [t('cli.field.name'), event.name],
    [t('cli.field.contract'), event.contractId],
    [t('cli.field.client'), named(event.clientName, event.clientId)],
    [
      t('cli.field.clientContact'),
      [
        [t('cli.field.email'), event.clientContact.email],
        [t('cli.field.phone'), readablePhone(event.clientContact.phone)],
      ],
    ],
    [t('cli.field.support'), named(event.supportName, event.supportId) ?? t('cli.unassigned')],
    [t('cli.field.start'), readableWhen(event.start)],
    [t('cli.field.end'), readableDateTime(event.end)],
    [t('cli.field.location'), event.location],
    [t('cli.field.attendees'), event.attendees],
    [t('cli.field.notes'), event.notes],
    [t('cli.field.status'), t(event.status === 'cancelled' ? 'cli.status.cancelled' : 'cli.status.scheduled')],
    ...(event.status === 'cancelled' ? ([[t('cli.field.cancelReason'), event.cancelReason]] as Field[]) : []),
    [t('cli.field.createdAt'), readableDateTime(event.createdAt)],
    [t('cli.field.updatedAt'), readableDateTime(event.updatedAt)],
  ];
}

/**
 * An instant in a table cell, as the reader's language writes it, in the
 * local time zone (TZ), to the minute: `mer. 10 mars 2027, 11:00`.
 */
export function tableDateTime(iso: string | null): string | null {
  return readableDateTime(iso);
}

/**
 * An instant as it can be typed back (a prompt's default answer): local
 * time (TZ), to the minute, `2026-06-04 13:00`, which every locale accepts.
 */
export function typedDateTime(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const { timeZone } = currentFormat();
  // Swedish writes a date-time as ISO 8601 does: `2026-06-04 13:00`.
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone !== undefined && { timeZone }),
  }).format(new Date(iso));
}
