import type { lists as english } from '../en/lists.js';
import type { Wordings } from '../wordings.js';

export const lists = {
  'lists.limit.invalid': ({ got }, f) => `--limit doit être un nombre entier supérieur ou égal à 1 (reçu\u00a0: ${f.quote(got)})`,
  'lists.sort.unknown': ({ got, allowed }, f) =>
    `--sort ne sait pas trier par ${f.quote(got)}\u00a0: choisissez ${f.alternatives(allowed)} (précédé d’un - pour l’ordre décroissant, comme dans --sort -${allowed[0] ?? 'name'})`,
} satisfies Wordings<typeof english>;
