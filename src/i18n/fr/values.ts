import type { TextField } from '../../domain/values/fields.js';
import type { IdNoun } from '../../projections/read-problems.js';
import type { values as english } from '../en/values.js';
import type { Wordings } from '../wordings.js';

/** Each record named by id, with what French needs around it: « d’un client », « aucun client », « 2 clients ». */
const NOUNS: Readonly<Record<IdNoun, { readonly of: string; readonly none: string; readonly other: string }>> = {
  user: { of: 'd’utilisateur', none: 'aucun utilisateur', other: 'utilisateurs' },
  client: { of: 'de client', none: 'aucun client', other: 'clients' },
  contract: { of: 'de contrat', none: 'aucun contrat', other: 'contrats' },
  event: { of: 'd’événement', none: 'aucun événement', other: 'événements' },
  logEntry: { of: 'd’entrée du journal', none: 'aucune entrée du journal', other: 'entrées du journal' },
};

/** The text fields, with their article and agreement. */
const TEXT: Readonly<Record<TextField, { readonly empty: string; readonly tooLong: string; readonly control: string }>> = {
  company: {
    empty: 'l’entreprise ne doit pas être vide',
    tooLong: 'le nom de l’entreprise est trop long',
    control: 'le nom de l’entreprise contient des caractères de contrôle',
  },
  location: {
    empty: 'le lieu ne doit pas être vide',
    tooLong: 'le lieu est trop long',
    control: 'le lieu contient des caractères de contrôle',
  },
  notes: {
    empty: 'les notes ne doivent pas être vides',
    tooLong: 'les notes sont trop longues',
    control: 'les notes contiennent des caractères de contrôle',
  },
  reason: {
    empty: 'le motif ne doit pas être vide',
    tooLong: 'le motif est trop long',
    control: 'le motif contient des caractères de contrôle',
  },
};

const AMOUNTS = { total: 'le total', remaining: 'le reste à payer', amount: 'le montant' } as const;

export const values = {
  'values.amount.invalid': ({ field, input }, f) =>
    `${field} doit être un montant d’au plus deux décimales, comme 1500, 1 500,50 ou 1500.50 (valeur reçue : ${f.quote(input)})`,
  'values.dateTime.invalid': ({ field, input }, f) =>
    `${field} doit être une date et une heure, comme 04/06/2026 13:00 ou 2026-06-04T13:00 (ISO 8601) (valeur reçue : ${f.quote(input)})`,
  'values.instant.invalid': ({ field, input }, f) => `${field} doit être une date et une heure ISO 8601 (valeur reçue : ${f.quote(input)})`,
  'values.limit.invalid': ({ limit }) => `la limite doit être un nombre entier positif ou nul (valeur reçue : ${limit})`,
  'values.email.invalid': 'adresse e-mail invalide',
  'values.phone.invalid':
    'numéro de téléphone invalide : des chiffres, avec si besoin un + au début, des espaces, des points ou des tirets (de 7 à 20 chiffres)',
  'values.text.empty': ({ field }) => TEXT[field].empty,
  'values.text.tooLong': ({ field, max }, f) => `${TEXT[field].tooLong} (${f.number(max)} caractères au plus)`,
  'values.text.control': ({ field }) => TEXT[field].control,
  'values.cents.notWhole': ({ field }) => `${AMOUNTS[field]} doit être un nombre entier de centimes`,
  'values.cents.negative': ({ field }) => `${AMOUNTS[field]} ne doit pas être négatif`,
  'values.id.tooShort': ({ noun, input, min }, f) =>
    `l’identifiant ${NOUNS[noun].of} ${f.quote(input)} est trop court : donnez au moins ${min} caractères`,
  'values.id.notFound': ({ noun, input }, f) => `${NOUNS[noun].none} n’a l’identifiant ${f.quote(input)}`,
  'values.id.notInLog': ({ noun, input }, f) => `${NOUNS[noun].none} n’a l’identifiant ${f.quote(input)} dans le journal`,
  'values.id.ambiguous': ({ noun, input, count }, f) =>
    `l’identifiant ${NOUNS[noun].of} ${f.quote(input)} est ambigu : ${count} ${NOUNS[noun].other} ont un identifiant qui commence ainsi ; donnez plus de caractères`,
} satisfies Wordings<typeof english>;
