import type { ProjectionName } from '../../projections/projection-names.js';
import type { ReadDbProblem } from '../../projections/read-problems.js';
import type { readDb as english } from '../en/read-db.js';
import { keyed } from '../keyed.js';
import type { Wordings } from '../wordings.js';

const PROBLEM: Readonly<Record<ReadDbProblem, string>> = {
  refused: 'connexion refusée',
  reset: 'connexion réinitialisée',
  timeout: 'délai de connexion dépassé',
  unknownHost: 'hôte inconnu',
  lookupFailed: 'échec de la résolution du nom d’hôte',
  unreachable: 'hôte injoignable',
  networkUnreachable: 'réseau injoignable',
  lost: 'connexion perdue',
  noAnswer: 'le serveur n’a pas répondu à temps',
  credentials: 'accès refusé (vérifiez l’utilisateur et le mot de passe)',
  databaseDenied: 'accès à la base refusé',
  noDatabase: 'base inconnue',
  tooManyConnections: 'trop de connexions',
  hostBlocked: 'hôte bloqué par le serveur',
  hostNotAllowed: 'cet hôte n’a pas le droit de se connecter',
  shuttingDown: 'le serveur s’arrête',
  lockWait: 'délai d’attente d’un verrou dépassé',
};

/** What each projection is called in French (`epic projection rebuild` accepts these words too). */
const PROJECTION_NAMES: Readonly<Record<ProjectionName, string>> = {
  users: 'utilisateurs',
  clients: 'clients',
  contracts: 'contrats',
  occasions: 'événements',
  command_log: 'journal',
};

function nameOf(projection: string): string {
  return Object.hasOwn(PROJECTION_NAMES, projection) ? PROJECTION_NAMES[projection as ProjectionName] : projection;
}

export const readDb = {
  'readDb.unavailable': ({ display, problem, detail }) =>
    `base de lecture indisponible (${display}) : ${problem === null ? (detail ?? 'erreur inconnue') : PROBLEM[problem]}`,
  'readDb.rebuildInProgress': ({ projection, holder }, f) =>
    `la projection ${nameOf(projection)} est déjà en cours de reconstruction${holder === null ? '' : ` par le processus ${holder.pid} sur ${holder.host} depuis ${f.dateTime(holder.since)}`} : attendez la fin, puis réessayez`,
  'readDb.unknownProjection': ({ name, known }, f) =>
    `projection inconnue : ${f.quote(name)} (projections : ${known.map(nameOf).join(', ')})`,
  ...keyed('projection.name.', PROJECTION_NAMES),
} satisfies Wordings<typeof english>;
