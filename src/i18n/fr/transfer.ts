import type { WriteProblem } from '../../export/export-problems.js';
import type { ClientField, CsvProblem, ReadProblem } from '../../import/import-problems.js';
import type { transfer as english } from '../en/transfer.js';
import type { Wordings } from '../wordings.js';

const CSV: Readonly<Record<CsvProblem, string>> = {
  unclosedQuote: 'un champ entre guillemets n’est jamais fermé (il manque le guillemet fermant)',
  textAfterQuote: 'du texte suit un guillemet fermant (mettez tout le champ entre guillemets et doublez ceux qu’il contient)',
  quoteInUnquoted: 'un guillemet dans un champ sans guillemets (mettez tout le champ entre guillemets et doublez ceux qu’il contient)',
};

const READ: Readonly<Record<ReadProblem, string>> = {
  missing: 'fichier introuvable',
  denied: 'permission refusée',
  folder: 'c’est un dossier',
};
const WRITE: Readonly<Record<WriteProblem, string>> = { denied: 'permission refusée', noFolder: 'dossier introuvable' };

/** The client's fields, with the article the sentence needs. */
const FIELDS: Readonly<Record<ClientField, { readonly the: string; readonly column: string }>> = {
  name: { the: 'le nom', column: 'nom' },
  email: { the: 'l’e-mail', column: 'e-mail' },
  phone: { the: 'le téléphone', column: 'téléphone' },
  company: { the: 'l’entreprise', column: 'entreprise' },
  commercial: { the: 'le commercial', column: 'commercial' },
};

export const transfer = {
  'transfer.notUtf8': 'le fichier n’est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » depuis le tableur',
  'transfer.cannotRead': ({ file, problem, code }) => `impossible de lire ${file} : ${problem === null ? code : READ[problem]}`,
  'transfer.cannotWrite': ({ file, problem, code }) => `impossible d’écrire ${file} : ${problem === null ? code : WRITE[problem]}`,
  'transfer.emptyFile': 'le fichier est vide : une ligne d’en-tête est attendue (nom_complet, email, telephone, entreprise, commercial)',
  'transfer.headerProblem': ({ line, problem }) => `ligne d’en-tête (ligne ${line}) : ${CSV[problem]}`,
  'transfer.csvProblem': ({ problem }) => CSV[problem],
  'transfer.tooManyCells': ({ cells, expected }) =>
    `${cells} cellules alors que l’en-tête en a ${expected} (un séparateur hors guillemets dans une valeur ?)`,
  'transfer.duplicateColumn': ({ first, second, field }, f) =>
    `les colonnes ${f.quote(first)} et ${f.quote(second)} donnent toutes deux ${FIELDS[field].the} du client : gardez-en une`,
  'transfer.missingColumns': ({ missing, found }, f) =>
    `la ligne d’en-tête n’a pas de colonne ${missing.map((field) => FIELDS[field].column).join(' ni de colonne ')} (trouvé : ${found.map((cell) => f.quote(cell)).join(', ')}) ; attendu : nom_complet/name, email, telephone/phone, entreprise/company, commercial`,
  'transfer.emailShared': ({ count, clientIds }) =>
    `${count} clients ont déjà cette adresse e-mail (${clientIds.join(', ')}) : modifiez-les un par un`,
  'transfer.commercialNeeded':
    'un nouveau client a besoin d’un commercial : l’adresse e-mail d’un utilisateur commercial dans la colonne commercial',
  'transfer.commercialUnknown': 'aucun utilisateur n’a l’adresse e-mail donnée dans la colonne commercial',
  'transfer.unknownNoun': ({ input, nouns }, f) =>
    `impossible d’exporter ${f.quote(input)} : attendu ${nouns.slice(0, -1).join(', ')} ou ${nouns.at(-1) ?? ''}`,
  'transfer.unknownFormat': ({ input }, f) => `--format inconnu : ${f.quote(input)} ; attendu csv ou json`,
} satisfies Wordings<typeof english>;
