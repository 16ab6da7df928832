import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { ConfigFile, ConfigFileProblem } from './config-problems.js';

/** A key, a token or a `.env` is a few hundred bytes: anything past this is not one of ours. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export interface RegularFile {
  readonly text: string;
  /** The permission bits and type, from the descriptor that was read (no race with a swap of the file). */
  readonly mode: number;
}

const OPEN_ERRORS: Readonly<Record<string, ConfigFileProblem>> = {
  ENOTDIR: 'notFolder',
  EISDIR: 'isFolder',
  EACCES: 'denied',
  EPERM: 'denied',
  ELOOP: 'loop',
};

/**
 * Reads a configuration file that must be a regular file of at most
 * `maxBytes`: undefined when it does not exist. A folder, a FIFO, a device
 * (`.env` linked to /dev/zero), a socket or a file too large is refused
 * (exit 2) with one line that names it — never read, so never a hang. The
 * file is opened non-blocking (opening a FIFO with no writer returns at once)
 * and then inspected through its descriptor.
 */
export function readRegularFile(path: string, file: ConfigFile, maxBytes = MAX_CONFIG_FILE_BYTES): RegularFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const problem = code === undefined ? undefined : OPEN_ERRORS[code];
    if (problem === undefined) throw error;
    throw unusable(file, path, problem, maxBytes, error);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw unusable(file, path, 'isFolder', maxBytes);
    if (!stats.isFile()) throw unusable(file, path, 'notRegular', maxBytes);
    if (stats.size > maxBytes) throw unusable(file, path, 'tooLarge', maxBytes);
    // The size was read before the bytes: read at most one byte past the bound to see a file that grew.
    const buffer = Buffer.alloc(Math.min(maxBytes, stats.size) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) throw unusable(file, path, 'tooLarge', maxBytes);
      if (length === buffer.length) break;
    }
    return { text: buffer.subarray(0, length).toString('utf8'), mode: stats.mode };
  } finally {
    closeSync(fd);
  }
}

function unusable(file: ConfigFile, path: string, problem: ConfigFileProblem, maxBytes: number, cause?: unknown): InvalidInput {
  return new InvalidInput(msg('faults.configFile.unusable', { file, path, problem, maxBytes }), { cause });
}
