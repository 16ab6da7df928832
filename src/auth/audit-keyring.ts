import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/config.js';
import { readPrivateFile, removeFile } from '../config/private-files.js';
import { AuditKey, type AuditKeyring } from '../events/audit-key.js';

export function auditKeyPath(config: Config): string {
  return join(config.home, 'audit.key');
}

/**
 * The installation's audit key: EPIC_AUDIT_KEY, else `$EPIC_HOME/audit.key`
 * (0600). When neither exists and the log has no key yet (`epic init`, or the
 * first write after upgrading an installation made before the keyed chain),
 * the key is generated into the file, and `onCreate` hears where: the user
 * must keep a copy elsewhere.
 */
export function auditKeyring(config: Config, onCreate: (path: string) => void = () => {}): AuditKeyring {
  const path = auditKeyPath(config);
  let loaded: AuditKey | undefined;
  const load = (): AuditKey | undefined => {
    if (loaded !== undefined) return loaded;
    if (config.auditKey !== undefined) loaded = AuditKey.fromText(config.auditKey, 'EPIC_AUDIT_KEY');
    else {
      const text = readPrivateFile(path, 'auditKey');
      if (text !== undefined) loaded = AuditKey.fromText(text, path);
    }
    return loaded;
  };
  return {
    load,
    create: () => {
      const existing = load();
      if (existing !== undefined) return existing;
      if (createExclusively(path, `${AuditKey.generateText()}\n`)) onCreate(path);
      // Ours, or the one another process created a moment before: the file holds the one key both use.
      const key = load();
      if (key === undefined) throw new Error(`the audit key ${path} was created but cannot be read back`);
      return key;
    },
  };
}

/**
 * Writes `content` to `path` (0600 from the first byte) unless the file
 * exists: a temp file is linked into place, which fails when another process
 * got there first. True when this call created it.
 */
function createExclusively(path: string, content: string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'w' });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeFile(temp);
  }
}
