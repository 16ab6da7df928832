import type { lists as english } from '../en/lists.js';
import type { Wordings } from '../wordings.js';

export const lists = {
  'lists.limit.invalid': ({ got }, f) => `--limit doit être un nombre entier supérieur ou égal à 1 (reçu\u00a0: ${f.quote(got)})`,
  'lists.sort.unknown': ({ got, allowed }, f) =>
    `--sort ne sait pas trier par ${f.quote(got)}\u00a0: choisissez ${f.alternatives(allowed)} (précédé d’un - pour l’ordre décroissant, comme dans --sort -${allowed[0] ?? 'name'})`,
  'ph.field': 'champ',
  'opt.--limit': 'au plus ce nombre (1 ou plus)',
  'opt.user list.--sort': 'trier par name, email, role, createdAt ou updatedAt (-champ\u00a0: ordre décroissant)',
  'opt.client list.--sort': 'trier par name, email, company, createdAt ou updatedAt (-champ\u00a0: ordre décroissant)',
  'opt.contract list.--sort': 'trier par createdAt, updatedAt, totalAmount, remainingAmount ou signed (-champ\u00a0: ordre décroissant)',
  'opt.event list.--sort': 'trier par start, end, name, attendees, createdAt ou updatedAt (-champ\u00a0: ordre décroissant)',
  'opt.log.--sort': 'trier par at, command ou outcome (-champ\u00a0: ordre décroissant)\u00a0; les plus récentes d’abord sinon',
  'opt.contract list.--commercial': 'seulement les contrats des clients de ce commercial\u00a0: son e-mail ou son id',
  'opt.event list.--from': 'seulement les événements qui commencent à cette date ou après',
  'opt.event list.--to': 'seulement les événements qui commencent à cette date ou avant',
} satisfies Wordings<typeof english>;
