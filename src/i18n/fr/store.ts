import type { MysqlProblem, StoreFileProblem, StoreLabel } from '../../events/store-problems.js';
import type { store as english } from '../en/store.js';
import type { Wordings } from '../wordings.js';

const LABEL: Readonly<Record<StoreLabel, string>> = {
  eventStore: 'la base des événements',
  credentialStore: 'la base des identifiants',
  keyStore: 'la base des clés',
};

const FILE: Readonly<Record<StoreFileProblem, string>> = {
  noFolder: 'son dossier n’existe pas',
  notFolder: 'une partie du chemin n’est pas un dossier',
  isFolder: 'c’est un dossier',
  denied: 'permission refusée',
  readOnlyFileSystem: 'le système de fichiers est en lecture seule',
};

type MysqlParams = Parameters<(typeof english)['store.mysql.unavailable']>[0];

/** A duration as French writes it: `5 000 ms`. */
const ms = (value: number) => `${new Intl.NumberFormat('fr-FR').format(value)} ms`;

const MYSQL: Readonly<Record<MysqlProblem, (p: MysqlParams) => string>> = {
  refused: () => 'connexion refusée (le serveur MySQL est-il démarré ?)',
  timeout: (p) => `pas de réponse en ${ms(p.connectTimeoutMs)}`,
  unknownHost: () => 'hôte inconnu',
  unreachable: () => 'hôte injoignable',
  lost: () => 'la connexion au serveur a été perdue ; réessayez',
  credentials: (p) => `le serveur a refusé les identifiants de l’utilisateur ${p.user}`,
  privileges: (p) => `l’utilisateur ${p.user} n’a pas les droits nécessaires sur la base ${p.database}`,
  hostRefused: () => 'le serveur refuse les connexions venant de cet hôte',
  noDatabase: (p) => `la base ${p.database} n’existe pas`,
  tooManyConnections: () => 'le serveur a trop de connexions',
  lockWait: (p) => `occupée (un autre processus a gardé le journal verrouillé plus de ${p.lockWaitTimeoutSeconds} s)`,
  deadlock: () => 'occupée (interblocage) ; réessayez',
  readOnly: () => 'le serveur est en lecture seule',
  full: () => 'le serveur n’a plus d’espace',
};

