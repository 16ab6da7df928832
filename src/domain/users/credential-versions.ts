import type { StoredCredential } from '../../events/credential-store.js';
import type { RecordedEvent } from '../../events/event-store.js';
import { assertNever } from '../assert-never.js';
import { upcast } from '../upcasters.js';
import { USERS_STREAM, type UserEventType } from './user-events.js';

/** The types that set a user's password: the version of the last one is what the stored hash's MAC must name. */
const CREDENTIAL_CHANGES: ReadonlySet<string> = new Set(['UserCreated', 'UserPasswordChanged'] satisfies UserEventType[]);

/**
 * Each user's last credential change in the `users` stream: the version of
 * the UserCreated or UserPasswordChanged that set their current password.
 */
export function credentialVersions(events: readonly RecordedEvent[]): ReadonlyMap<string, number> {
  const versions = new Map<string, number>();
  for (const recorded of events) {
    if (recorded.streamId !== USERS_STREAM || !CREDENTIAL_CHANGES.has(recorded.type)) continue;
    const userId = upcast(recorded).data.userId;
    if (typeof userId === 'string') versions.set(userId, recorded.version);
  }
  return versions;
}

/** Why a stored credential may not be used, or undefined when it may. */
export type CredentialProblem =
  /** No hash is stored for a user who has one in the log. */
  | { readonly kind: 'missing'; readonly logVersion: number }
  /** No MAC, or one made for another user, hash or version: a copied or forged hash. */
  | { readonly kind: 'unbound'; readonly logVersion: number }
  /** A MAC for an older (or another) change than the log's last one: a row put back. */
  | { readonly kind: 'stale'; readonly logVersion: number; readonly boundTo: number };

/**
 * Whether `credential` is the one the log says a user has: bound by its MAC
 * to the version of the user's last credential change (`logVersion`). A log
 * that has not switched to the keyed chain yet binds nothing: its hashes are
 * used as they are, as before.
 */
export function credentialProblem(credential: StoredCredential | null, logVersion: number | undefined): CredentialProblem | undefined {
  if (logVersion === undefined) return credential === null ? undefined : { kind: 'unbound', logVersion: 0 };
  if (credential === null) return { kind: 'missing', logVersion };
  switch (credential.binding) {
    case 'unkeyed':
      return undefined;
    case 'unbound':
      return { kind: 'unbound', logVersion };
    case 'bound':
      return credential.version === logVersion ? undefined : { kind: 'stale', logVersion, boundTo: credential.version ?? 0 };
    default:
      return assertNever(credential.binding);
  }
}
