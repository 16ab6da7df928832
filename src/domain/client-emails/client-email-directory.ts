/**
 * The client email directory (stream `client-emails`): which client holds
 * each email, so that two clients never share one (case-insensitive). Client
 * accounts live in one stream each; uniqueness across them is decided here,
 * atomically with this stream's expected version, as the `users` stream does
 * for user emails. An email is named by a key derived from it (a SHA-256 of
 * its lower-cased form, src/commands/client-email-key.ts), never in clear.
 */
import { Conflict } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../assert-never.js';
import { typeList } from '../decider.js';
import { emptyMap, type RecordMap, withEntry, withoutEntry } from '../record-map.js';

export const CLIENT_EMAILS_STREAM = 'client-emails';

export type ClientEmailEvent =
  | { type: 'ClientEmailClaimed'; data: { clientId: string; emailKey: string } }
  | { type: 'ClientEmailReleased'; data: { clientId: string; emailKey: string } };

export const CLIENT_EMAIL_EVENT_TYPES = typeList<ClientEmailEvent['type']>({ ClientEmailClaimed: true, ClientEmailReleased: true });

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

/**
 * The directory kept by one owner that changes it in place (an import's claims,
 * row after row): `state` is a view of it for the decisions, `apply` records
 * what was appended. Nobody else holds its holders, so no copy is made per claim.
 */
export class OwnedClientEmails {
  readonly #holders: Record<string, string>;
  #seeded: boolean;
  constructor(from: ClientEmailsState) {
    this.#holders = copyHolders(from.holders);
    this.#seeded = from.seeded;
  }

  get state(): ClientEmailsState {
    return { holders: this.#holders, seeded: this.#seeded };
  }

  apply(events: readonly ClientEmailEvent[]): void {
    for (const event of events) applyTo(this.#holders, event, () => (this.#seeded = true));
  }
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

export interface EmailChange {
  readonly clientId: string;
  /** The key the client takes (creation, a new email); none when it keeps or loses its email. */
  readonly claim?: string;
  /** The key the client gives up (a changed email, a deletion). */
  readonly release?: string;
  /**
   * Whether the current holder of `claim`, when another client, still holds it
   * in its own stream (live, with that email): a holder deleted or moved to
   * another email whose release was never recorded gives the key up.
   */
  readonly holderStillHolds?: boolean;
}

/**
 * Pure: the directory events of one client's email change, or Conflict (6)
 * when another client holds the email. `seed`: the clients that existed
 * before the directory (key -> client), claimed first on an empty directory.
 */
export function decideEmailChange(state: ClientEmailsState, change: EmailChange, seed?: ReadonlyMap<string, string>): ClientEmailEvent[] {
  const events: ClientEmailEvent[] = [];
  let holders = state.holders;
  if (!state.seeded && seed !== undefined) {
    // One copy for the whole seed (an entry per client of the older log), not one per entry.
    const seeded = copyHolders(holders);
    for (const [emailKey, clientId] of seed) {
      if (seeded[emailKey] !== undefined) continue;
      const claimed: ClientEmailEvent = { type: 'ClientEmailClaimed', data: { clientId, emailKey } };
      events.push(claimed);
      applyTo(seeded, claimed, () => undefined);
    }
    holders = seeded;
  }
  const { clientId, claim, release } = change;
  if (claim !== undefined && claim !== release) {
    const holder = holders[claim];
    if (holder !== undefined && holder !== clientId && change.holderStillHolds !== false) throw new Conflict(msg('client.emailTaken'));
    if (holder !== clientId) events.push({ type: 'ClientEmailClaimed', data: { clientId, emailKey: claim } });
  }
  if (release !== undefined && release !== claim && holders[release] === clientId) {
    events.push({ type: 'ClientEmailReleased', data: { clientId, emailKey: release } });
  }
  return events;
}
