/**
 * The fields each listing can be sorted by (`--sort <field>`, `--sort
 * -field` for descending): the JSON record's own names. Each query maps every
 * one of its fields to a column with a `Record<…SortField, …>`, so a field
 * added here does not compile until the query sorts by it. No Kysely here:
 * the CLI checks `--sort` before any query module loads.
 */
export const SORT_FIELDS = {
  user: ['name', 'email', 'role', 'createdAt', 'updatedAt'],
  client: ['name', 'email', 'company', 'createdAt', 'updatedAt'],
  contract: ['createdAt', 'updatedAt', 'totalAmount', 'remainingAmount', 'signed'],
  event: ['start', 'end', 'name', 'attendees', 'createdAt', 'updatedAt'],
  log: ['at', 'command', 'outcome'],
} as const;

export type Listing = keyof typeof SORT_FIELDS;
export type SortField<L extends Listing> = (typeof SORT_FIELDS)[L][number];

/** A listing's order: one field, ascending or descending, ties broken by id in the same direction. */
export interface Sort<F extends string> {
  readonly field: F;
  readonly descending: boolean;
}

export type UserSortField = SortField<'user'>;
export type ClientSortField = SortField<'client'>;
export type ContractSortField = SortField<'contract'>;
export type EventSortField = SortField<'event'>;
export type LogSortField = SortField<'log'>;

/** `asc` or `desc`, for an ORDER BY. */
export function direction(sort: Sort<string>): 'asc' | 'desc' {
  return sort.descending ? 'desc' : 'asc';
}
