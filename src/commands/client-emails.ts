/**
 * Client emails unique across client accounts (issue 19): every change of a
 * client's email, or of its existence, goes through the client email
 * directory (src/domain/client-emails). The email is claimed on the
 * directory before the client's stream records it, and released after the
 * stream records that the client gave it up, so that at no moment two
 * clients' streams hold one email — whatever the store, and whatever runs
 * beside (the directory's expected version decides who wins a race).
 */
import { createHash } from 'node:crypto';
import { ACCOUNT_STREAM_PREFIX, type AccountEventType, accountStream } from '../domain/accounts/account-events.js';
import { accountAggregate, clientEmailsAggregate } from '../domain/aggregates.js';
import {
  CLIENT_EMAILS_STREAM,
  type ClientEmailEvent,
  decideEmailChange,
  type EmailChange,
  OwnedClientEmails,
} from '../domain/client-emails/client-email-directory.js';
import { emailKey } from '../domain/values/contact.js';
import type { AppendResult, EventStore, NewEvent, StreamAppend } from '../events/event-store.js';
import { WrongExpectedVersion } from '../events/wrong-expected-version.js';
import { appendCounter, decideOnStream, loadStream } from './decide-on-stream.js';
import type { ActorContext } from './handler-context.js';
import { toNewEvents } from './new-events.js';
import { backoff, MAX_ATTEMPTS } from './unit-of-work.js';

const LEGACY_TYPES = ['ClientCreated', 'ClientUpdated', 'ClientDeleted'] as const satisfies readonly AccountEventType[];
const BATCH = 5_000;

/**
 * How long a claim by a client whose stream was never written is taken for a
 * creation under way. The claim is appended just before the client's first
 * event (milliseconds before, or a retry window on EventStoreDB); one older
 * than this is a command that stopped in between (a crash, a kill), and
 * holds the email no longer, or the email could never be used again.
 */
export const ABANDONED_CLAIM_MS = 10 * 60_000;

/** The directory's key of an email: a digest of its lower-cased form (the directory never holds an address). */
export function clientEmailKey(email: string): string {
  return createHash('sha256').update(emailKey(email)).digest('hex');
}

/**
 * Takes `claim` and gives up `release` for `clientId` on the directory, in one
 * decision; Conflict (6) when another client holds `claim`.
 */
export async function changeClientEmail(
  context: ActorContext,
  clientId: string,
  emails: { claim?: string; release?: string },
): Promise<void> {
  await changeOnDirectory(context, {
    clientId,
    ...(emails.claim !== undefined && { claim: clientEmailKey(emails.claim) }),
    ...(emails.release !== undefined && { release: clientEmailKey(emails.release) }),
  });
}

async function changeOnDirectory(context: ActorContext, change: Omit<EmailChange, 'holderStillHolds'>): Promise<void> {
  await decideOnStream(context, context.actor, CLIENT_EMAILS_STREAM, clientEmailsAggregate, async (directory) => {
    const holder = change.claim === undefined ? undefined : directory.holders[change.claim];
    const holderStillHolds =
      holder === undefined || holder === change.clientId
        ? undefined
        : await holds(context.store, holder, change.claim as string, context.now());
    const seed = directory.seeded ? undefined : await existingClients(context.store);
    return decideEmailChange(directory, { ...change, ...(holderStillHolds !== undefined && { holderStillHolds }) }, seed);
  });
}

/**
 * Whether a client's own stream still has the email behind `key`. A stream
 * not written yet is an account being created: it holds the key while its
 * claim is recent (ABANDONED_CLAIM_MS).
 */
async function holds(store: EventStore, clientId: string, key: string, now: Date): Promise<boolean> {
  const { state, version } = await loadStream({ store }, accountStream(clientId), accountAggregate);
  if (version === 0) return claimIsRecent(store, clientId, key, now);
  return state.status === 'active' && state.client !== null && clientEmailKey(state.client.email) === key;
}

/** Whether the directory's last claim of `key` by `clientId` was recorded less than ABANDONED_CLAIM_MS before `now` (true when none is found). */
async function claimIsRecent(store: EventStore, clientId: string, key: string, now: Date): Promise<boolean> {
  const claim = (await store.readStream(CLIENT_EMAILS_STREAM)).findLast(
    (event) => event.type === 'ClientEmailClaimed' && event.data.clientId === clientId && event.data.emailKey === key,
  );
  if (claim === undefined) return true;
  return now.getTime() - Date.parse(claim.metadata.at) < ABANDONED_CLAIM_MS;
}

