import type { AmountField, TextField } from '../../domain/values/fields.js';
import type { IdNoun } from '../../projections/read-problems.js';

/** The record names of id messages: "client id", "2 clients". */
export const NOUNS: Readonly<Record<IdNoun, { readonly one: string; readonly other: string }>> = {
  user: { one: 'user', other: 'users' },
  client: { one: 'client', other: 'clients' },
  contract: { one: 'contract', other: 'contracts' },
  event: { one: 'event', other: 'events' },
  logEntry: { one: 'log entry', other: 'log entries' },
};

/** Amounts, date-times, contact details, free text and ids as they are typed: what is wrong with one. */
export const values = {
  'values.amount.invalid': ({ field, input }: { field: string; input: string }): string =>
    `${field} must be an amount with at most two decimals, like 1500, 1500.50 or 1 500,50 (got ${JSON.stringify(input)})`,
  'values.dateTime.invalid': ({ field, input }: { field: string; input: string }): string =>
    `${field} must be an ISO 8601 date-time like 2026-06-04T13:00 (got ${JSON.stringify(input)})`,
  'values.instant.invalid': ({ field, input }: { field: string; input: string }): string =>
    `${field} must be an ISO 8601 date-time, got ${JSON.stringify(input)}`,
  'values.limit.invalid': ({ limit }: { limit: number }): string => `limit must be a whole number of 0 or more (got ${limit})`,
  'values.email.invalid': 'invalid email address',
  'values.phone.invalid': 'invalid phone number: digits with optional +, spaces, dots, dashes (7-20 digits)',
  'values.text.empty': ({ field }: { field: TextField }): string => `${field} must not be empty`,
  'values.text.tooLong': ({ field, max }: { field: TextField; max: number }): string => `${field} is too long (at most ${max} characters)`,
  'values.text.control': ({ field }: { field: TextField }): string => `${field} contains control characters`,
  'values.cents.notWhole': ({ field }: { field: AmountField }): string => `${field} must be a whole number of cents`,
  'values.cents.negative': ({ field }: { field: AmountField }): string => `${field} must not be negative`,
  'values.id.tooShort': ({ noun, input, min }: { noun: IdNoun; input: string; min: number }): string =>
    `${NOUNS[noun].one} id ${JSON.stringify(input)} is too short: give at least ${min} characters`,
  'values.id.notFound': ({ noun, input }: { noun: IdNoun; input: string }): string =>
    `no ${NOUNS[noun].one} with id ${JSON.stringify(input)}`,
  /** `epic history` looks deleted records up in the log itself. */
  'values.id.notInLog': ({ noun, input }: { noun: IdNoun; input: string }): string =>
    `no ${NOUNS[noun].one} with id ${JSON.stringify(input)} in the log`,
  'values.id.ambiguous': ({ noun, input, count }: { noun: IdNoun; input: string; count: number }): string =>
    `${NOUNS[noun].one} id ${JSON.stringify(input)} is ambiguous: ${count} ${NOUNS[noun].other} start with it; give more characters`,
};
