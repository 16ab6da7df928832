/** What an import's messages name, by name: the catalogue words each (src/i18n, `transfer.*`). */

/** The client fields an import file's columns map to. */
export type ClientField = 'name' | 'email' | 'phone' | 'company' | 'commercial';

/** What makes a CSV record malformed. */
export type CsvProblem = 'unclosedQuote' | 'textAfterQuote' | 'quoteInUnquoted';

/** Why a file could not be read. */
export type ReadProblem = 'missing' | 'denied' | 'folder';
