import { assertAllowed } from '../auth/policy.js';
import type { ActorContext } from '../commands/handler-context.js';
import { Conflict } from '../errors.js';
import type { AuditKey } from '../events/audit-key.js';
import { msg } from '../i18n/message.js';
import { DIGESTS_STREAM, type Digest, digestRecord, digestTime } from './log-digest.js';
import { verifyLog } from './verify.js';

/**
 * `epic audit digest`: verifies the whole log (a digest of a log that does
 * not verify would vouch for its tampering), takes the digest of the log as
 * read, and records it in the log with the heads it commits to (log-digest.ts),
 * so a later `verify --since` can name what changed. Gestion only.
 */
export async function takeDigest(context: ActorContext, key: AuditKey | undefined): Promise<{ digest: Digest; streams: number }> {
  assertAllowed('audit.digest', context.actor);
  const report = await verifyLog(context.store, {
    credentials: context.credentials,
    take: digestTime(context.now()),
    ...(key !== undefined && { key }),
  });
  const taken = report.taken;
  const problem = report.broken[0] ?? report.credentials[0];
  if (problem !== undefined || taken === undefined) {
    throw new Conflict(msg('chain.digest.notTaken', { stream: problem?.stream ?? '-', version: problem?.version ?? 0 }));
  }
  const events = digestRecord(taken.digest, taken, {
    actor: { id: context.actor.id, role: context.actor.role },
    at: context.now().toISOString(),
    commandId: context.commandId,
  });
  const result = await context.store.append(DIGESTS_STREAM, events, 'any');
  context.recorded.push(...result.events);
  return { digest: taken.digest, streams: taken.heads.length };
}
