/**
 * The catalogues at run time: every key in both languages, every entry
 * rendered with sample params (each member of a union param at least once),
 * no French wording left identical to the English unless it is one of the
 * company's own words, and French typography: `’` apostrophes, a no-break
 * space before `: ; ? !`, guillemets with no-break spaces inside them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { HistoryEventType, RecordKind } from '../../src/audit/history-vocabulary.js';
import type { DigestDifference } from '../../src/audit/log-digest.js';
import type { Problem, VerifyReport } from '../../src/audit/verify.js';
import { POLICY, refusal } from '../../src/auth/policy.js';
import type { PrivateFile, UrlPart, UrlProblem, UrlUsage } from '../../src/config/config-problems.js';
import { typeList } from '../../src/domain/decider.js';
import type { UserChange } from '../../src/domain/users/user-change.js';
import type { AmountField, TextField } from '../../src/domain/values/fields.js';
import { ROLES } from '../../src/domain/values/roles.js';
import type { ActorRole } from '../../src/events/event-store.js';
import type { MysqlProblem, StoreFileProblem as SqliteFileProblem, StoreLabel } from '../../src/events/store-problems.js';
import type { WriteProblem as ExportFileProblem } from '../../src/export/export-problems.js';
import type { cluster as clusterWordings } from '../../src/i18n/en/cluster.js';
import { catalog as english } from '../../src/i18n/en/index.js';
import { catalog as french } from '../../src/i18n/fr/index.js';
import type { Message, MessageKey, MessageParams } from '../../src/i18n/message.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import type { ClientField, CsvProblem, ReadProblem } from '../../src/import/import-problems.js';
import type { DsnProblem } from '../../src/monitoring/monitor-backend.js';
import type { ProjectionName } from '../../src/projections/projection-names.js';
import type { IdNoun, ReadDbProblem } from '../../src/projections/read-problems.js';
import { FAULTS_SAMPLES } from './faults-samples.js';

type UrlPartOfEsdb = Parameters<(typeof clusterWordings)['cluster.urlInvalid']>[0]['part'];

/** The keys whose wording takes params. */
type ParamKey = { [K in MessageKey]: MessageParams<K> extends undefined ? never : K }[MessageKey];

// Every member of each union a param may take: a missing member does not compile (typeList).
const TEXT_FIELDS = typeList<TextField>({ company: true, location: true, notes: true, reason: true });
const AMOUNT_FIELDS = typeList<AmountField>({ total: true, remaining: true, amount: true });
const ID_NOUNS = typeList<IdNoun>({ user: true, client: true, contract: true, event: true, logEntry: true });
const RECORD_KINDS = typeList<RecordKind>({ user: true, client: true, contract: true, event: true });
const ACTOR_ROLES = typeList<ActorRole>({ gestion: true, commercial: true, support: true, system: true });
const USER_CHANGES = typeList<UserChange>({ delete: true, changeRole: true, disable: true });
const URL_USAGES = typeList<UrlUsage>({ mysql: true, readDb: true });
const URL_PROBLEMS = typeList<UrlProblem>({
  unparsable: true,
  parameters: true,
  noHost: true,
  noDatabase: true,
  badEscape: true,
  emptySqlitePath: true,
});
const URL_PARTS = typeList<UrlPart>({ user: true, password: true, database: true });
const PRIVATE_FILES = typeList<PrivateFile>({ secretKey: true, auditKey: true, session: true });
const STORE_LABELS = typeList<StoreLabel>({ eventStore: true, credentialStore: true, keyStore: true });
const SQLITE_FILE_PROBLEMS = typeList<SqliteFileProblem>({
  noFolder: true,
  notFolder: true,
  isFolder: true,
  denied: true,
  readOnlyFileSystem: true,
});
const MYSQL_PROBLEMS = typeList<MysqlProblem>({
  refused: true,
  timeout: true,
  unknownHost: true,
  unreachable: true,
  lost: true,
  credentials: true,
  privileges: true,
  hostRefused: true,
  noDatabase: true,
  tooManyConnections: true,
  lockWait: true,
  deadlock: true,
  readOnly: true,
  full: true,
});
const READ_DB_PROBLEMS = typeList<ReadDbProblem>({
  refused: true,
  reset: true,
  timeout: true,
  unknownHost: true,
  lookupFailed: true,
  unreachable: true,
  networkUnreachable: true,
  lost: true,
  noAnswer: true,
  credentials: true,
  databaseDenied: true,
  noDatabase: true,
  tooManyConnections: true,
  hostBlocked: true,
  hostNotAllowed: true,
  shuttingDown: true,
  lockWait: true,
});
const PROJECTION_NAMES = typeList<ProjectionName>({ users: true, clients: true, contracts: true, occasions: true, command_log: true });
const CSV_PROBLEMS = typeList<CsvProblem>({ unclosedQuote: true, textAfterQuote: true, quoteInUnquoted: true });
const READ_PROBLEMS = typeList<ReadProblem>({ missing: true, denied: true, folder: true });
const WRITE_PROBLEMS = typeList<ExportFileProblem>({ denied: true, noFolder: true });
const CLIENT_FIELDS = typeList<ClientField>({ name: true, email: true, phone: true, company: true, commercial: true });
const DSN_PROBLEMS = typeList<DsnProblem>({ notUrl: true, notHttp: true, noKey: true, noProject: true });
const CHAINS = typeList<VerifyReport['chain']>({ keyed: true, switched: true, plain: true });
const CHAIN_PROBLEMS = typeList<Problem>({
  'hash mismatch': true,
  'plain link': true,
  'time mismatch': true,
  'prevHash mismatch': true,
  'version gap': true,
  'legacy head mismatch': true,
  'head mismatch': true,
});
const DIFFERENCES = typeList<DigestDifference['kind']>({ inserted: true, removed: true, rewritten: true, moved: true, edited: true });
const CREDENTIAL_PROBLEMS = typeList<'missing' | 'unbound' | 'stale'>({ missing: true, unbound: true, stale: true });
const HASH = '3b1f0c'.padEnd(64, '9');
const FINGERPRINT = 'a1b2c3d4'.padEnd(32, '0');

