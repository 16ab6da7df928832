import { chmodSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { PrivateFile } from './config-problems.js';
import { readRegularFile } from './regular-file.js';

/** A key or a session token is well under a kilobyte. */
const MAX_PRIVATE_FILE_BYTES = 64 * 1024;

/**
 * Files that hold secrets (the generated key, the session token) are 0600 in a
 * 0700 folder, and the CLI refuses to use one that others can read.
 */
/** Creates the folder 0700, or tightens an existing one to 0700 (only for EPIC_HOME itself). */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/** Writes atomically (temp file + rename) with mode 0600 from the first byte. */
export function writePrivateFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'w' });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/**
 * Reads a private file; undefined when absent; refuses one that is not a
 * regular file of a bounded size (regular-file.ts), or that group or others
 * can access.
 */
export function readPrivateFile(path: string, file: PrivateFile): string | undefined {
  const read = readRegularFile(path, file, MAX_PRIVATE_FILE_BYTES);
  if (read === undefined) return undefined;
  if ((read.mode & 0o077) !== 0) {
    throw new InvalidInput(msg('config.privateFile.exposed', { file, path, mode: (read.mode & 0o777).toString(8) }));
  }
  return read.text;
}

/**
 * Removes the file at `path` when there is one. `unlinkSync`, not `rmSync`:
 * on Node 24 `rmSync` (rewritten in C++) reports a read-only file system
 * with an empty `code` and "Unknown error", which no caller can tell from a
 * bug (exit 1); `unlink` says EROFS on every Node.
 */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
