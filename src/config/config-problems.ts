/** What the configuration's checks refuse, by name: the catalogue words each (src/i18n, `config.*`). */

/**
 * Which forms a URL message says a URL may take: a MySQL URL (`mysql`), or
 * either of the read database's (`readDb`: sqlite or mysql).
 */
export type UrlUsage = 'mysql' | 'readDb';

/** What is wrong with a URL, beyond not having the expected form. */
export type UrlProblem = 'unparsable' | 'parameters' | 'noHost' | 'noDatabase' | 'badEscape' | 'emptySqlitePath';

/** The parts of a MySQL URL that are percent-decoded. */
export type UrlPart = 'user' | 'password' | 'database';

/** The private files a message may name. */
export type PrivateFile = 'secretKey' | 'auditKey' | 'session';

/** The files the CLI reads from EPIC_HOME and the working directory (regular-file.ts). */
export type ConfigFile = PrivateFile | 'dotEnv';

/** Why such a file cannot be used. */
export type ConfigFileProblem = 'isFolder' | 'notRegular' | 'tooLarge' | 'notFolder' | 'denied' | 'loop';
