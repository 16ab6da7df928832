import { guardFormula } from './formula-guard.js';

/** A cell value as the JSON records hold it. */
export type CsvValue = string | number | boolean | null;

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => CsvValue;
  /**
   * An amount (`"1500.50"`): written with a decimal comma when the file is for a spreadsheet that reads one.
   * A function says it row by row (a history's `from`/`to` hold an amount only on the rows of an amount field).
   */
  readonly amount?: boolean | ((row: T) => boolean);
}

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvOptions {
  /** `,` (the default), `;` (what French-locale spreadsheets expect), or a tab. */
  readonly delimiter?: CsvDelimiter;
  /** Amount columns as `1500,50`, which a French-locale spreadsheet reads as a number (`1500.50` it reads as text). */
  readonly decimalComma?: boolean;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * CSV that spreadsheets open as intended: UTF-8 with a BOM (Excel needs it to
 * read accents), CRLF line ends, every field quoted (inner quotes doubled, so
 * separators and line breaks stay inside their cell), and formula triggers
 * neutralised (see formula-guard.ts). Null is an empty cell.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimalComma = options.decimalComma === true;
  const lines = [columns.map((column) => quote(column.header))];
  for (const row of rows) lines.push(columns.map((column) => quote(cellText(column.value(row), decimalComma && isAmount(column, row)))));
  return BOM + lines.map((cells) => cells.join(delimiter)).join(CRLF) + CRLF;
}

function isAmount<T>(column: CsvColumn<T>, row: T): boolean {
  return typeof column.amount === 'function' ? column.amount(row) : column.amount === true;
}

function cellText(value: CsvValue, decimalComma: boolean): string {
  if (value === null) return '';
  const text = String(value);
  return guardFormula(decimalComma ? text.replace('.', ',') : text);
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
