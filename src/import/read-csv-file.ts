import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { decodeCsv, type ParsedCsv, parseCsv } from './csv.js';
import type { ReadProblem } from './import-problems.js';

const READ_PROBLEMS: Readonly<Record<string, ReadProblem>> = { ENOENT: 'missing', EACCES: 'denied', EISDIR: 'folder' };

/** Reads and parses a CSV file named on the command line (relative to the working directory). */
export function readCsvFile(cwd: string, file: string): ParsedCsv {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = (code === undefined ? undefined : READ_PROBLEMS[code]) ?? null;
    throw new InvalidInput(msg('transfer.cannotRead', { file, problem, code: String(code ?? error) }), { cause: error });
  }
  return parseCsv(decodeCsv(bytes));
}