const ID = 'k3f9x2m7qa';
const PATH = '/home/ada/epic/events.db';
const WHAT = 'append to stream users';
const DETAIL = 'connection reset by peer';
const AT = '2027-03-10T10:00:00.000Z';

/** Sample params for every key that takes some, covering each member of its unions and each count form (0, 1, many). */
const SAMPLES: { readonly [K in ParamKey]: readonly MessageParams<K>[] } = {
  'policy.refused': (Object.keys(POLICY) as (keyof typeof POLICY)[]).flatMap((action) =>
    ROLES.map((role) => (refusal(action, role).text as Message<'policy.refused'>).params),
  ),
  'client.alreadyExists': [{ clientId: ID }],
  'client.hasContracts': [1, 3].map((count) => ({ clientId: ID, count })),
  'client.notFound': [{ clientId: ID }],
  'client.commercialNotCommercial': ROLES.map((role) => ({ userId: ID, role })),
  'contract.alreadyExists': [{ contractId: ID }],
  'contract.alreadySigned': [{ contractId: ID }],
  'contract.paymentExceedsRemaining': [{ amountCents: 1_200_050, remainingCents: 40_000 }],
  'contract.remainingExceedsTotal': [{ remainingCents: 1_200_050, totalCents: 100_000 }],
  'contract.hasEvents': [1, 2].map((count) => ({ contractId: ID, count })),
  'contract.notSigned': [{ contractId: ID }],
  'contract.notFound': [{ contractId: ID }],
  'event.alreadyExists': [{ occasionId: ID }],
  'event.notFound': [{ occasionId: ID }],
  'event.alreadyCancelled': [{ occasionId: ID }],
  'import.imported': [
    { created: 1, updated: 0, unchanged: 0, refused: 0, rows: 1 },
    { created: 9_000, updated: 12, unchanged: 3, refused: 985, rows: 10_000 },
  ],
  'import.nothingImported': [{ created: 0, updated: 0, unchanged: 0, refused: 2, rows: 2 }],
  'user.alreadyDisabled': [{ userId: ID }],
  'user.notDisabled': [{ userId: ID }],
  'user.disabled': [{ userId: ID }],
  'cli.done.disabledUser': [{ id: ID, name: 'Bob Seller' }],
  'cli.done.enabledUser': [{ id: ID, name: 'Bob Seller' }],
  'cli.done.unlockedUser': [{ id: ID, name: 'Bob Seller' }],
  'cli.done.notLocked': [{ id: ID, name: 'Bob Seller' }],
  'cli.lockedUntil': [{ until: AT }],
  'contract.remainingAfterPayment': [{ contractId: ID }],
  'contract.totalBelowPaid': [{ totalCents: 300_000, paidCents: 400_000 }],
  'contract.refundExceedsPaid': [{ amountCents: 500_050, paidCents: 400_000 }],
  'cli.done.refunded': [{ id: ID, amountCents: 100_050, remainingCents: 700_000 }],
  'cli.field.refund': [0, 400_000].map((paidCents) => ({ paidCents })),
  'event.cancelled': [{ occasionId: ID }],
  'cli.confirm.cancelEvent': [{ id: ID, name: 'Casey wedding', client: 'Kevin Casey' }],
  'cli.done.cancelledEvent': [{ id: ID, name: 'Casey wedding' }],
  'event.supportNotSupport': ROLES.map((role) => ({ userId: ID, role })),
  'event.attendeesInvalid': [{ max: 1_000_000 }],
  'user.roleInvalid': [{ input: 'admin' }],
  'user.notFound': [{ userId: ID }],
  'user.ownsClients': USER_CHANGES.flatMap((change) => [1, 4].map((count) => ({ change, count }))),
  'user.reassignTargetNotFound': [{ userId: ID }],
  'user.reassignTargetNotCommercial': ROLES.map((role) => ({ userId: ID, role })),
  'password.tooShort': [{ min: 8 }],
  'password.tooLong': [{ max: 72 }],
  'secret.envTooShort': [{ min: 32 }],
  'secret.missing': [{ home: '/home/ada/epic' }],
  'secret.fileInvalid': [{ path: '/home/ada/epic/secret.key' }],
  'values.amount.invalid': [{ field: '--total', input: '12,5x' }],
  'values.dateTime.invalid': [{ field: '--start', input: 'tomorrow' }],
  'values.instant.invalid': [{ field: 'until', input: 'soon' }],
  'values.limit.invalid': [{ limit: -1 }],
  'values.text.empty': TEXT_FIELDS.map((field) => ({ field })),
  'values.text.tooLong': TEXT_FIELDS.map((field) => ({ field, max: 2000 })),
  'values.text.control': TEXT_FIELDS.map((field) => ({ field })),
  'values.cents.notWhole': AMOUNT_FIELDS.map((field) => ({ field })),
  'values.cents.negative': AMOUNT_FIELDS.map((field) => ({ field })),
  'values.id.tooShort': ID_NOUNS.map((noun) => ({ noun, input: 'k3', min: 4 })),
  'values.id.notFound': ID_NOUNS.map((noun) => ({ noun, input: 'zzzz' })),
  'values.id.notInLog': ID_NOUNS.map((noun) => ({ noun, input: 'zzzz' })),
  'values.id.ambiguous': ID_NOUNS.map((noun) => ({ noun, input: 'k3f9', count: 2 })),
  'config.duration.invalid': [{ name: 'EPIC_SESSION_TTL', input: 'forever' }],
  'config.url.invalid': URL_USAGES.flatMap((usage) => [
    { usage },
    ...URL_PROBLEMS.filter((problem) => problem !== 'badEscape').map((problem) => ({ usage, problem })),
    ...URL_PARTS.map((part) => ({ usage, problem: 'badEscape' as const, part })),
  ]),
  'config.privateFile.exposed': PRIVATE_FILES.map((file) => ({ file, path: '/home/ada/epic/session', mode: '644' })),
  'store.url.unsupported': [{ scheme: null }, { scheme: 'ftp' }],
  'store.eventRecorded': [{ eventId: ID, streamId: 'users', version: 3 }],
  'store.eventInOtherStream': [{ eventId: ID, streamId: 'users', otherStreamId: 'command-log' }],
  'store.eventInOtherBatch': [{ eventId: ID, streamId: 'users' }],
  'store.eventTwiceInBatch': [{ eventId: ID }],
  'store.streamChanged': [{ streamId: 'users', expected: '3', actual: 4 }],
  'store.gaveUp': [{ streamId: 'users', attempts: 20 }],
  'store.sqlite.busy': STORE_LABELS.map((label) => ({ label, path: PATH, ms: 5000 })),
  'store.sqlite.busyCode': STORE_LABELS.map((label) => ({ label, path: PATH, code: 'SQLITE_BUSY_SNAPSHOT' })),
  'store.sqlite.cannotOpen': STORE_LABELS.map((label) => ({ label, path: PATH })),
  'store.sqlite.readOnly': STORE_LABELS.map((label) => ({ label, path: PATH })),
  'store.sqlite.full': STORE_LABELS.map((label) => ({ label, path: PATH })),
  'store.sqlite.ioError': STORE_LABELS.map((label) => ({ label, path: PATH, code: 'SQLITE_IOERR_WRITE' })),
  'store.sqlite.notADatabase': STORE_LABELS.map((label) => ({ label, path: PATH, code: 'SQLITE_NOTADB' })),
  'store.sqlite.noWal': STORE_LABELS.map((label) => ({ label, path: PATH })),
  'store.sqlite.fileOpen': STORE_LABELS.flatMap((label) => [
    ...SQLITE_FILE_PROBLEMS.map((problem) => ({ label, path: PATH, problem, detail: null })),
    { label, path: PATH, problem: null, detail: 'ELOOP too many symbolic links' },
  ]),
  'store.mysql.unavailable': STORE_LABELS.flatMap((label) =>
    MYSQL_PROBLEMS.map((problem) => ({
      label,
      display: 'mysql://epic@db.example:3306/crm',
      problem,
      user: 'epic',
      database: 'crm',
      connectTimeoutMs: 5000,
      lockWaitTimeoutSeconds: 10,
    })),
  ),
  'store.mysql.identifierMalformed': [{ field: 'event 0 type' }],
  'store.mysql.identifierTooLong': [{ field: 'event 0 id', max: 255 }],
  'store.mysql.schemaVersionInvalid': [{ index: 0, type: 'ClientCreated', value: -1 }],
  'store.esdb.unavailable': [{ what: WHAT, detail: DETAIL }],
  'store.esdb.accessDenied': [{ what: WHAT }],
  'store.esdb.streamDeleted': [{ streamId: 'users', what: WHAT }],
  'store.esdb.streamMissing': [{ streamId: 'users', what: WHAT }],
  'store.esdb.streamChanged': [{ streamId: 'users', what: WHAT }],
  'store.esdb.invalidPosition': [{ what: WHAT }],
  'store.esdb.timeoutSetting': [{ input: 'soon' }],
  'store.esdb.connectionReset': [{ what: WHAT }],
  'store.esdb.timedOut': [{ ms: 500, what: WHAT }],
  'store.esdb.idNotUuid': [{ index: 0, type: 'ClientCreated', id: 'e1' }],
  'store.esdb.typeReserved': [{ index: 0, type: '$system' }],
  'store.esdb.streamReserved': [{ streamId: '$all' }],
  'store.esdb.gaveUp': [{ streamId: 'users', attempts: 20 }],
  'store.esdb.noPosition': [{ eventId: ID, streamId: 'users', revision: '0' }],
  'store.esdb.foreignEvent': [{ eventId: ID, streamId: 'orders-1', revision: '0' }],
  'store.esdb.subscriptionUnconfirmed': [{ what: WHAT }],
  'store.esdb.subscriptionEnded': [{ what: WHAT }],
  'readDb.unavailable': [
    ...READ_DB_PROBLEMS.map((problem) => ({ display: `sqlite:${PATH}`, problem, detail: null })),
    { display: `sqlite:${PATH}`, problem: null, detail: 'unable to open database file' },
  ],
  'readDb.rebuildInProgress': PROJECTION_NAMES.flatMap((projection) => [
    { projection, holder: null },
    { projection, holder: { pid: 4242, host: 'crm-1', since: AT } },
  ]),
  'readDb.unknownProjection': [{ name: 'invoices', known: PROJECTION_NAMES }],
  'history.title': RECORD_KINDS.flatMap((kind) => [1, 7].map((count) => ({ kind, id: ID, count }))),
  'history.empty': RECORD_KINDS.map((kind) => ({ kind, id: ID })),
  'history.by': ACTOR_ROLES.map((role) => ({ name: 'Bob Seller', role })),
  'transfer.cannotRead': [
    ...READ_PROBLEMS.map((problem) => ({ file: 'clients.csv', problem, code: 'ENOENT' })),
    { file: 'clients.csv', problem: null, code: 'EIO' },
  ],
  'transfer.cannotWrite': [
    ...WRITE_PROBLEMS.map((problem) => ({ file: 'out.csv', problem, code: 'EACCES' })),
    { file: 'out.csv', problem: null, code: 'EIO' },
  ],
  'transfer.headerProblem': CSV_PROBLEMS.map((problem) => ({ line: 1, problem })),
  'transfer.csvProblem': CSV_PROBLEMS.map((problem) => ({ problem })),
  'transfer.tooManyCells': [{ cells: 6, expected: 5 }],
  'transfer.duplicateColumn': CLIENT_FIELDS.map((field) => ({ first: 'email', second: 'mail', field })),
  'transfer.missingColumns': [
    { missing: ['email'], found: ['nom', 'telephone'] },
    { missing: ['name', 'email'], found: ['id'] },
  ],
  'transfer.emailShared': [{ count: 2, clientIds: [ID, 'm7qak3f9x2'] }],
  'transfer.unknownNoun': [{ input: 'invoices', nouns: ['clients', 'contracts', 'events'] }],
  'transfer.unknownFormat': [{ input: 'xml' }],
  'monitoring.dsnInvalid': DSN_PROBLEMS.map((problem) => ({ problem })),
  'monitoring.sdkFailed': [{ detail: 'Cannot find module @sentry/node' }],
  'cluster.urlInvalid': typeList<UrlPartOfEsdb>({ scheme: true, hosts: true, syntax: true, files: true }).map((part) => ({ part })),
  'cluster.urlUnknownOption': [{ option: 'nodePrefrence' }],
  'cluster.noLeader': [
    { ms: 4980, attempts: 1 },
    { ms: 4980, attempts: 12 },
  ],
  'readSide.followerOutage': [{ reason: 'connexion refusée', retryInMs: 250 }],
  'readSide.followerRecovered': [
    { failures: 1, ms: 1234 },
    { failures: 6, ms: 20_450 },
  ],
  'readSide.heartbeatUnwritable': [{ path: '/run/epic/follower.alive' }],
  'readSide.lagging': [
    { seconds: 12, limitSeconds: 10 },
    { seconds: 18_403_200, limitSeconds: 1 },
  ],
  'readSide.otherVersion': [{ names: ['clients'] }, { names: ['clients', 'contracts'] }],
  'readSide.modeInvalid': [{ value: 'sometimes' }],
  // The command line's own (src/cli)
  'cli.missingOption': [{ option: '--email' }],
  'cli.backendUnavailable': [{ code: 'ECONNREFUSED' }],
  'cli.internalError': [{ detail: 'x is not a function' }],
  'cli.internalErrorReported': [{ detail: 'x is not a function', eventId: 'f'.repeat(32) }],
  'cli.warning.notRecorded': [{ reason: DETAIL }],
  'engine.savedButFailed': [{ reason: DETAIL }],
  'engine.idempotencyKeyInvalid': [{ max: 200 }],
  'cli.notFound.contract': [{ id: ID }],
  'cli.notFound.event': [{ id: ID }],
  'cli.notFound.user': [{ id: ID }],
  'cli.input.count': [{ option: '--attendees', got: 'many' }],
  'lists.limit.invalid': [{ got: '0' }, { got: 'ten' }],
  'lists.sort.unknown': [
    { got: 'colour', allowed: ['name', 'email', 'role', 'createdAt', 'updatedAt'] },
    { got: '-when', allowed: ['at', 'command', 'outcome'] },
  ],
  'cli.input.role': [{ option: '--role' }],
  'cli.input.choice': [
    { option: '--format', choices: ['csv', 'json'], got: 'xml' },
    { option: 'shell', choices: ['bash', 'zsh', 'fish'], got: 'tcsh' },
  ],
  'cli.usage.unknownOption': ['', 'client list'].map((command) => ({ option: '--bogus', command })),
  'cli.usage.extraArgument': ['', 'client view'].map((command) => ({ argument: 'b', command })),
  'cli.usage.missingArgument': ['', 'client view'].map((command) => ({ command })),
  'cli.usage.optionNeedsValue': [{ option: '--name' }],
  'cli.usage.invalid': ['', 'client list'].map((command) => ({ command })),
  'cli.usage.unknownCommand': [
    { words: 'clinet list', suggestions: ['client list'] },
    { words: 'client lst', suggestions: ['client list', 'client edit'] },
    { words: 'frobnicate', suggestions: [] },
  ],
  'cli.prompt.nothingToChoose': [{ option: '--commercial' }],
  'cli.confirm.needsYes': [{ command: 'contract delete' }],
  'cli.confirm.deleteClient': [
    { id: ID, name: 'Kevin Casey', company: 'Cool Startup LLC' },
    { id: ID, name: 'Kevin Casey', company: null },
  ],
  'cli.confirm.deleteContract': [true, false].map((signed) => ({ id: ID, client: 'Kevin Casey', totalCents: 500_000, signed })),
  'cli.confirm.deleteUser': ROLES.map((role) => ({ id: ID, name: 'Bob Seller', email: 'bob@epic.test', role })),
  'cli.init.done': [{ home: '/home/ada/epic', name: 'Ada Admin' }],
  'cli.login.done': ROLES.map((role) => ({ name: 'Ada Admin', role, until: AT })),
  'cli.logout.done': [{ name: 'Ada Admin' }],
  'cli.done.deletedClient': [{ id: ID, name: 'Kevin Casey' }],
  'cli.done.deletedContract': [{ id: ID, client: 'Kevin Casey' }],
  'cli.done.createdUser': [{ name: 'Bob Seller', role: 'commercial' }],
  'cli.done.createdClient': [{ name: 'Kevin Casey' }],
  'cli.done.createdContract': [{ client: 'Kevin Casey', totalCents: 1_200_000 }],
  'cli.done.createdEvent': [{ name: 'Casey seminar' }],
  'cli.done.deletedUser': [{ id: ID, name: 'Bob Seller' }],
  'cli.done.updatedClient': [[], ['phone'], ['phone', 'company']].map((fields) => ({ id: ID, fields })),
  'cli.done.updatedEvent': [[], ['notes'], ['start', 'end']].map((fields) => ({ id: ID, fields })),
  'cli.done.updatedUser': [[], ['role'], ['name', 'email', 'password']].map((fields) => ({ id: ID, name: 'Bob Seller', fields })),
  'cli.done.updatedContract': [{ id: ID, totalCents: 1_200_000, remainingCents: 700_050 }],
  'cli.done.paid': [{ id: ID, amountCents: 50_000, remainingCents: 750_000 }],
  'cli.done.signed': [{ id: ID, client: 'Kevin Casey', totalCents: 500_000 }],
  'cli.done.assigned': [{ support: 'Sam Support', event: 'Salon 2027' }],
  'cli.done.unassigned': [{ support: 'Sam Support', event: 'Salon 2027' }],
  'cli.done.unassignedNobody': [{ event: 'Salon 2027' }],
  'cli.field.payment': [{ remainingCents: 750_000 }],
  'cli.pick.client': [
    { name: 'Kevin Casey', company: 'Cool Startup LLC' },
    { name: 'Kevin Casey', company: null },
  ],
  'cli.pick.contract': [true, false].flatMap((signed) =>
    [0, 40_000].map((remainingCents) => ({ client: 'Kevin Casey', totalCents: 500_000, remainingCents, signed })),
  ),
  'cli.pick.event': [{ start: AT, name: 'Salon 2027', client: 'Kevin Casey' }],
  'cli.pick.user': ROLES.map((role) => ({ name: 'Bob Seller', email: 'bob@epic.test', role })),
  'cli.history.kind': [{ kinds: RECORD_KINDS, got: 'invoice' }],
  'cli.history.notYet': RECORD_KINDS.map((kind) => ({ kind, id: ID, at: AT })),
  'cli.history.none': RECORD_KINDS.map((kind) => ({ kind, id: ID })),
  'cli.projection.rebuilt': [{ names: ['clients', 'contracts'], events: 12_345, seconds: '1.5', position: 12_345 }],
  'cli.projection.applied': [{ events: 12, position: 345 }],
  'cli.projection.stopped': [{ events: 12, position: 345 }],
  'cli.projection.versions': [null, 1].map((stored) => ({ version: 2, stored })),
  'cli.projection.rebuilding': [{ pid: 4242, host: 'crm-1', since: AT }],
  'cli.import.done': [1, 4].map((rows) => ({ created: 1, updated: 2, unchanged: 0, refused: 1, rows })),
  'cli.import.dryRun': [1, 4].map((rows) => ({ created: 1, updated: 2, unchanged: 0, refused: 1, rows })),
  'cli.import.ignoredColumns': [{ columns: ['notes', 'siret'] }],
  'cli.import.lineRefused': [{ line: 5, reason: 'not a valid email address' }],
  'cli.import.duplicate': [{ line: 7, sameEmailAsLine: 3 }],
  'cli.import.refusedImported': [1, 3].map((refused) => ({ refused, rows: 10, lines: '3, 5, 8' })),
  'cli.import.refusedChecked': [1, 3].map((refused) => ({ refused, rows: 10, lines: '3, 5, 8' })),
  'help.title': [{ version: '0.1.0' }],
  'help.nounTitle': ['user', 'client', 'contract', 'event', 'audit', 'projection', 'import', 'completion'].map((noun) => ({ noun })),
  'help.nounFooter': [{ noun: 'client' }],
  'menu.signedIn': ROLES.map((role) => ({ name: 'Ada Admin', role })),
  'chain.keyTooShort': [{ source: 'EPIC_AUDIT_KEY', minBytes: 32 }],
  'chain.keyCreated': [{ path: '/home/ada/.local/share/epic-events/audit.key' }],
  'chain.noKeyFor': [{ fingerprint: FINGERPRINT }],
  'chain.keyMismatch': [{ expected: FINGERPRINT, actual: 'f0e1d2c3'.padEnd(32, '7') }],
  'chain.recordUnreadable': [{ stream: 'audit-chain' }],
  'chain.digestMalformed': [{ option: '--since' }],
  'chain.verify.counts': [0, 1, 12_345].map((events) => ({ events, streams: events === 1 ? 1 : 40 })),
  'chain.verify.chain': CHAINS.map((chain) => ({ chain })),
  'chain.verify.broken': CHAIN_PROBLEMS.flatMap((problem) => [
    { stream: 'client-k3f9x2m7qa', version: 4, position: 1_204, problem },
    { stream: 'users', version: 2, position: null, problem },
  ]),
  'chain.verify.expected': [{ value: HASH }, { value: null }],
  'chain.verify.actual': [{ value: HASH }, { value: null }],
  'chain.verify.credential': CREDENTIAL_PROBLEMS.map((problem) => ({
    userId: ID,
    problem,
    stream: 'users',
    version: 7,
    boundTo: problem === 'stale' ? 3 : null,
  })),
  'chain.verify.digest': [{ digest: HASH }],
  'chain.verify.expectDiffers': [{ expected: HASH }],
  'chain.verify.sinceExtends': [{ position: 4_211, at: AT }],
  'chain.verify.sinceDiffers': [{ position: 4_211, at: AT }],
  'chain.verify.difference': DIFFERENCES.map((kind) => ({ kind, stream: 'client-k3f9x2m7qa', version: 5 })),
  'chain.verify.failedChain': [1, 3].map((count) => ({ count, stream: 'client-k3f9x2m7qa', version: 5 })),
  'chain.verify.failedCredentials': [1, 2].map((count) => ({ count, userId: ID, stream: 'users', version: 7 })),
  'chain.verify.failedSince': [{ position: 4_211, stream: 'client-k3f9x2m7qa', version: 5 }],
  'chain.verify.failedSinceUnnamed': [{ position: 4_211 }],
  'chain.digest.notTaken': [{ stream: 'users', version: 3 }],
  'readable.withRelative': [{ at: '2027-03-10T10:00:00.000Z' }, { at: '2020-01-01T00:00:00.000Z' }],
  'values.amount.ambiguous': [{ field: '--total', input: '1,500' }],
  'export.delimiter.invalid': [{ input: '|' }],
  'cli.progress.left': [{ time: '3m05s' }],
  ...FAULTS_SAMPLES,
  // Privacy (issue 20)
  'client.forgetUpcoming': [1, 3].map((count) => ({ clientId: ID, count })),
  'client.forgotten': [{ clientId: ID }],
  'privacy.forgottenAppend': [{ clientId: ID }],
  'privacy.unreadable': [{ eventId: ID, field: 'email' }],
  'cli.confirm.forgetClient': [{ id: ID, name: 'Kevin Casey' }],
  'cli.done.forgotClient': [{ id: ID }],
  'chain.verify.forgotten': [0, 1, 3].map((count) => ({ count })),
  'dossier.title': [{ id: ID }],
  'dossier.contracts': [0, 1, 3].map((count) => ({ count })),
  'dossier.payments': [0, 1, 3].map((count) => ({ count })),
  'dossier.events': [0, 1, 3].map((count) => ({ count })),
  'dossier.history': (['client', 'contract', 'event'] as const).map((kind) => ({ kind, id: ID })),
  'dossier.log': [0, 1, 3].map((count) => ({ count })),
  'dossier.payment': [{ contractId: ID, amountCents: 150_050, at: AT }],
};

