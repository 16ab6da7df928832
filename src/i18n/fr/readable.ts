import type { readable as english } from '../en/readable.js';
import type { Wordings } from '../wordings.js';

export const readable = {
  'readable.withRelative': ({ at }, f) => `${f.dateTime(at)} (${f.relative(at)})`,
  'readable.signed': 'signé',
  'readable.unsigned': 'non signé',
  'values.amount.ambiguous': ({ field, input }, f) =>
    `${field} : ${f.quote(input)} est ambigu (trois chiffres après le séparateur) : écrivez 1500 ou 1 500 pour un montant entier, 1,50 ou 1.50 pour des décimales`,
  'export.delimiter.invalid': ({ input }, f) => `--delimiter doit être , ou ; ou tab (valeur reçue : ${f.quote(input)})`,
  'transfer.commercialTwice':
    'ce fichier a une colonne commercial : --commercial est pour les fichiers qui n’en ont pas (retirez l’option, ou la colonne)',
  'cli.import.progressUnit': 'lignes',
  'cli.progress.events': 'événements',
  'cli.progress.left': ({ time }) => `encore ${time}`,
  'cli.import.progressChecking': 'vérification',
  'cli.import.progressImporting': 'import',
} satisfies Wordings<typeof english>;
