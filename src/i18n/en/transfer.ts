import type { WriteProblem } from '../../export/export-problems.js';
import type { ClientField, CsvProblem, ReadProblem } from '../../import/import-problems.js';

const CSV: Readonly<Record<CsvProblem, string>> = {
  unclosedQuote: 'a quoted field is never closed (a missing closing quote)',
  textAfterQuote: 'text after a closing quote (quote the whole field and double the quotes inside it)',
  quoteInUnquoted: 'a quote inside an unquoted field (quote the whole field and double the quotes inside it)',
};

const READ: Readonly<Record<ReadProblem, string>> = { missing: 'no such file', denied: 'permission denied', folder: 'it is a folder' };
const WRITE: Readonly<Record<WriteProblem, string>> = { denied: 'permission denied', noFolder: 'no such folder' };

const FIELDS: Readonly<Record<ClientField, string>> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  commercial: 'commercial',
};

/** `epic import clients` and `epic export`: files, CSV, columns, the rows refused. */
export const transfer = {
  'transfer.notUtf8': 'the file is not UTF-8: save it as "CSV UTF-8" from the spreadsheet',
  /** `code`: the system's error code, when the problem is none of the known ones. */
  'transfer.cannotRead': ({ file, problem, code }: { file: string; problem: ReadProblem | null; code: string }): string =>
    `cannot read ${file}: ${problem === null ? code : READ[problem]}`,
  'transfer.cannotWrite': ({ file, problem, code }: { file: string; problem: WriteProblem | null; code: string }): string =>
    `cannot write ${file}: ${problem === null ? code : WRITE[problem]}`,
  'transfer.emptyFile': 'the file is empty: expected a header row (name, email, phone, company, commercial)',
  'transfer.headerProblem': ({ line, problem }: { line: number; problem: CsvProblem }): string =>
    `header row (line ${line}): ${CSV[problem]}`,
  'transfer.csvProblem': ({ problem }: { problem: CsvProblem }): string => CSV[problem],
  'transfer.tooManyCells': ({ cells, expected }: { cells: number; expected: number }): string =>
    `${cells} cells but the header has ${expected} (an unquoted separator inside a value?)`,
  'transfer.duplicateColumn': ({ first, second, field }: { first: string; second: string; field: ClientField }): string =>
    `columns ${JSON.stringify(first)} and ${JSON.stringify(second)} both give the client's ${FIELDS[field]}: keep one`,
  'transfer.missingColumns': ({ missing, found }: { missing: readonly ClientField[]; found: readonly string[] }): string =>
    `the header row has no ${missing.map((field) => FIELDS[field]).join(' and no ')} column (found: ${found.map((f) => JSON.stringify(f)).join(', ')}); expected nom_complet/name, email, telephone/phone, entreprise/company, commercial`,
  'transfer.emailShared': ({ count, clientIds }: { count: number; clientIds: readonly string[] }): string =>
    `${count} clients already have this email (${clientIds.join(', ')}): edit them one by one`,
  'transfer.commercialNeeded': 'a new client needs a commercial: the email of a commercial user in the commercial column',
  'transfer.commercialUnknown': 'no user has the email given in the commercial column',
  'transfer.unknownNoun': ({ input, nouns }: { input: string; nouns: readonly string[] }): string =>
    `cannot export ${JSON.stringify(input)}: expected one of ${nouns.join(', ')}`,
  'transfer.unknownFormat': ({ input }: { input: string }): string => `unknown --format ${JSON.stringify(input)}: expected csv or json`,
};
