import { ACCOUNT_STREAM_PREFIX, type AccountEventType } from '../domain/accounts/account-events.js';
import { upcast } from '../domain/upcasters.js';
import type { EventStore } from '../events/event-store.js';

/** What a user holds across client accounts, folded from the log (not from read tables). */
export interface Portfolio {
  /** Clients whose commercial the user is. */
  readonly clients: readonly string[];
  /** Occasions assigned to the user, with the client account each lives in. */
  readonly occasions: readonly { readonly clientId: string; readonly occasionId: string }[];
}

/** The account events that change who holds what (a misspelt type here would be read from no stream: it does not type-check). */
const TYPES = [
  'ClientCreated',
  'ClientReassigned',
  'ClientDeleted',
  'SupportAssigned',
  'SupportUnassigned',
] as const satisfies readonly AccountEventType[];
const BATCH = 5_000;

/**
 * Ownership and assignments live in each client's stream; finding all of one
 * user's needs the whole log. Only the few event types that change them are
 * read (filtered by the store), in bounded batches. Used by the rare user
 * deletion and role change, never on the hot path.
 */
export async function portfolioOf(store: EventStore, userId: string): Promise<Portfolio> {
  const owner = new Map<string, string>();
  const support = new Map<string, { clientId: string; supportId: string }>();
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: BATCH, types: TYPES });
    for (const event of batch.map(upcast)) {
      const clientId = event.streamId.startsWith(ACCOUNT_STREAM_PREFIX) ? event.streamId.slice(ACCOUNT_STREAM_PREFIX.length) : undefined;
      if (clientId === undefined) continue;
      const data = event.data;
      switch (event.type) {
        case 'ClientCreated':
        case 'ClientReassigned':
          owner.set(clientId, String(data.commercialId));
          break;
        case 'ClientDeleted':
          owner.delete(clientId);
          break;
        case 'SupportAssigned':
          support.set(String(data.occasionId), { clientId, supportId: String(data.supportId) });
          break;
        case 'SupportUnassigned':
          support.delete(String(data.occasionId));
          break;
      }
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.position;
  }
  return {
    clients: [...owner].filter(([, commercialId]) => commercialId === userId).map(([clientId]) => clientId),
    occasions: [...support].filter(([, a]) => a.supportId === userId).map(([occasionId, a]) => ({ clientId: a.clientId, occasionId })),
  };
}
