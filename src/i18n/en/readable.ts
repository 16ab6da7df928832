/**
 * Values as a person reads and types them (issue 16): an instant with how far
 * it is from now, the words for a contract's state, amounts typed with a
 * decimal comma or spaces, dates typed the way the language writes them.
 */
import type { Format } from '../format.js';

export const readable = {
  'readable.withRelative': ({ at }: { at: string }, f: Format) => `${f.dateTime(at)} (${f.relative(at)})`,
  'readable.signed': 'signed',
  'readable.unsigned': 'not signed',
  'values.amount.ambiguous': ({ field, input }: { field: string; input: string }) =>
    `${field}: ${JSON.stringify(input)} is ambiguous (three digits after the separator): write 1500 or 1 500 for a whole amount, 1.50 or 1,50 for decimals`,
  'export.delimiter.invalid': ({ input }: { input: string }) => `--delimiter must be , or ; or tab (got ${JSON.stringify(input)})`,
  'transfer.commercialTwice':
    'this file has a commercial column: --commercial is for files without one (leave it out, or remove the column)',
  'cli.import.progressUnit': 'rows',
  'cli.progress.events': 'events',
  'cli.progress.left': ({ time }: { time: string }) => `${time} left`,
  'cli.import.progressChecking': 'checking',
  'cli.import.progressImporting': 'importing',
};
