import { existsSync, statSync } from 'node:fs';
import { secretPath } from '../auth/secret.js';
import type { Config } from '../config/config.js';
import { parseReadDbUrl } from '../config/read-db-url.js';
import { BackendUnavailable } from '../errors.js';
import type { EventStore } from '../events/event-store.js';
import type { InstallationEvidence } from '../events/store-problems.js';
import { msg } from '../i18n/message.js';
import type { ReadDb } from '../projections/read-db/open-read-db.js';

/**
 * An empty event log is a new installation only if nothing says otherwise.
 * A log truncated to nothing, or a database recreated empty, would otherwise
 * be taken for a new one: every account gone, and `epic init` open to anyone,
 * who would become gestion. So when the log is empty but the generated
 * `secret.key` exists (only `epic init` writes it), or the read tables have
 * applied events, the command stops with exit 7: restore from a backup.
 *
 * The audit key is no evidence: it may be provisioned before `epic init`
 * (EPIC_AUDIT_KEY, or the file put in place). Costs one head read a command,
 * and the read database's checkpoints only when the log is empty.
 */
export async function refuseLostStore(store: EventStore, config: Config, readDb: () => Promise<ReadDb>): Promise<void> {
  if ((await store.headPosition()) > 0) return;
  const evidence = await evidenceOfInstallation(config, readDb);
  if (evidence !== undefined) throw new BackendUnavailable(msg('faults.store.lost', { evidence }));
}

async function evidenceOfInstallation(config: Config, readDb: () => Promise<ReadDb>): Promise<InstallationEvidence | undefined> {
  if (config.secret === undefined && existsSync(secretPath(config))) return 'secretKey';
  if (!mayHoldTables(config.readDbUrl)) return undefined;
  try {
    const { db } = await readDb();
    const row = await db
      .selectFrom('projection_state')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    return Number(row?.position ?? 0) > 0 ? 'readTables' : undefined;
  } catch {
    // A read database that cannot be read proves nothing either way; the command meets it later if it needs it.
    return undefined;
  }
}

/** A SQLite read database that does not exist yet (or is empty) holds no tables: not opened, so not created. */
function mayHoldTables(url: string): boolean {
  const target = parseReadDbUrl(url);
  if (target.dialect !== 'sqlite') return true;
  if (target.path === ':memory:') return false;
  return existsSync(target.path) && statSync(target.path).size > 0;
}
