import { statSync } from 'node:fs';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';

/**
 * EPIC_HOME must be a folder, or not exist yet (`epic init` creates it): a
 * file there (or on the way there) is a configuration error, said once, before
 * any store or private file is opened under it.
 */
export function checkHome(path: string): void {
  try {
    if (!statSync(path).isDirectory()) throw new InvalidInput(msg('faults.home.notFolder', { path }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new InvalidInput(msg('faults.home.notFolder', { path }), { cause: error });
    throw error;
  }
}
