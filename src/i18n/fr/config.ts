import type { PrivateFile, UrlPart, UrlProblem, UrlUsage } from '../../config/config-problems.js';
import type { config as english } from '../en/config.js';
import type { Wordings } from '../wordings.js';

const USAGE: Readonly<Record<UrlUsage, string>> = {
  mysql: 'l’URL MySQL doit avoir la forme mysql://user:pass@host:port/db',
  readDb: 'l’URL de la base de lecture doit être sqlite:<chemin> ou mysql://user:pass@host:port/db',
};

const PART: Readonly<Record<UrlPart, string>> = {
  user: 'le nom d’utilisateur',
  password: 'le mot de passe',
  database: 'le nom de la base',
};

const PROBLEM: Readonly<Record<UrlProblem, (part: UrlPart | undefined) => string>> = {
  unparsable: () => 'celle-ci est illisible',
  parameters: () => 'sans ?paramètres ni #fragment',
  noHost: () => 'l’hôte manque',
  noDatabase: () => 'nommez une base après l’hôte',
  badEscape: (part) => `${PART[part ?? 'user']} contient un échappement % mal formé`,
  emptySqlitePath: () => 'le chemin sqlite est vide',
};

/** Each private file, with its article and the pronoun that agrees with it. */
const FILE: Readonly<Record<PrivateFile, { readonly name: string; readonly it: string }>> = {
  secretKey: { name: 'la clé secrète', it: 'la' },
  auditKey: { name: 'la clé d’audit', it: 'la' },
  session: { name: 'le fichier de session', it: 'le' },
};

export const config = {
  'config.duration.invalid': ({ name, input }, f) => `${name} doit être une durée comme 8h, 30m ou 3600 (valeur reçue : ${f.quote(input)})`,
  'config.url.invalid': ({ usage, problem, part }) =>
    problem === undefined ? USAGE[usage] : `${USAGE[usage]} (${PROBLEM[problem](part)})`,
  'config.privateFile.exposed': ({ file, path, mode }) =>
    `refus d’utiliser ${FILE[file].name} ${path} : son mode est ${mode}, d’autres peuvent ${FILE[file].it} lire ; lancez chmod 600 ${path}`,
} satisfies Wordings<typeof english>;
