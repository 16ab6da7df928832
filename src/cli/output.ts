import type { Writable } from 'node:stream';
import { terminalSafe } from '../terminal-text.js';
import type { EpicContext } from './context.js';
import { GAP } from './output/table-layout.js';
import { colourFor, columnsOf, isTerminal, paint, type Style } from './output/terminal.js';

/** Where readable output goes, and the environment that says how (NO_COLOR, FORCE_COLOR). */
export type Output = Pick<EpicContext, 'stdout' | 'env'>;

/**
 * JSON for scripts: indented on a terminal, for the person reading it;
 * compact when stdout is a pipe or a file (as `gh` does): the same value,
 * half the bytes or less to write and to parse.
 */
export function printJson(stdout: Writable, value: unknown): void {
  stdout.write(`${isTerminal(stdout) ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
}

/** `printJson` of a value already serialized compactly (`json`: its JSON text, as the database built it). */
export function printJsonText(stdout: Writable, json: string): void {
  stdout.write(`${isTerminal(stdout) ? JSON.stringify(JSON.parse(json), null, 2) : json}\n`);
}

/**
 * `printJson` of an array whose items come one at a time: the same text (indented
 * on a terminal, compact elsewhere), written in chunks as the items come, so
 * that neither the array nor its text is ever held whole. Waits for the
 * stream to drain when it asks to.
 */
export async function printJsonArray(stdout: Writable, items: AsyncIterable<unknown>): Promise<void> {
  const indent = isTerminal(stdout);
  let chunk = '[';
  let count = 0;
  for await (const item of items) {
    const text = indent ? `\n  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}` : JSON.stringify(item);
    chunk += count === 0 ? text : `,${text}`;
    count++;
    if (chunk.length >= JSON_CHUNK_CHARS) {
      if (!stdout.write(chunk)) await drained(stdout);
      chunk = '';
    }
  }
  stdout.write(`${chunk}${indent && count > 0 ? '\n' : ''}]\n`);
}

/** Resolves when the stream drains, or closes or fails (a reader that went away: the write's own error reports it). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}

/** Characters of JSON written per write() by printJsonArray. */
const JSON_CHUNK_CHARS = 64 * 1024;

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  /** The heading, already in the reader's language. */
  readonly header: string;
  readonly value: (row: T) => Cell;
  /**
   * How readily the column gives up width when the table is wider than the
   * terminal: 0 (the default) never — ids, amounts, dates; the larger, the sooner.
   */
  readonly shrink?: number;
  /** 0 (the default): always shown; otherwise it may be left out on a narrow terminal, the larger the sooner. */
  readonly drop?: number;
  readonly align?: 'left' | 'right';
  /** A colour for this cell on a terminal. */
  readonly style?: (row: T) => Style | undefined;
}

/** Rows written per write(): a 100,000-row listing is not 100,000 system calls. */
const CHUNK = 512;

/**
 * A table for people. On a terminal: aligned columns fitted to its width
 * (long values cut with `…`), headings in bold. Anywhere else (a pipe, a
 * file): one tab-separated line per row, no heading, no padding, no colour,
 * for `cut`, `sort` and spreadsheets. Nothing to show: `empty` on a terminal,
 * nothing at all otherwise (a script reads no line).
 */
export async function printTable<T>(out: Output, rows: readonly T[], columns: readonly Column<T>[], empty: string): Promise<void> {
  const { stdout } = out;
  if (rows.length === 0) {
    // In a pipe, nothing at all: a script reads no line (and stderr stays for errors and warnings).
    if (isTerminal(stdout)) stdout.write(`${empty}\n`);
    return;
  }
  if (!isTerminal(stdout)) {
    writeChunked(stdout, rows, (row) => columns.map((column) => tabCell(column.value(row))).join('\t'));
    return;
  }
  const [{ fitColumns }, { cutToWidth, padToWidth, textWidth }] = await Promise.all([
    import('./output/table-layout.js'),
    import('./output/text-width.js'),
  ]);
  const colour = colourFor(stdout, out.env);
  const headers = columns.map((column) => column.header);
  const cells = rows.map((row) => columns.map((column) => plainCell(column.value(row))));
  const needs = columns.map((column, i) => {
    const header = textWidth(column.header);
    let natural = header;
    for (const row of cells) natural = Math.max(natural, textWidth(row[i] ?? ''));
    return { natural, header, shrink: column.shrink ?? 0, drop: column.drop ?? 0 };
  });
  const widths = fitColumns(needs, columnsOf(stdout));
  const shown = columns.flatMap((_, i) => ((widths[i] ?? 0) > 0 ? [i] : []));
  const last = shown[shown.length - 1];
  const line = (values: readonly string[], styleOf: (i: number) => Style | undefined) =>
    shown
      .map((i) => {
        const value = values[i] ?? '';
        const width = widths[i] ?? 0;
        const cut = cutToWidth(value, width);
        // The last column is not padded: no trailing spaces to wrap on a narrow terminal.
        const text = i === last && columns[i]?.align !== 'right' ? cut : padToWidth(cut, width, columns[i]?.align);
        const style = styleOf(i);
        return style === undefined ? text : paint(colour, style, text);
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  stdout.write(`${line(headers, () => 'bold')}\n`);
  writeChunked(stdout, rows, (row, index) =>
    line(cells[index] ?? [], (i) => (cells[index]?.[i] === '-' ? 'dim' : columns[i]?.style?.(row))),
  );
}

function writeChunked<T>(stdout: Writable, rows: readonly T[], render: (row: T, index: number) => string): void {
  for (let start = 0; start < rows.length; start += CHUNK) {
    let text = '';
    const end = Math.min(rows.length, start + CHUNK);
    for (let i = start; i < end; i++) text += `${render(rows[i] as T, i)}\n`;
    stdout.write(text);
  }
}

/** A field of a record's view: a label and a value, or a group of fields under a label (a client's contact). */
export type Field = readonly [label: string, value: Cell | readonly Field[]];

/**
 * One record as labelled fields, nested groups indented under their label.
 * On a terminal: labels aligned (dimmed with colour), long values wrapped to
 * its width. Anywhere else: `label<TAB>value` lines, a nested field's label
 * prefixed with its group's.
 */
export async function printFields(out: Output, fields: readonly Field[]): Promise<void> {
  const { stdout } = out;
  if (!isTerminal(stdout)) {
    const lines: string[] = [];
    const walk = (group: readonly Field[], prefix: string) => {
      for (const [label, value] of group) {
        if (isGroup(value)) walk(value, `${prefix}${label} `);
        else lines.push(`${prefix}${label}\t${tabCell(value)}`);
      }
    };
    walk(fields, '');
    stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const { padToWidth, textWidth, wrapToWidth } = await import('./output/text-width.js');
  const colour = colourFor(stdout, out.env);
  const columns = columnsOf(stdout);
  const lines: string[] = [];
  const walk = (group: readonly Field[], indent: number) => {
    const labelWidth = Math.max(...group.map(([label]) => textWidth(label)));
    for (const [label, value] of group) {
      const head = ' '.repeat(indent) + padToWidth(label, labelWidth);
      if (isGroup(value)) {
        lines.push(paint(colour, 'dim', `${' '.repeat(indent)}${label}`));
        walk(value, indent + 2);
        continue;
      }
      const text = plainCell(value);
      const start = indent + labelWidth + GAP;
      const [first = '', ...rest] = wrapToWidth(text, Math.max(10, columns - start));
      const shown = (piece: string) => (text === '-' ? paint(colour, 'dim', piece) : piece);
      lines.push(`${paint(colour, 'dim', head)}${' '.repeat(GAP)}${shown(first)}`.trimEnd());
      for (const piece of rest) lines.push(`${' '.repeat(start)}${shown(piece)}`);
    }
  };
  walk(fields, 0);
  stdout.write(`${lines.join('\n')}\n`);
}

/** A cell of a tab-separated line: nothing for no value (a script tests for an empty field, not a dash). */
function tabCell(value: Cell): string {
  return value === null || value === undefined ? '' : plainCell(value).replaceAll('\t', ' ');
}

function isGroup(value: Field[1]): value is readonly Field[] {
  return Array.isArray(value);
}

/** A cell as text: `-` for nothing; control characters become spaces, so a row is one line and no escape reaches the terminal. */
export function plainCell(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-';
  return terminalSafe(String(value));
}
