/** What the read side's messages name, by name: the catalogue words each (src/i18n, `readDb.*`, `values.id.*`). */

/** Why the read database cannot serve us. */
export type ReadDbProblem =
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'unknownHost'
  | 'lookupFailed'
  | 'unreachable'
  | 'networkUnreachable'
  | 'lost'
  | 'noAnswer'
  | 'credentials'
  | 'databaseDenied'
  | 'noDatabase'
  | 'tooManyConnections'
  | 'hostBlocked'
  | 'hostNotAllowed'
  | 'shuttingDown'
  | 'lockWait';

/** A record named by id in a message: "client id", "2 log entries". */
export type IdNoun = 'user' | 'client' | 'contract' | 'event' | 'logEntry';
