import type { Format } from '../format.js';

/** The options every list takes (`--limit N`, `--sort <field>`: src/cli/list-options.ts). */
export const lists = {
  'lists.limit.invalid': ({ got }: { got: string }): string => `--limit must be a whole number of 1 or more (got ${JSON.stringify(got)})`,
  'lists.sort.unknown': ({ got, allowed }: { got: string; allowed: readonly string[] }, f: Format): string =>
    `--sort cannot sort by ${JSON.stringify(got)}: give one of ${f.alternatives(allowed)} (with a - in front for descending, as in --sort -${allowed[0] ?? 'name'})`,
};
