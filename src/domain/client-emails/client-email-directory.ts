/**
 * The client email directory: which client holds each email, so that two
 * clients never share one (case-insensitive). Client accounts live in one
 * stream each; uniqueness across them is decided on a stream per email, its
 * holder stream (`email-holder-<key>`), atomically with that stream's expected
 * version. An email is named by a key derived from it (a digest of its
 * lower-cased form, src/commands/client-emails.ts), never in clear.
 *
 * From issue 19 until the holders were split, the directory was one stream
 * (`client-emails`) that every email change read whole: a `client create` at
 * 10,000 clients folded 10,000 events. That stream is read once more, by the
 * first email change of an installation that has it, to open the holder
 * streams (`holdersToOpen`); the `email-holders` stream then records that they
 * are open, and the old stream is never written again.
 */
import { Conflict } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../assert-never.js';
import { typeList } from '../decider.js';
import { emptyMap, type RecordMap, withEntry, withoutEntry } from '../record-map.js';

/** The directory as one stream, as written before the holders were split: read once, to open them. */
export const CLIENT_EMAILS_STREAM = 'client-emails';
/** One event, `EmailHoldersOpened`, once every holder of the old directory has its holder stream. */
export const EMAIL_HOLDERS_STREAM = 'email-holders';
const EMAIL_HOLDER_STREAM_PREFIX = 'email-holder-';

/** The stream that says which client holds the email behind `emailKey`. */
export function emailHolderStream(emailKey: string): string {
  return `${EMAIL_HOLDER_STREAM_PREFIX}${emailKey}`;
}

export type ClientEmailEvent =
  | { type: 'ClientEmailClaimed'; data: { clientId: string; emailKey: string } }
  | { type: 'ClientEmailReleased'; data: { clientId: string; emailKey: string } };

export const CLIENT_EMAIL_EVENT_TYPES = typeList<ClientEmailEvent['type']>({ ClientEmailClaimed: true, ClientEmailReleased: true });

/** The holder streams are open: `holders` were copied from the old directory (0 on a log that never had it). */
export type EmailHoldersEvent = { type: 'EmailHoldersOpened'; data: { holders: number } };

export const EMAIL_HOLDERS_EVENT_TYPES = typeList<EmailHoldersEvent['type']>({ EmailHoldersOpened: true });

/** The old directory, one stream for every email (`client-emails`). */
export interface ClientEmailsState {
  /** Email key -> the client holding it. */
  readonly holders: RecordMap<string>;
  /** True once the directory was seeded with the clients that existed before it. */
  readonly seeded: boolean;
}

export function initialClientEmailsState(): ClientEmailsState {
  return { holders: emptyMap(), seeded: false };
}

export function evolveClientEmails(state: ClientEmailsState, event: ClientEmailEvent): ClientEmailsState {
  switch (event.type) {
    case 'ClientEmailClaimed':
      return { holders: withEntry(state.holders, event.data.emailKey, event.data.clientId), seeded: true };
    case 'ClientEmailReleased':
      return state.holders[event.data.emailKey] === event.data.clientId
        ? { ...state, holders: withoutEntry(state.holders, event.data.emailKey) }
        : state;
    default:
      return assertNever(event);
  }
}

/**
 * The state `evolveClientEmails` gives after `events`, one after the other, with
 * the holders copied once rather than once per event: the directory holds an
 * entry per client, and folding it event by event copied it whole at every
 * claim (a 10,000-client directory: 50 million entries copied by each
 * `client create`; docs/performance.md, B2 and B9).
 */
export function evolveClientEmailsAll(state: ClientEmailsState, events: readonly ClientEmailEvent[]): ClientEmailsState {
  if (events.length === 0) return state;
  if (events.length === 1) return evolveClientEmails(state, events[0]!);
  const holders = copyHolders(state.holders);
  let seeded = state.seeded;
  for (const event of events) applyTo(holders, event, () => (seeded = true));
  return { holders, seeded };
}

function copyHolders(holders: RecordMap<string>): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, holders);
}

/** `evolveClientEmails` on holders owned by the caller (an own property even for `__proto__`). */
function applyTo(holders: Record<string, string>, event: ClientEmailEvent, claimed: () => void): void {
  switch (event.type) {
    case 'ClientEmailClaimed':
      Object.defineProperty(holders, event.data.emailKey, {
        value: event.data.clientId,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      claimed();
      return;
    case 'ClientEmailReleased':
      if (holders[event.data.emailKey] === event.data.clientId) delete holders[event.data.emailKey];
      return;
    default:
      assertNever(event);
  }
}

/** Who holds one email: its holder stream folded. */
export interface EmailHolderState {
  readonly holder: string | null;
  /** When the holder claimed it (ISO 8601): a claim whose client never got its first event holds for a while only. */
  readonly claimedAt: string | null;
}

export function initialEmailHolderState(): EmailHolderState {
  return { holder: null, claimedAt: null };
}

export function evolveEmailHolder(state: EmailHolderState, event: ClientEmailEvent, at: string): EmailHolderState {
  switch (event.type) {
    case 'ClientEmailClaimed':
      return { holder: event.data.clientId, claimedAt: at };
    case 'ClientEmailReleased':
      return state.holder === event.data.clientId ? initialEmailHolderState() : state;
    default:
      return assertNever(event);
  }
}

export interface EmailClaim {
  readonly clientId: string;
  readonly emailKey: string;
  /**
   * Whether the current holder, when another client, still has the email in
   * its own stream (live, with that email): a holder deleted or moved to
   * another email whose release was never recorded gives the email up.
   */
  readonly holderStillHolds?: boolean;
}

/** Pure: the holder stream's events of a client taking an email, or Conflict (6) when another client holds it. */
export function decideEmailClaim(state: EmailHolderState, claim: EmailClaim): ClientEmailEvent[] {
  const { holder } = state;
  if (holder === claim.clientId) return [];
  if (holder !== null && claim.holderStillHolds !== false) throw new Conflict(msg('client.emailTaken'));
  return [{ type: 'ClientEmailClaimed', data: { clientId: claim.clientId, emailKey: claim.emailKey } }];
}

/** Pure: the holder stream's events of a client giving an email up (none when it does not hold it). */
export function decideEmailRelease(state: EmailHolderState, release: { clientId: string; emailKey: string }): ClientEmailEvent[] {
  return state.holder === release.clientId ? [{ type: 'ClientEmailReleased', data: release }] : [];
}

/**
 * Pure: the holders to open, email key -> client, from the old directory and,
 * for a log older than it (never seeded), the clients that log holds (`seed`,
 * key -> client: the first client of an email kept it).
 */
export function holdersToOpen(directory: ClientEmailsState, seed?: ReadonlyMap<string, string>): Map<string, string> {
  const holders = new Map<string, string>(Object.entries(directory.holders));
  if (!directory.seeded && seed !== undefined) for (const [key, clientId] of seed) if (!holders.has(key)) holders.set(key, clientId);
  return holders;
}
