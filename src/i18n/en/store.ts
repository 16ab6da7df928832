import type { MysqlProblem, StoreFileProblem, StoreLabel } from '../../events/store-problems.js';

const LABEL: Readonly<Record<StoreLabel, string>> = {
  eventStore: 'event store',
  credentialStore: 'credential store',
  keyStore: 'key store',
};

const FILE: Readonly<Record<StoreFileProblem, string>> = {
  noFolder: 'its folder does not exist',
  notFolder: 'a part of the path is not a folder',
  isFolder: 'it is a folder',
  denied: 'permission denied',
  readOnlyFileSystem: 'the file system is read-only',
};

interface MysqlParams {
  readonly label: StoreLabel;
  readonly display: string;
  readonly problem: MysqlProblem;
  readonly user: string;
  readonly database: string;
  readonly connectTimeoutMs: number;
  readonly lockWaitTimeoutSeconds: number;
}

const MYSQL: Readonly<Record<MysqlProblem, (p: MysqlParams) => string>> = {
  refused: () => 'connection refused (is the MySQL server running?)',
  timeout: (p) => `no answer within ${p.connectTimeoutMs} ms`,
  unknownHost: () => 'unknown host',
  unreachable: () => 'host unreachable',
  lost: () => 'the connection to the server was lost; try again',
  credentials: (p) => `the server refused the credentials of user ${p.user}`,
  privileges: (p) => `user ${p.user} lacks the privileges it needs on database ${p.database}`,
  hostRefused: () => 'the server refuses connections from this host',
  noDatabase: (p) => `database ${p.database} does not exist`,
  tooManyConnections: () => 'the server has too many connections',
  lockWait: (p) => `busy: another writer held the log locked for more than ${p.lockWaitTimeoutSeconds} s`,
  deadlock: () => 'busy (deadlock); try again',
  readOnly: () => 'the server is read-only',
  full: () => 'the server is out of space',
};

