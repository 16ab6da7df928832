import { guardFormula } from './formula-guard.js';

/** A cell value as the JSON records hold it. */
export type CsvValue = string | number | boolean | null;

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => CsvValue;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * CSV that spreadsheets open as intended: UTF-8 with a BOM (Excel needs it to
 * read accents), CRLF line ends, every field quoted (inner quotes doubled, so
 * separators and line breaks stay inside their cell), and formula triggers
 * neutralised (see formula-guard.ts). Null is an empty cell.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((column) => quote(column.header))];
  for (const row of rows) lines.push(columns.map((column) => quote(cellText(column.value(row)))));
  return BOM + lines.map((cells) => cells.join(',')).join(CRLF) + CRLF;
}

function cellText(value: CsvValue): string {
  if (value === null) return '';
  return guardFormula(String(value));
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
