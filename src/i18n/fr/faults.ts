import type { ConfigFile, ConfigFileProblem } from '../../config/config-problems.js';
import type { FsProblem } from '../../config/fs-problems.js';
import type { InstallationEvidence } from '../../events/store-problems.js';
import type { faults as english } from '../en/faults.js';
import type { Wordings } from '../wordings.js';

const EVIDENCE: Readonly<Record<InstallationEvidence, string>> = {
  secretKey: 'EPIC_HOME contient sa clé secrète',
  readTables: 'les tables de lecture contiennent ses événements',
};

const FILE: Readonly<Record<ConfigFile, string>> = {
  dotEnv: 'le fichier .env',
  secretKey: 'la clé secrète',
  auditKey: 'la clé d’audit',
  session: 'le fichier de session',
};

const PROBLEM: Readonly<Record<ConfigFileProblem, (maxBytes: number) => string>> = {
  isFolder: () => 'c’est un dossier, pas un fichier',
  notRegular: () => 'ce n’est pas un fichier ordinaire (un tube nommé, un périphérique ou une socket)',
  tooLarge: (maxBytes) => `il dépasse ${maxBytes} octets`,
  notFolder: () => 'une partie de son chemin n’est pas un dossier',
  denied: () => 'permission refusée',
  loop: () => 'trop de liens symboliques',
};

const FS: Readonly<Record<FsProblem, string>> = {
  full: 'plus d’espace libre sur le disque',
  readOnly: 'le système de fichiers est en lecture seule',
  ioError: 'erreur d’entrée-sortie',
  notFolder: 'une partie du chemin n’est pas un dossier',
  isFolder: 'c’est un dossier',
  denied: 'permission refusée',
  loop: 'trop de liens symboliques',
  nameTooLong: 'le nom est trop long',
};

export const faults = {
  'faults.configFile.unusable': ({ file, path, problem, maxBytes }) =>
    `impossible d’utiliser ${FILE[file]} ${path}\u00a0: ${PROBLEM[problem](maxBytes)}`,
  'faults.home.notFolder': ({ path }) =>
    `EPIC_HOME ${path} n’est pas un dossier\u00a0: faites pointer EPIC_HOME vers un dossier (ou supprimez le fichier)`,
  'faults.fs.failed': ({ path, problem, code }) => `impossible d’écrire ou de lire ${path ?? 'un fichier'}\u00a0: ${FS[problem]} (${code})`,
  'faults.sqlite.failed': ({ code, detail }) => `une base de données ne peut pas servir\u00a0: ${detail} (${code})`,
  'faults.readDb.rebuilt': ({ path, aside }) =>
    `avertissement\u00a0: la base de lecture ${path} était endommagée${aside === null ? '' : ` (mise de côté sous ${aside})`}\u00a0; ses tables ont été reconstruites à partir du journal des événements`,
  'faults.store.lost': ({ evidence }) =>
    `la base des événements est absente ou vide\u00a0: restaurez-la depuis une sauvegarde (${EVIDENCE[evidence]}\u00a0: cette installation existait, et aucun nouveau journal n’est commencé à sa place)`,
  'faults.event.malformed': ({ type, field }) =>
    `refus d’enregistrer un événement ${type} mal formé (son champ ${field} ne respecte pas le schéma de l’événement)\u00a0: rien n’a été modifié`,
  'faults.readDb.aheadOfLog': ({ names }) =>
    `avertissement\u00a0: les tables de lecture (${names.join(', ')}) contenaient des événements absents du journal (restauré depuis une sauvegarde plus ancienne\u00a0?)\u00a0; elles ont été reconstruites à partir du journal tel qu’il est`,
  'faults.projection.aheadOfLog': ({ head }) =>
    `en avance sur le journal (sa tête est ${head})\u00a0: restauré depuis une sauvegarde plus ancienne\u00a0? la prochaine commande la reconstruit`,
  'faults.readDb.tablesRebuilt': ({ names }) =>
    `avertissement\u00a0: les tables de lecture (${names.join(', ')}) étaient endommagées (une table ou une colonne disparue)\u00a0; elles ont été reconstruites à partir du journal des événements`,
  'faults.readDb.checkpointLost': ({ names }) =>
    `avertissement\u00a0: les tables de lecture (${names.join(', ')}) avaient perdu leur point de reprise\u00a0; elles ont été reconstruites à partir du journal des événements`,
  'faults.readDb.divergedFromLog': ({ names }) =>
    `avertissement\u00a0: le journal des événements diffère de celui qu’ont vu les tables de lecture (${names.join(', ')}) (restauré depuis une sauvegarde\u00a0?)\u00a0; elles ont été reconstruites à partir du journal tel qu’il est`,
  'faults.projection.divergedFromLog': ({ position }) =>
    `le journal diffère de celui qu’elle a vu (un autre événement en ${position})\u00a0: restauré depuis une sauvegarde\u00a0? la prochaine commande la reconstruit`,
} satisfies Wordings<typeof english>;
