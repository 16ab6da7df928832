import type { ProjectionName } from '../../projections/projection-names.js';
import type { ReadDbProblem } from '../../projections/read-problems.js';
import type { Format } from '../format.js';
import { keyed } from '../keyed.js';

const PROBLEM: Readonly<Record<ReadDbProblem, string>> = {
  refused: 'connection refused',
  reset: 'connection reset',
  timeout: 'connection timed out',
  unknownHost: 'unknown host',
  lookupFailed: 'host name lookup failed',
  unreachable: 'host unreachable',
  networkUnreachable: 'network unreachable',
  lost: 'connection lost',
  noAnswer: 'server did not answer in time',
  credentials: 'access denied (check user and password)',
  databaseDenied: 'access to the database denied',
  noDatabase: 'unknown database',
  tooManyConnections: 'too many connections',
  hostBlocked: 'host blocked by the server',
  hostNotAllowed: 'host not allowed to connect',
  shuttingDown: 'server shutting down',
  lockWait: 'lock wait timed out',
};

/** What each projection is called where a person reads it (`epic projection status`): the CLI's words, not the code's. */
export const PROJECTION_NAMES: Readonly<Record<ProjectionName, string>> = {
  users: 'users',
  clients: 'clients',
  contracts: 'contracts',
  occasions: 'events',
  command_log: 'log',
};

/** A projection's user-facing name; a name the product does not define (a test's) as it is. */
function nameOf(projection: string): string {
  return Object.hasOwn(PROJECTION_NAMES, projection) ? PROJECTION_NAMES[projection as ProjectionName] : projection;
}

/** The read database and its projections. */
export const readDb = {
  /** `detail`: the driver's own words (SQLite, the file system), when the failure is not one named here. */
  'readDb.unavailable': ({ display, problem, detail }: { display: string; problem: ReadDbProblem | null; detail: string | null }): string =>
    `read database unavailable (${display}): ${problem === null ? (detail ?? 'unknown error') : PROBLEM[problem]}`,
  'readDb.rebuildInProgress': (
    { projection, holder }: { projection: string; holder: { pid: number; host: string; since: string } | null },
    f: Format,
  ): string =>
    `projection ${nameOf(projection)} is already being rebuilt${holder === null ? '' : ` by pid ${holder.pid} on ${holder.host} since ${f.dateTime(holder.since)}`}: wait for it to finish, then try again`,
  'readDb.unknownProjection': ({ name, known }: { name: string; known: readonly string[] }): string =>
    `unknown projection ${JSON.stringify(name)}: expected one of ${known.map(nameOf).join(', ')}`,
  ...keyed('projection.name.', PROJECTION_NAMES),
};