/**
 * Wordings a French reader reads as the English does: the company's own role
 * names (`gestion`, `commercial`, `support`), and the words that are French
 * already (`client`, `notes`, the `clients` projection).
 */
const SAME_IN_BOTH = new Set<string>([
  'history.role.gestion',
  'history.role.commercial',
  'history.role.support',
  'history.field.commercialName',
  'history.field.supportName',
  'history.field.clientName',
  'history.field.notes',
  'history.recordType.client',
  'projection.name.clients',
  // The command line's: ids, the roles' and records' words, the same in both; names and emails as they are.
  'cli.column.id',
  'cli.column.commercial',
  'cli.column.client',
  'cli.column.total',
  'cli.column.support',
  'cli.column.projection',
  'cli.column.version',
  'cli.field.id',
  'cli.field.commercial',
  'cli.field.client',
  'cli.field.total',
  'cli.field.notes',
  'cli.field.support',
  'cli.pick.client',
  'cli.pick.user',
  'menu.group.session',
  'help.optionsWord',
  'help.optionsTitle',
  'help.group.session',
  'help.group.client',
  'ph.client',
  'ph.milliseconds',
  'ph.operand.id',
  'help.projection rebuild.operands',
]);

const en = await loadTranslator('en', { timeZone: 'Europe/Paris', now: () => new Date(AT) });
const fr = await loadTranslator('fr', { timeZone: 'Europe/Paris', now: () => new Date(AT) });

