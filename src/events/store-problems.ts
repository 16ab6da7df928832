/** What the stores' failures are, by name: the catalogue words each (src/i18n, `store.*`). */

/** Which of the installation's stores a message is about ("event store", « base des événements »). */
export type StoreLabel = 'eventStore' | 'credentialStore' | 'keyStore';

/** What creating a SQLite database file can meet. */
export type StoreFileProblem = 'noFolder' | 'notFolder' | 'isFolder' | 'denied' | 'readOnlyFileSystem';

/** Why a MySQL server cannot serve us (the catalogue adds the context's figures: user, database, timeouts). */
export type MysqlProblem =
  | 'refused'
  | 'timeout'
  | 'unknownHost'
  | 'unreachable'
  | 'lost'
  | 'credentials'
  | 'privileges'
  | 'hostRefused'
  | 'noDatabase'
  | 'tooManyConnections'
  | 'lockWait'
  | 'deadlock'
  | 'readOnly'
  | 'full';

/** What shows that an installation existed before its log was lost (src/cli/lost-store.ts). */
export type InstallationEvidence = 'secretKey' | 'readTables';
