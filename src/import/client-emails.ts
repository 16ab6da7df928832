import { ACCOUNT_STREAM_PREFIX, type AccountEventType } from '../domain/accounts/account-events.js';
import { emailKey } from '../domain/values/contact.js';
import type { EventStore } from '../events/event-store.js';

const TYPES = ['ClientCreated', 'ClientUpdated', 'ClientDeleted'] as const satisfies readonly AccountEventType[];
const BATCH = 5_000;

/**
 * Which live clients hold each email (lower-cased), folded from the log: an
 * import decides "update or create" on this, not on the read tables. Client
 * emails are not unique by rule, so one email may map to several clients.
 * Only the three event types that change a client's email or existence are
 * read, in bounded batches.
 */
export async function clientsByEmail(store: EventStore): Promise<Map<string, string[]>> {
  const emailOf = new Map<string, string>();
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: BATCH, types: TYPES });
    for (const event of batch) {
      if (!event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) continue;
      const clientId = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
      const email = event.data.email;
      if (event.type === 'ClientDeleted') emailOf.delete(clientId);
      else if (typeof email === 'string' && (event.type === 'ClientCreated' || emailOf.has(clientId))) emailOf.set(clientId, email);
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.position;
  }
  const byEmail = new Map<string, string[]>();
  for (const [clientId, email] of emailOf) {
    const key = emailKey(email);
    const ids = byEmail.get(key);
    if (ids) ids.push(clientId);
    else byEmail.set(key, [clientId]);
  }
  return byEmail;
}
