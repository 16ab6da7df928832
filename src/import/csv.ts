/**
 * A small RFC 4180 reader for the files spreadsheets export: quoted fields,
 * doubled quotes, separators and line breaks inside quotes, CRLF or LF (or a
 * lone CR), UTF-8 with or without a BOM, `,` `;` or tab as the separator
 * (detected from the header line: French-locale spreadsheets write `;`).
 *
 * Each record carries the physical line where it starts, so a report can send
 * the user to the right line even when earlier fields hold line breaks. A
 * malformed record does not stop the reading: it is returned with a problem,
 * and the next record starts after its line break.
 */
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { CsvProblem } from './import-problems.js';

export type CsvSeparator = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based physical line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Why the record is malformed (its fields are then best effort). */
  readonly problem?: CsvProblem;
}

export interface ParsedCsv {
  readonly separator: CsvSeparator;
  /** Every non-blank record, the header first. */
  readonly records: readonly CsvRecord[];
}

const BOM = '\uFEFF';

/** Decodes UTF-8 (dropping a BOM); refuses bytes that are not UTF-8 rather than guessing an encoding. */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new InvalidInput(msg('transfer.notUtf8'), { cause: error });
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The separator the first line uses most outside quotes; `,` when there is no clue. */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  let best: CsvSeparator = ',';
  for (const candidate of [';', '\t'] as const) if (counts[candidate] > counts[best]) best = candidate;
  return best;
}

export function parseCsv(input: string, options: { separator?: CsvSeparator } = {}): ParsedCsv {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const separator = options.separator ?? detectSeparator(text);
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;

  const isEnd = (c: string | undefined) => c === separator || c === '\n' || c === '\r';

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let problem: CsvProblem | undefined;
    let quotedAny = false;
    for (;;) {
      let value: string;
      if (text[i] === '"') {
        quotedAny = true;
        i++;
        value = '';
        let closed = false;
        while (i < n) {
          const quote = text.indexOf('"', i);
          if (quote < 0) {
            value += text.slice(i);
            i = n;
            break;
          }
          value += text.slice(i, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            closed = true;
            break;
          }
        }
        // Line breaks inside a field count as physical lines; the value keeps them as LF.
        value = value.replace(/\r\n?/g, '\n');
        line += countLineBreaks(value);
        if (!closed) problem ??= 'unclosedQuote';
        else if (i < n && !isEnd(text[i])) {
          problem ??= 'textAfterQuote';
          const from = i;
          while (i < n && !isEnd(text[i])) i++;
          value += text.slice(from, i);
        }
      } else {
        const from = i;
        while (i < n && !isEnd(text[i])) i++;
        value = text.slice(from, i);
        if (value.includes('"')) problem ??= 'quoteInUnquoted';
      }
      fields.push(value);
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // An empty line, or a row of empty cells (`;;;;`, as spreadsheets write blank rows).
    const blank = !quotedAny && fields.every((field) => field === '');
    if (!blank) records.push(problem === undefined ? { line: start, fields } : { line: start, fields, problem });
  }
  return { separator, records };
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) count++;
  return count;
}
