/**
 * Finds the record `epic history` names, deleted ones included. The read
 * tables drop deleted rows, so when they do not know an id (or prefix) the
 * log is searched: the user directory stream for users, the stream names for
 * clients, the creation events (filtered by type in the store, in bounded
 * batches) for contracts and events. Only this command does that.
 */

import { ACCOUNT_STREAM_PREFIX } from '../domain/accounts/account-events.js';
import { usersAggregate } from '../domain/aggregates.js';
import { fold } from '../domain/decider.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import { MIN_ID_PREFIX } from '../domain/values/ids.js';
import { InvalidInput, NotFound } from '../errors.js';
import type { EventStore } from '../events/event-store.js';
import { msg } from '../i18n/message.js';
import type { RecordRef } from './history.js';
import type { RecordKind } from './record-views.js';

const BATCH = 5_000;

/** The live records' index, when there is one: a read table lookup that may not know deleted records. */
export type LiveLookup = (kind: 'contract' | 'event', input: string) => Promise<{ id: string; clientId: string } | undefined>;

/**
 * Of several records a prefix starts, those the actor may view: only they make
 * the prefix ambiguous (another commercial's record must not, the answer
 * would reveal it). Asked only when more than one matches.
 */
export type ViewFilter = (kind: 'client' | 'contract' | 'event', candidates: readonly Candidate[]) => Promise<Candidate[]>;

export interface Candidate {
  readonly id: string;
  readonly clientId: string;
}

export async function locateRecord(
  store: EventStore,
  kind: RecordKind,
  input: string,
  live?: LiveLookup,
  visible?: ViewFilter,
): Promise<RecordRef> {
  switch (kind) {
    case 'user': {
      const users = fold(usersAggregate, await store.readStream(USERS_STREAM));
      return { kind, id: pick(kind, input, Object.keys(users.users)) };
    }
    case 'client': {
      const exact = await store.readStream(`${ACCOUNT_STREAM_PREFIX}${input}`, { limit: 1 });
      if (exact.length > 0) return { kind, id: input, clientId: input };
      checkPrefix(kind, input);
      const heads = await store.streamHeads();
      const ids = heads
        .filter((h) => h.streamId.startsWith(`${ACCOUNT_STREAM_PREFIX}${input}`))
        .map((h) => h.streamId.slice(ACCOUNT_STREAM_PREFIX.length));
      const id = pick(
        kind,
        input,
        await narrowed(
          kind,
          input,
          ids.map((id) => ({ id, clientId: id })),
          visible,
        ),
      );
      return { kind, id, clientId: id };
    }
    case 'contract':
    case 'event': {
      const found =
        live === undefined
          ? undefined
          : await live(kind, input).catch((error: unknown) => {
              if (error instanceof NotFound) return undefined;
              throw error;
            });
      if (found) return { kind, ...found };
      return scanCreations(store, kind, input, visible);
    }
  }
}

/** Searches the creation events of contracts (or events) for the id or a prefix of it. */
async function scanCreations(store: EventStore, kind: 'contract' | 'event', input: string, visible?: ViewFilter): Promise<RecordRef> {
  const type = kind === 'contract' ? 'ContractCreated' : 'OccasionScheduled';
  const field = kind === 'contract' ? 'contractId' : 'occasionId';
  const matches = new Map<string, string>();
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: BATCH, types: [type] });
    for (const event of batch) {
      const id = event.data[field];
      if (typeof id !== 'string' || !event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) continue;
      if (id === input) return { kind, id, clientId: event.streamId.slice(ACCOUNT_STREAM_PREFIX.length) };
      if (id.startsWith(input)) matches.set(id, event.streamId.slice(ACCOUNT_STREAM_PREFIX.length));
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.position;
  }
  checkPrefix(kind, input);
  const candidates = [...matches].map(([id, clientId]) => ({ id, clientId }));
  const id = pick(kind, input, await narrowed(kind, input, candidates, visible));
  return { kind, id, clientId: matches.get(id)! };
}

/**
 * The ids a prefix may resolve to: with a filter and several matches, those
 * the actor may view, or (none of them) the first, which the caller then
 * answers as out of scope, as it does any record the actor may not view.
 */
async function narrowed(
  kind: 'client' | 'contract' | 'event',
  input: string,
  candidates: readonly Candidate[],
  visible: ViewFilter | undefined,
): Promise<string[]> {
  const ids = candidates.map((c) => c.id);
  const matching = candidates.filter((c) => c.id.startsWith(input));
  if (visible === undefined || ids.includes(input) || matching.length < 2) return ids;
  const seen = await visible(kind, matching);
  return seen.length > 0 ? seen.map((c) => c.id) : matching.slice(0, 1).map((c) => c.id);
}

function checkPrefix(kind: RecordKind, input: string): void {
  if (input.length < MIN_ID_PREFIX) {
    throw new InvalidInput(msg('values.id.tooShort', { noun: kind, input, min: MIN_ID_PREFIX }));
  }
}

/** The one id that is `input` or starts with it. */
function pick(kind: RecordKind, input: string, ids: readonly string[]): string {
  if (ids.includes(input)) return input;
  checkPrefix(kind, input);
  const matching = ids.filter((id) => id.startsWith(input));
  if (matching.length === 0) throw new NotFound(msg('values.id.notInLog', { noun: kind, input }));
  if (matching.length > 1) throw new InvalidInput(msg('values.id.ambiguous', { noun: kind, input, count: matching.length }));
  return matching[0]!;
}
