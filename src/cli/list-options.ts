import { truncate } from '../domain/values/money.js';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { type Listing, SORT_FIELDS, type Sort, type SortField } from '../projections/queries/sort-fields.js';

/** `--limit N`: a whole number of rows, 1 or more, in plain digits. */
export function parseLimit(input: string): number {
  const text = input.trim();
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new InvalidInput(msg('lists.limit.invalid', { got: truncate(input) }));
  return Number(text);
}

/** `--sort field` or `--sort -field` (descending), `field` one of the listing's (sort-fields.ts). */
export function parseSort<L extends Listing>(listing: L, input: string): Sort<SortField<L>> {
  const text = input.trim();
  const descending = text.startsWith('-');
  const name = descending ? text.slice(1) : text;
  const allowed: readonly string[] = SORT_FIELDS[listing];
  if (!allowed.includes(name)) throw new InvalidInput(msg('lists.sort.unknown', { got: truncate(input), allowed }));
  return { field: name as SortField<L>, descending };
}

/** Both options as a listing's query takes them (absent ones left out). */
export function listOptions<L extends Listing>(
  listing: L,
  options: { readonly limit: string | undefined; readonly sort: string | undefined },
): { limit?: number; sort?: Sort<SortField<L>> } {
  return {
    ...(options.limit !== undefined && { limit: parseLimit(options.limit) }),
    ...(options.sort !== undefined && { sort: parseSort(listing, options.sort) }),
  };
}