export const store = {
  'store.url.sqliteNoPath':
    'l’URL de la base des événements sqlite:<chemin> demande un chemin, par exemple sqlite:/home/moi/.local/share/epic-events/events.db',
  'store.url.unsupported': ({ scheme }, f) =>
    `URL de base des événements non prise en charge (${scheme === null ? 'sans schéma' : f.quote(`${scheme}:`)}) : utilisez sqlite:<chemin>, mysql://user:pass@host:port/db ou esdb://host:2113`,

  'store.eventRecorded': ({ eventId, streamId, version }) =>
    `l’événement ${eventId} est déjà enregistré (flux ${streamId}, version ${version})`,
  'store.eventInOtherStream': ({ eventId, streamId, otherStreamId }) =>
    `l’événement ${eventId} est déjà enregistré dans le flux ${otherStreamId}, et non ${streamId}`,
  'store.eventInOtherBatch': ({ eventId, streamId }) =>
    `l’événement ${eventId} est déjà enregistré dans le flux ${streamId}, au sein d’un autre lot`,
  'store.eventTwiceInBatch': ({ eventId }) => `l’événement ${eventId} figure deux fois dans un même lot`,
  'store.streamChanged': ({ streamId, expected, actual }) =>
    `le flux ${streamId} a changé entre-temps : version attendue ${expected}, version actuelle ${actual}`,
  'store.gaveUp': ({ streamId, attempts }) =>
    `le flux ${streamId} n’a cessé de changer entre-temps ; abandon après ${attempts} tentatives, réessayez`,

  'store.sqlite.busy': ({ label, path, ms: busy }) =>
    `${LABEL[label]} est occupée : un autre processus a gardé ${path} verrouillé plus de ${ms(busy)}`,
  'store.sqlite.busyCode': ({ label, path, code }) => `${LABEL[label]} (${path}) est occupée (${code}) ; réessayez`,
  'store.sqlite.cannotOpen': ({ label, path }) => `impossible d’ouvrir ${LABEL[label]} (${path})`,
  'store.sqlite.readOnly': ({ label, path }) => `${LABEL[label]} (${path}) est en lecture seule`,
  'store.sqlite.full': ({ label, path }) => `${LABEL[label]} (${path}) : le disque est plein`,
  'store.sqlite.ioError': ({ label, path, code }) => `${LABEL[label]} (${path}) : erreur d’entrée-sortie du disque (${code})`,
  'store.sqlite.notADatabase': ({ label, path, code }) => `${LABEL[label]} (${path}) n’est pas une base SQLite valide (${code})`,
  'store.sqlite.noWal': ({ label, path }) => `${LABEL[label]} (${path}) : le système de fichiers ne permet pas le mode WAL`,
  'store.sqlite.fileOpen': ({ label, path, problem, detail }) =>
    `impossible d’ouvrir ${LABEL[label]} (${path}) : ${problem === null ? (detail ?? 'erreur inconnue') : FILE[problem]}`,

  'store.mysql.unavailable': (p) => `${LABEL[p.label]} (${p.display}) : ${MYSQL[p.problem](p)}`,
  'store.mysql.identifierMalformed': ({ field }) => `${field} n’est pas de l’Unicode bien formé (un demi-codet isolé)`,
  'store.mysql.identifierTooLong': ({ field, max }) => `${field} dépasse ${max} caractères`,
  'store.mysql.schemaVersionInvalid': ({ index, type, value }) =>
    `événement ${index} (${type}) : schemaVersion doit être un entier de 32 bits positif ou nul (valeur reçue : ${value})`,

  'store.esdb.unavailable': ({ what, detail }) => `EventStoreDB est indisponible (${what}) : ${detail}`,
  'store.esdb.accessDenied': ({ what }) => `EventStoreDB a refusé l’accès (${what}) : vérifiez les identifiants de EPIC_EVENT_STORE`,
  'store.esdb.streamDeleted': ({ streamId, what }) => `le flux ${streamId} a été supprimé d’EventStoreDB (${what})`,
  'store.esdb.streamMissing': ({ streamId, what }) => `le flux ${streamId} n’existe pas dans EventStoreDB (${what})`,
  'store.esdb.streamChanged': ({ streamId, what }) => `le flux ${streamId} a changé entre-temps (${what})`,
  'store.esdb.invalidPosition': ({ what }) =>
    `${what} : cette position n’appartient pas au journal de cet EventStoreDB (un point de reprise venu d’une autre base ? reconstruisez les projections)`,
  'store.esdb.timeoutSetting': ({ input }, f) =>
    `EPIC_ESDB_TIMEOUT_MS doit être un nombre entier positif de millisecondes (valeur reçue : ${f.quote(input)})`,
  'store.esdb.connectionReset': ({ what }) => `la connexion à EventStoreDB a été réinitialisée pendant ${what}`,
  'store.esdb.timedOut': ({ ms: timeout, what }) =>
    `EventStoreDB n’a pas répondu en ${ms(timeout)} (${what}) ; EPIC_ESDB_TIMEOUT_MS fixe ce délai`,
  'store.esdb.userIdNeeded': 'il faut un identifiant d’utilisateur pour enregistrer l’empreinte d’un mot de passe',
  'store.esdb.idNotUuid': ({ index, type, id }, f) =>
    `événement ${index} (${type}) : EventStoreDB demande des identifiants UUID (valeur reçue : ${f.quote(id)})`,
  'store.esdb.typeReserved': ({ index, type }, f) => `événement ${index} : le type ${f.quote(type)} est vide ou réservé par EventStoreDB`,
  'store.esdb.streamReserved': ({ streamId }, f) =>
    `le nom de flux ${f.quote(streamId)} est vide ou réservé (les flux système commencent par $, les empreintes de mots de passe vivent dans credentials-*)`,
  'store.esdb.gaveUp': ({ streamId, attempts }) =>
    `le flux ${streamId} n’a cessé de changer entre-temps : ajout abandonné après ${attempts} tentatives`,
  'store.esdb.noPosition': ({ eventId, streamId, revision }) =>
    `EventStoreDB n’a pas donné la position dans le journal de l’événement ${eventId} (flux ${streamId}, révision ${revision}) : epic demande EventStoreDB 22.10 ou plus récent, et des événements écrits sans transaction explicite`,
  'store.esdb.foreignEvent': ({ eventId, streamId, revision }) =>
    `l’événement ${eventId} (flux ${streamId}, révision ${revision}) n’a pas été écrit par epic : ses données ou métadonnées ne sont pas celles qu’epic enregistre`,
  'store.esdb.missingLink': 'EventStoreDB a renvoyé un lien vers un événement manquant là où un événement était attendu',
  'store.esdb.subscriptionUnconfirmed': ({ what }) => `EventStoreDB a mis fin à l’abonnement avant de le confirmer (${what})`,
  'store.esdb.subscriptionEnded': ({ what }) =>
    `l’abonnement EventStoreDB a pris fin (${what}) : reprenez à la dernière position enregistrée`,
} satisfies Wordings<typeof english>;
