import { resolve } from 'node:path';
import { writePrivateFile } from '../config/private-files.js';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { WriteProblem } from './export-problems.js';

/**
 * `--output`: the export holds clients' personal data, so the file is created
 * 0600 from its first byte (and an existing file is replaced, not widened).
 */
export function writeExportFile(cwd: string, file: string, content: string): void {
  try {
    writePrivateFile(resolve(cwd, file), content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const problem: WriteProblem | null = code === 'EACCES' ? 'denied' : code === 'ENOENT' ? 'noFolder' : null;
    throw new InvalidInput(msg('transfer.cannotWrite', { file, problem, code }), { cause: error });
  }
}
