import type { Format } from '../format.js';

/** The options every list takes (`--limit N`, `--sort <field>`: src/cli/list-options.ts). */
export const lists = {
  'lists.limit.invalid': ({ got }: { got: string }): string => `--limit must be a whole number of 1 or more (got ${JSON.stringify(got)})`,
  'lists.sort.unknown': ({ got, allowed }: { got: string; allowed: readonly string[] }, f: Format): string =>
    `--sort cannot sort by ${JSON.stringify(got)}: give one of ${f.alternatives(allowed)} (with a - in front for descending, as in --sort -${allowed[0] ?? 'name'})`,

  'ph.field': 'field',
  'opt.--limit': 'at most this many (1 or more)',
  'opt.user list.--sort': 'order by name, email, role, createdAt or updatedAt (-field: descending)',
  'opt.client list.--sort': 'order by name, email, company, createdAt or updatedAt (-field: descending)',
  'opt.contract list.--sort': 'order by createdAt, updatedAt, totalAmount, remainingAmount or signed (-field: descending)',
  'opt.event list.--sort': 'order by start, end, name, attendees, createdAt or updatedAt (-field: descending)',
  'opt.log.--sort': 'order by at, command or outcome (-field: descending); newest first otherwise',
  'opt.contract list.--commercial': 'only the contracts of this commercial’s clients: their email or id',
  'opt.event list.--from': 'only events starting at or after this date-time',
  'opt.event list.--to': 'only events starting at or before this date-time',
};
