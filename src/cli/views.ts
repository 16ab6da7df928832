/**
 * Records as a person reads them (`client view`, `event view`...): labelled
 * fields in the reader's language, people and linked records by name with
 * their id, nested values (an event's client contact) as fields of their own.
 * `--json` prints the records themselves (src/records.ts), never these.
 */
import type { ClientRecord, ContractRecord, OccasionRecord, UserRecord } from '../records.js';
import type { Field } from './output.js';
import { t } from './say.js';

/** `Bob Seller (k3f9x2qa7m)`; the id alone when the name is gone (a deleted user). */
export function named(name: string | null, id: string | null): string | null {
  if (id === null) return null;
  return name === null ? id : `${name} (${id})`;
}

export function yesNo(value: boolean): string {
  return value ? t('cli.yes') : t('cli.no');
}

export function userFields(user: Omit<UserRecord, 'role'> & { role: string }): Field[] {
  return [
    [t('cli.field.id'), user.id],
    [t('cli.field.name'), user.name],
    [t('cli.field.email'), user.email],
    [t('cli.field.role'), user.role],
    [t('cli.field.createdAt'), user.createdAt],
    [t('cli.field.updatedAt'), user.updatedAt],
  ];
}

export function clientFields(client: ClientRecord): Field[] {
  return [
    [t('cli.field.id'), client.id],
    [t('cli.field.name'), client.name],
    [t('cli.field.email'), client.email],
    [t('cli.field.phone'), client.phone],
    [t('cli.field.company'), client.company],
    [t('cli.field.commercial'), named(client.commercialName, client.commercialId)],
    [t('cli.field.createdAt'), client.createdAt],
    [t('cli.field.updatedAt'), client.updatedAt],
  ];
}

export function contractFields(contract: ContractRecord): Field[] {
  return [
    [t('cli.field.id'), contract.id],
    [t('cli.field.client'), named(contract.clientName, contract.clientId)],
    [t('cli.field.commercial'), named(contract.commercialName, contract.commercialId)],
    [t('cli.field.total'), contract.totalAmount],
    [t('cli.field.remaining'), contract.remainingAmount],
    [t('cli.field.signed'), yesNo(contract.signed)],
    [t('cli.field.createdAt'), contract.createdAt],
    [t('cli.field.updatedAt'), contract.updatedAt],
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
        [t('cli.field.phone'), event.clientContact.phone],
      ],
    ],
    [t('cli.field.support'), named(event.supportName, event.supportId) ?? t('cli.unassigned')],
    [t('cli.field.start'), event.start],
    [t('cli.field.end'), event.end],
    [t('cli.field.location'), event.location],
    [t('cli.field.attendees'), event.attendees],
    [t('cli.field.notes'), event.notes],
    [t('cli.field.createdAt'), event.createdAt],
    [t('cli.field.updatedAt'), event.updatedAt],
  ];
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An instant in a table cell: `2026-06-04 13:00`, local time (TZ), to the
 * minute. The full ISO 8601 UTC form (24 characters) would take a third of
 * an 80-column terminal; views and `--json` keep it.
 */
export function tableDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