/** The live clients of a log written before the directory existed (key -> client), folded from the three types that matter. */
async function existingClients(store: EventStore): Promise<Map<string, string>> {
  const emailOf = new Map<string, string>();
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: BATCH, types: LEGACY_TYPES });
    for (const event of batch) {
      if (!event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) continue;
      const clientId = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
      const email = event.data.email;
      if (event.type === 'ClientDeleted') emailOf.delete(clientId);
      else if (typeof email === 'string') emailOf.set(clientId, email);
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.position;
  }
  const seed = new Map<string, string>();
  // Clients that already shared an email before the rule: the first keeps it in the directory.
  for (const [clientId, email] of emailOf) if (!seed.has(clientEmailKey(email))) seed.set(clientEmailKey(email), clientId);
  return seed;
}

/** Claims for an import (`clientEmailClaimer`). */
export interface ClientEmailClaimer {
  /** Claims the email for the client now: one append of the directory (decided again on a concurrent change). */
  claim(clientId: string, email: string): Promise<void>;
  /**
   * Claims it in the batch under way: decided now, against the directory and
   * the batch's earlier claims, and appended with the batch (`batchAppend`),
   * in the same transaction as the batch's clients, all or nothing.
   */
  stage(clientId: string, email: string): Promise<void>;
  /** The batch's claims, as one append of the directory at the version they were decided on; none without claims. */
  batchAppend(): StreamAppend | undefined;
  /** The batch was written; `result` is what its directory append recorded (the batch lists its events in `recorded`). */
  batchWritten(result: AppendResult | undefined): void;
  /** The batch was not written (a concurrent change): its claims are dropped and the directory is read again. */
  batchDropped(): void;
}

/**
 * Claims for an import, row after row, without reading the directory again
 * for each row: the directory is folded once and kept in step with what
 * this claimer appends (changed in place: it is this claimer's own copy, never
 * copied per claim); a concurrent change to it is read and the claim decided
 * again. Each claim is appended before the row's client stream, or with it in
 * one transaction when the import writes in batches.
 */
export function clientEmailClaimer(context: ActorContext): ClientEmailClaimer {
  let directory: { owned: OwnedClientEmails; version: number } | undefined;
  let staged: NewEvent[] = [];
  const load = async () => {
    const loaded = await loadStream(context, CLIENT_EMAILS_STREAM, clientEmailsAggregate);
    return { owned: new OwnedClientEmails(loaded.state), version: loaded.version };
  };
  /** The directory's events for this claim, decided on the directory as this claimer holds it. */
  const decide = async (clientId: string, claim: string, current: OwnedClientEmails): Promise<ClientEmailEvent[]> => {
    const { state } = current;
    const holder = state.holders[claim];
    const holderStillHolds =
      holder === undefined || holder === clientId ? undefined : await holds(context.store, holder, claim, context.now());
    const seed = state.seeded ? undefined : await existingClients(context.store);
    return decideEmailChange(state, { clientId, claim, ...(holderStillHolds !== undefined && { holderStillHolds }) }, seed);
  };
  const newEvents = (events: readonly ClientEmailEvent[]) =>
    toNewEvents(events, {
      streamId: CLIENT_EMAILS_STREAM,
      commandId: context.commandId,
      append: appendCounter(context),
      actor: context.actor,
      at: context.now().toISOString(),
    });
  return {
    async claim(clientId, email) {
      const claim = clientEmailKey(email);
      for (let attempt = 1; ; attempt++) {
        directory ??= await load();
        const current = directory;
        const events = await decide(clientId, claim, current.owned);
        if (events.length === 0) return;
        try {
          const result = await context.store.append(
            CLIENT_EMAILS_STREAM,
            newEvents(events),
            current.version === 0 ? 'no_stream' : current.version,
          );
          context.recorded.push(...result.events);
          current.owned.apply(events);
          directory = { owned: current.owned, version: result.version };
          return;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
          directory = undefined;
          await backoff(attempt);
        }
      }
    },
    async stage(clientId, email) {
      directory ??= await load();
      const events = await decide(clientId, clientEmailKey(email), directory.owned);
      if (events.length === 0) return;
      staged.push(...newEvents(events));
      directory.owned.apply(events);
    },
    batchAppend() {
      if (staged.length === 0 || directory === undefined) return undefined;
      return { streamId: CLIENT_EMAILS_STREAM, events: staged, expected: directory.version === 0 ? 'no_stream' : directory.version };
    },
    batchWritten(result) {
      staged = [];
      if (result === undefined || directory === undefined) return;
      directory = { owned: directory.owned, version: result.version };
    },
    batchDropped() {
      staged = [];
      directory = undefined;
    },
  };
}