/** Every entry rendered in both languages: a fixed text once, a wording once per sample. */
function renderings(): { key: string; en: string; fr: string }[] {
  const out: { key: string; en: string; fr: string }[] = [];
  for (const key of Object.keys(english) as MessageKey[]) {
    const samples: readonly unknown[] = typeof english[key] === 'string' ? [undefined] : (SAMPLES[key as ParamKey] ?? []);
    assert.ok(samples.length > 0, `${key}: no sample params`);
    for (const params of samples) {
      const message = { key, params } as Message;
      out.push({ key, en: en.render(message), fr: fr.render(message) });
    }
  }
  return out;
}

const catalog = suite('message catalogue: both languages, whole, and French typography');

catalog('every key of the English catalogue is in the French one, and the other way round', () => {
  const enKeys = Object.keys(english).sort();
  const frKeys = Object.keys(french).sort();
  assert.equal(
    enKeys.filter((key) => !Object.hasOwn(french, key)),
    [],
    'missing in French',
  );
  assert.equal(
    frKeys.filter((key) => !Object.hasOwn(english, key)),
    [],
    'in French only',
  );
  for (const key of enKeys) {
    assert.is(
      typeof french[key as MessageKey],
      typeof english[key as MessageKey],
      `${key}: a text in one language, a wording in the other`,
    );
  }
});