/** The event store and its adapters (SQLite, MySQL, EventStoreDB): unavailable, busy, corrupt, refused. */
export const store = {
  'store.url.sqliteNoPath': 'the event store URL sqlite:<path> needs a path, e.g. sqlite:/home/me/.local/share/epic-events/events.db',
  'store.url.unsupported': ({ scheme }: { scheme: string | null }): string =>
    `unsupported event store URL (${scheme === null ? 'no scheme' : `"${scheme}:"`}): use sqlite:<path>, mysql://user:pass@host:port/db or esdb://host:2113`,

  'store.eventRecorded': ({ eventId, streamId, version }: { eventId: string; streamId: string; version: number }): string =>
    `event id ${eventId} is already recorded (stream ${streamId}, version ${version})`,
  'store.eventInOtherStream': ({
    eventId,
    streamId,
    otherStreamId,
  }: {
    eventId: string;
    streamId: string;
    otherStreamId: string;
  }): string => `event id ${eventId} is already recorded in stream ${otherStreamId}, not ${streamId}`,
  'store.eventInOtherBatch': ({ eventId, streamId }: { eventId: string; streamId: string }): string =>
    `event id ${eventId} is already recorded in stream ${streamId} as part of a different batch`,
  'store.eventTwiceInBatch': ({ eventId }: { eventId: string }): string => `event id ${eventId} appears twice in one batch`,
  'store.streamChanged': ({ streamId, expected, actual }: { streamId: string; expected: string; actual: number }): string =>
    `stream ${streamId} changed concurrently: expected version ${expected}, actual ${actual}`,
  'store.gaveUp': ({ streamId, attempts }: { streamId: string; attempts: number }): string =>
    `${streamId} kept changing concurrently; gave up after ${attempts} attempts, try again`,

  'store.sqlite.busy': ({ label, path, ms }: { label: StoreLabel; path: string; ms: number }): string =>
    `${LABEL[label]} is busy: another process held ${path} locked for more than ${ms} ms`,
  'store.sqlite.busyCode': ({ label, path, code }: { label: StoreLabel; path: string; code: string }): string =>
    `${LABEL[label]} at ${path} is busy (${code}); try again`,
  'store.sqlite.cannotOpen': ({ label, path }: { label: StoreLabel; path: string }): string => `cannot open ${LABEL[label]} at ${path}`,
  'store.sqlite.readOnly': ({ label, path }: { label: StoreLabel; path: string }): string => `${LABEL[label]} at ${path} is read-only`,
  'store.sqlite.full': ({ label, path }: { label: StoreLabel; path: string }): string => `${LABEL[label]} at ${path}: the disk is full`,
  'store.sqlite.ioError': ({ label, path, code }: { label: StoreLabel; path: string; code: string }): string =>
    `${LABEL[label]} at ${path}: disk I/O error (${code})`,
  'store.sqlite.notADatabase': ({ label, path, code }: { label: StoreLabel; path: string; code: string }): string =>
    `${LABEL[label]} at ${path} is not a valid SQLite database (${code})`,
  'store.sqlite.noWal': ({ label, path }: { label: StoreLabel; path: string }): string =>
    `${LABEL[label]} at ${path}: the file system does not support WAL mode`,
  /** `detail`: the system's own words, when the failure is none of the known ones. */
  'store.sqlite.fileOpen': ({
    label,
    path,
    problem,
    detail,
  }: {
    label: StoreLabel;
    path: string;
    problem: StoreFileProblem | null;
    detail: string | null;
  }): string => `cannot open ${LABEL[label]} at ${path}: ${problem === null ? (detail ?? 'unknown error') : FILE[problem]}`,

  'store.mysql.unavailable': (p: MysqlParams): string => `${LABEL[p.label]} at ${p.display}: ${MYSQL[p.problem](p)}`,
  'store.mysql.identifierMalformed': ({ field }: { field: string }): string => `${field} is not well-formed Unicode (a lone surrogate)`,
  'store.mysql.identifierTooLong': ({ field, max }: { field: string; max: number }): string => `${field} is longer than ${max} characters`,
  'store.mysql.schemaVersionInvalid': ({ index, type, value }: { index: number; type: string; value: number }): string =>
    `event ${index} (${type}): schemaVersion must be a non-negative 32-bit integer, got ${value}`,

  /** `what`: the operation, as the adapter names it ("append to stream users"); `detail`: the server's own words. */
  'store.esdb.unavailable': ({ what, detail }: { what: string; detail: string }): string =>
    `EventStoreDB is unavailable (${what}): ${detail}`,
  'store.esdb.accessDenied': ({ what }: { what: string }): string =>
    `EventStoreDB refused access (${what}): check the credentials in EPIC_EVENT_STORE`,
  'store.esdb.streamDeleted': ({ streamId, what }: { streamId: string; what: string }): string =>
    `stream ${streamId} was deleted from EventStoreDB (${what})`,
  'store.esdb.streamMissing': ({ streamId, what }: { streamId: string; what: string }): string =>
    `stream ${streamId} does not exist in EventStoreDB (${what})`,
  'store.esdb.streamChanged': ({ streamId, what }: { streamId: string; what: string }): string =>
    `stream ${streamId} changed concurrently (${what})`,
  'store.esdb.invalidPosition': ({ what }: { what: string }): string =>
    `${what}: the position is not one of this EventStoreDB log (a checkpoint from another event store? rebuild the projections)`,
  'store.esdb.timeoutSetting': ({ input }: { input: string }): string =>
    `EPIC_ESDB_TIMEOUT_MS must be a positive whole number of milliseconds, got ${JSON.stringify(input)}`,
  'store.esdb.connectionReset': ({ what }: { what: string }): string => `EventStoreDB connection was reset during ${what}`,
  'store.esdb.timedOut': ({ ms, what }: { ms: number; what: string }): string =>
    `EventStoreDB did not answer within ${ms} ms (${what}); EPIC_ESDB_TIMEOUT_MS sets the limit`,
  'store.esdb.userIdNeeded': 'a user id is needed to store a password hash',
  'store.esdb.idNotUuid': ({ index, type, id }: { index: number; type: string; id: string }): string =>
    `event ${index} (${type}): EventStoreDB needs UUID event ids, got ${JSON.stringify(id)}`,
  'store.esdb.typeReserved': ({ index, type }: { index: number; type: string }): string =>
    `event ${index}: the type ${JSON.stringify(type)} is empty or reserved by EventStoreDB`,
  'store.esdb.streamReserved': ({ streamId }: { streamId: string }): string =>
    `the stream name ${JSON.stringify(streamId)} is empty or reserved (system streams start with $, password hashes live in credentials-*)`,
  'store.esdb.gaveUp': ({ streamId, attempts }: { streamId: string; attempts: number }): string =>
    `stream ${streamId} kept changing concurrently: gave up appending after ${attempts} attempts`,
  'store.esdb.noPosition': ({ eventId, streamId, revision }: { eventId: string; streamId: string; revision: string }): string =>
    `EventStoreDB did not report the log position of event ${eventId} (stream ${streamId}, revision ${revision}): epic needs EventStoreDB 22.10 or later, and events written without explicit transactions`,
  'store.esdb.foreignEvent': ({ eventId, streamId, revision }: { eventId: string; streamId: string; revision: string }): string =>
    `event ${eventId} (stream ${streamId}, revision ${revision}) was not written by epic: its data or metadata is not what epic stores`,
  'store.esdb.missingLink': 'EventStoreDB returned a link to a missing event where an event was expected',
  'store.esdb.subscriptionUnconfirmed': ({ what }: { what: string }): string =>
    `EventStoreDB ended the subscription before confirming it (${what})`,
  'store.esdb.subscriptionEnded': ({ what }: { what: string }): string =>
    `the EventStoreDB subscription ended (${what}): resume from the last stored position`,
};
