import { renameSync, statSync } from 'node:fs';

/**
 * Moves a damaged SQLite read database (and its -wal and -shm) out of the
 * way, to `<path>.damaged-<time>`, so the next open creates it anew and the
 * projections rebuild it from the log. Only the file `opened` names is moved:
 * when another process already replaced it, nothing is, and undefined says so.
 */
export function setAsideDamaged(
  opened: { readonly path: string; readonly dev: number; readonly ino: number },
  now: Date,
): string | undefined {
  let current: { dev: number; ino: number };
  try {
    current = statSync(opened.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (current.dev !== opened.dev || current.ino !== opened.ino) return undefined;
  const aside = `${opened.path}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(opened.path, aside);
  for (const suffix of ['-wal', '-shm']) {
    try {
      renameSync(`${opened.path}${suffix}`, `${aside}${suffix}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return aside;
}