catalog('every entry renders in both languages to one clean line', () => {
  for (const { key, en: e, fr: f } of renderings()) {
    for (const [language, text] of [
      ['en', e],
      ['fr', f],
    ] as const) {
      assert.ok(text.length > 0, `${key} (${language}) is empty`);
      assert.not.match(text, /undefined|\[object Object\]|NaN|\n|^\s|\s$| {2}/, `${key} (${language}): ${JSON.stringify(text)}`);
      assert.not.ok(text.startsWith(key), `${key} (${language}) fell back to the developer form`);
    }
  }
});

catalog('no French wording is the English one, except the words both languages share', () => {
  const same = renderings().filter((r) => r.en === r.fr && !SAME_IN_BOTH.has(r.key));
  assert.equal(
    same.map((r) => `${r.key}: ${r.fr}`),
    [],
  );
  // An exception that is no longer one is dropped from the list.
  for (const key of SAME_IN_BOTH) {
    const samples: readonly unknown[] = typeof english[key as MessageKey] === 'string' ? [undefined] : SAMPLES[key as ParamKey];
    for (const params of samples) assert.is(en.render({ key, params } as Message), fr.render({ key, params } as Message), key);
  }
});

const NO_BREAK = ['\u00a0', '\u202f'];

/** What breaks French typography in `text`: ASCII quotes, punctuation without its no-break space, guillemets without theirs. */
function typographyProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.includes("'")) problems.push('an ASCII apostrophe (’ in French)');
  if (text.includes('"')) problems.push('ASCII double quotes (« » in French)');
  // Punctuation in prose is followed by a space or ends the text; in code (`sqlite:<chemin>`, `11:00`, `?tls=false`) it is not.
  for (const [, before, mark] of text.matchAll(/(.)([:;?!])(?= |$)/g)) {
    if (!NO_BREAK.includes(before ?? '')) problems.push(`“${mark}” without a no-break space before it`);
  }
  for (const [, after] of text.matchAll(/«(.)/g)) if (!NO_BREAK.includes(after ?? '')) problems.push('« without a no-break space after it');
  for (const [, before] of text.matchAll(/(.)»/g))
    if (!NO_BREAK.includes(before ?? '')) problems.push('» without a no-break space before it');
  return problems;
}

