/**
 * Client emails unique across client accounts (issue 19): every change of a
 * client's email, or of its existence, goes through the client email
 * directory (src/domain/client-emails), a holder stream per email. The email
 * is claimed on its holder stream before the client's stream records it, and
 * released after the stream records that the client gave it up, so that at no
 * moment two clients' streams hold one email — whatever the store, and
 * whatever runs beside (the holder stream's expected version decides who wins
 * a race). A claim reads the holder stream of one email, never the whole
 * directory: `client create` costs the same at 10 clients and at 100,000.
 */
import { createHash } from 'node:crypto';
import { ACCOUNT_STREAM_PREFIX, type AccountEventType, accountStream } from '../domain/accounts/account-events.js';
import { accountAggregate, clientEmailsAggregate, emailHolderAggregate, emailHoldersAggregate } from '../domain/aggregates.js';
import {
  CLIENT_EMAILS_STREAM,
  type ClientEmailEvent,
  decideEmailClaim,
  decideEmailRelease,
  EMAIL_HOLDERS_STREAM,
  type EmailHolderState,
  emailHolderStream,
  holdersToOpen,
} from '../domain/client-emails/client-email-directory.js';
import type { DomainEvent } from '../domain/decider.js';
import { emailKey } from '../domain/values/contact.js';
import type { EventStore, StreamAppend } from '../events/event-store.js';
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
 * Takes `claim` and gives up `release` for `clientId` on their holder
 * streams; Conflict (6) when another client holds `claim`. Within a unit of
 * work both are appended with the client's stream, all or nothing.
 */
export async function changeClientEmail(
  context: ActorContext,
  clientId: string,
  emails: { claim?: string; release?: string },
): Promise<void> {
  const claim = emails.claim === undefined ? undefined : clientEmailKey(emails.claim);
  const release = emails.release === undefined ? undefined : clientEmailKey(emails.release);
  if (claim !== undefined && claim === release) return;
  await openHolders(context);
  if (claim !== undefined) {
    await decideOnStream(context, context.actor, emailHolderStream(claim), emailHolderAggregate, (state) =>
      decideClaim(context, state, clientId, claim),
    );
  }
  if (release !== undefined) {
    await decideOnStream(context, context.actor, emailHolderStream(release), emailHolderAggregate, (state) =>
      decideEmailRelease(state, { clientId, emailKey: release }),
    );
  }
}

/** `decideEmailClaim`, with the holder's own stream read when another client holds the email. */
async function decideClaim(context: ActorContext, state: EmailHolderState, clientId: string, key: string): Promise<ClientEmailEvent[]> {
  const { holder } = state;
  const holderStillHolds = holder === null || holder === clientId ? undefined : await holds(context, state, key);
  return decideEmailClaim(state, { clientId, emailKey: key, ...(holderStillHolds !== undefined && { holderStillHolds }) });
}

/** The commands that found the holder streams open (or opened them): a command checks once. */
const seenOpen = new WeakSet<ActorContext>();

/**
 * Makes sure the holder streams are open before an email is claimed or
 * released. On a new installation (nothing to copy) the `email-holders`
 * stream's one event is decided like any other, in the command's unit of
 * work. On an installation whose directory is still the one stream written
 * before the holder streams (or a log older than any directory), every holder
 * it names gets its holder stream first, with the record that they are open,
 * in one multi-stream append of their own (all or nothing on SQLite and MySQL;
 * on EventStoreDB the record comes last, so an interrupted opening is done
 * again, skipping the holders already written): once per installation, by its
 * first email change, attributed to that command (its actor, its id).
 */
