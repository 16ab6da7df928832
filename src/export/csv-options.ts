import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { Language } from '../i18n/translator.js';
import { CSV_DELIMITERS, type CsvDelimiter, type CsvOptions } from './csv-writer.js';

/** `--delimiter`: `,`, `;` or `tab` (a tab character is taken too). */
export function parseDelimiter(value: string): CsvDelimiter {
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if ((CSV_DELIMITERS as readonly string[]).includes(delimiter)) return delimiter as CsvDelimiter;
  throw new InvalidInput(msg('export.delimiter.invalid', { input: value }));
}

/**
 * How a CSV of `epic export` or `epic history --format csv` is written for the
 * reader's spreadsheet: French-locale spreadsheets split on `;` and read
 * `1500,50` as a number; others split on `,` and read `1500.50`. So in French
 * the default is `;`, and amounts take a decimal comma unless the separator is
 * `,` (where the point stays, for tools).
 */
export function csvOptions(delimiterOption: string | undefined, language: Language): CsvOptions {
  const french = language === 'fr';
  const delimiter = delimiterOption === undefined ? (french ? ';' : ',') : parseDelimiter(delimiterOption);
  return { delimiter, decimalComma: french && delimiter !== ',' };
}
