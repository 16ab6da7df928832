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
    for (const [emailKey, clientId] of seed) {
      if (holders[emailKey] !== undefined) continue;
      events.push({ type: 'ClientEmailClaimed', data: { clientId, emailKey } });
      holders = withEntry(holders, emailKey, clientId);
    }
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