async function openHolders(context: ActorContext): Promise<void> {
  if (seenOpen.has(context)) return;
  for (let attempt = 1; ; attempt++) {
    const marker = await context.store.readStream(EMAIL_HOLDERS_STREAM, { limit: 1 });
    const first = marker[0];
    const own = first?.metadata.commandId === context.commandId;
    // Opened by another command, or by this one as it goes (an import). A command run again under its
    // idempotency key takes the same steps as its first run, so that its events get the same ids: the
    // record decided again in its unit of work, or the copy of the holders (its own append) skipped,
    // with the number that append took.
    if (first !== undefined && !(own && context.unit !== undefined && first.data.holders === 0)) {
      if (own && first.data.holders !== 0) appendCounter(context);
      seenOpen.add(context);
      return;
    }
    const { state: directory } = await loadStream(context, CLIENT_EMAILS_STREAM, clientEmailsAggregate);
    const holders = holdersToOpen(directory, directory.seeded ? undefined : await existingClients(context.store));
    if (holders.size === 0) {
      await decideOnStream(context, context.actor, EMAIL_HOLDERS_STREAM, emailHoldersAggregate, (open) =>
        open ? [] : [{ type: 'EmailHoldersOpened', data: { holders: 0 } }],
      );
      seenOpen.add(context);
      return;
    }
    const append = appendCounter(context);
    const at = context.now().toISOString();
    const entry = (streamId: string, events: readonly DomainEvent[], version: number): StreamAppend => ({
      streamId,
      events: toNewEvents(events, { streamId, commandId: context.commandId, append, actor: context.actor, at }),
      expected: version === 0 ? 'no_stream' : version,
    });
    const appends: StreamAppend[] = [];
    for (const [key, clientId] of holders) {
      const streamId = emailHolderStream(key);
      const { state, version } = await loadStream(context, streamId, emailHolderAggregate);
      if (state.holder === clientId) continue;
      appends.push(entry(streamId, [{ type: 'ClientEmailClaimed', data: { clientId, emailKey: key } }], version));
    }
    appends.push(entry(EMAIL_HOLDERS_STREAM, [{ type: 'EmailHoldersOpened', data: { holders: holders.size } }], 0));
    try {
      for (const result of await context.store.appendMany(appends)) context.recorded.push(...result.events);
      seenOpen.add(context);
      return;
    } catch (error) {
      // Another process opened them meanwhile: read again (the counter taken above is not reused).
      if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

/**
 * Whether the holder of `key` (another client) still has the email in its own
 * stream. A stream not written yet is an account being created: it holds the
 * email while its claim is recent (ABANDONED_CLAIM_MS).
 */
async function holds(context: ActorContext, holding: EmailHolderState, key: string): Promise<boolean> {
  if (holding.holder === null) return false;
  const { state, version } = await loadStream(context, accountStream(holding.holder), accountAggregate);
  if (version === 0) return holding.claimedAt === null || context.now().getTime() - Date.parse(holding.claimedAt) < ABANDONED_CLAIM_MS;
  return state.status === 'active' && state.client !== null && clientEmailKey(state.client.email) === key;
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
  /** Claims the email for the client now: one append of its holder stream (decided again on a concurrent change). */
  claim(clientId: string, email: string): Promise<void>;
  /**
   * Claims it in the batch under way: decided now, against its holder stream
   * and the batch's earlier claims, and appended with the batch
   * (`batchAppends`), in the same transaction as the batch's clients, all or nothing.
   */
  stage(clientId: string, email: string): Promise<void>;
  /**
   * Before a batch: which of these emails' holder streams are empty, in one
   * query where the store can tell (`streamsWithEvents`); `stage` then reads
   * only the others.
   */
  prefetch(emails: readonly string[]): Promise<void>;
  /** The batch's claims, one append per holder stream at the version it was decided on. */
  batchAppends(): StreamAppend[];
  /** The batch was written, or not (a concurrent change: its claims are decided again, row by row): its claims are done with. */
  batchDone(): void;
}

/**
 * Claims for an import, row after row: each claim reads the holder stream of
 * its email only. Each is appended before the row's client stream, or with it
 * in one transaction when the import writes in batches.
 */
export function clientEmailClaimer(context: ActorContext): ClientEmailClaimer {
  let staged = new Map<string, { clientId: string; version: number; events: ClientEmailEvent[] }>();
  /** The keys whose holder stream held no event before the batch (`prefetch`). */
  let empty = new Set<string>();
  return {
    async claim(clientId, email) {
      await changeClientEmail(context, clientId, { claim: email });
    },
    async stage(clientId, email) {
      await openHolders(context);
      const key = clientEmailKey(email);
      const earlier = staged.get(key);
      const { state, version } =
        earlier !== undefined
          ? { state: { holder: earlier.clientId, claimedAt: context.now().toISOString() }, version: earlier.version }
          : empty.has(key)
            ? { state: emailHolderAggregate.initial(), version: 0 }
            : await loadStream(context, emailHolderStream(key), emailHolderAggregate);
      const events = await decideClaim(context, state, clientId, key);
      if (events.length === 0) return;
      staged.set(key, { clientId, version, events: [...(earlier?.events ?? []), ...events] });
    },
    async prefetch(emails) {
      empty = new Set();
      const present = context.store.streamsWithEvents?.bind(context.store);
      if (present === undefined) return;
      const keys = [...new Set(emails.map(clientEmailKey))];
      const held = await present(keys.map(emailHolderStream));
      for (const key of keys) if (!held.has(emailHolderStream(key))) empty.add(key);
    },
    batchAppends() {
      const append = appendCounter(context);
      const at = context.now().toISOString();
      return [...staged].map(([key, { version, events }]) => {
        const streamId = emailHolderStream(key);
        return {
          streamId,
          events: toNewEvents(events, { streamId, commandId: context.commandId, append, actor: context.actor, at }),
          expected: version === 0 ? ('no_stream' as const) : version,
        };
      });
    },
    batchDone() {
      staged = new Map();
      empty = new Set();
    },
  };
}
