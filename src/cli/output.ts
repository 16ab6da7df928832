import type { Writable } from 'node:stream';

/**
 * JSON for scripts: indented on a terminal, for the person reading it;
 * compact when stdout is a pipe or a file (as `gh` does): the same value,
 * half the bytes or less to write and to parse.
 */
export function printJson(stdout: Writable, value: unknown): void {
  const terminal = (stdout as Writable & { isTTY?: boolean }).isTTY === true;
  stdout.write(`${terminal ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
}

/** A plain aligned table for people; `--json` is the format for scripts. */
export function printTable<T>(stdout: Writable, rows: readonly T[], columns: readonly Column<T>[], empty = 'nothing to show'): void {
  if (rows.length === 0) {
    stdout.write(`${empty}\n`);
    return;
  }
  const cells = rows.map((row) => columns.map((column) => cell(column.value(row))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => width(r[i] ?? ''))));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => pad(v, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  stdout.write(`${line(columns.map((c) => c.header.toUpperCase()))}\n`);
  for (const row of cells) stdout.write(`${line(row)}\n`);
}

/** One record as "label: value" lines. */
export function printRecord(stdout: Writable, pairs: readonly [string, unknown][]): void {
  const labelWidth = Math.max(...pairs.map(([label]) => label.length));
  for (const [label, value] of pairs) stdout.write(`${label.padEnd(labelWidth)}  ${cell(value)}\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Keep one row per line and no terminal escapes, whatever the data holds.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}
