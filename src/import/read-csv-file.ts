import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInput } from '../errors.js';
import { decodeCsv, type ParsedCsv, parseCsv } from './csv.js';

/** Reads and parses a CSV file named on the command line (relative to the working directory). */
export function readCsvFile(cwd: string, file: string): ParsedCsv {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : String(code ?? error);
    throw new InvalidInput(`cannot read ${file}: ${why}`, { cause: error });
  }
  return parseCsv(decodeCsv(bytes));
}