catalog('French typography: apostrophes, no-break spaces before : ; ? !, guillemets', () => {
  const problems = renderings().flatMap(({ key, fr: text }) =>
    typographyProblems(text).map((problem) => `${key}: ${problem}: ${JSON.stringify(text)}`),
  );
  assert.equal(problems, []);
});

catalog('the typography check finds each thing it looks for, and takes code for code', () => {
  assert.equal(typographyProblems("l'événement"), ['an ASCII apostrophe (’ in French)']);
  assert.equal(typographyProblems('le mot "clé"'), ['ASCII double quotes (« » in French)']);
  assert.equal(typographyProblems('session expirée : reconnectez-vous'), ['“:” without a no-break space before it']);
  assert.equal(typographyProblems('occupée ; réessayez !'), [
    '“;” without a no-break space before it',
    '“!” without a no-break space before it',
  ]);
  assert.equal(typographyProblems('au format «CSV»'), ['« without a no-break space after it', '» without a no-break space before it']);
  assert.equal(typographyProblems('expirée\u00a0: à 11:00, sur sqlite:<chemin> ou esdb://host:2113?tls=false\u202f; «\u00a0x\u00a0»'), []);
});

catalog('history wordings: every event type a history shows has one, in both languages', () => {
  const types = typeList<HistoryEventType>({
    ClientCreated: true,
    ClientUpdated: true,
    ClientReassigned: true,
    ClientDeleted: true,
    ClientForgotten: true,
    ContractCreated: true,
    ContractAmended: true,
    ContractSigned: true,
    PaymentRecorded: true,
    RefundRecorded: true,
    ContractDeleted: true,
    OccasionScheduled: true,
    OccasionUpdated: true,
    SupportAssigned: true,
    SupportUnassigned: true,
    OccasionCancelled: true,
    UserCreated: true,
    UserRenamed: true,
    UserEmailChanged: true,
    UserRoleChanged: true,
    UserPasswordChanged: true,
    UserDeleted: true,
    UserDisabled: true,
    UserEnabled: true,
  });
  for (const type of types) {
    assert.not.match(en.t(`history.eventType.${type}`), /[A-Z]/, type);
    assert.not.match(fr.t(`history.eventType.${type}`), /[A-Z]/, type);
  }
  assert.is(fr.t('history.eventType.OccasionScheduled'), 'événement planifié');
  assert.is(fr.t('history.field.totalAmount'), 'montant total');
  assert.is(en.t('history.field.totalAmount'), 'total amount');
});

if (process.env.EPIC_DUMP_CATALOG === '1') for (const r of renderings()) console.log(`${r.key}\n  en ${r.en}\n  fr ${r.fr}`);

catalog.run();
