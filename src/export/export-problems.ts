/** Why an export file could not be written, by name: the catalogue words each (src/i18n, `transfer.cannotWrite`). */
export type WriteProblem = 'denied' | 'noFolder';
