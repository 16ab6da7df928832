/**
 * Checking an action against the permission table (permission-table.ts): the
 * one place a refusal is made, worded by the catalogue from the action, the
 * role and its scope.
 */
import type { Role } from '../domain/values/roles.js';
import { Forbidden } from '../errors.js';
import { msg } from '../i18n/message.js';
import { type Action, isAllowed, type Scope, scopeOf, type TargetFacts } from './permission-table.js';

export { type Action, isAllowed, POLICY, type Scope, scopeOf, type TargetFacts } from './permission-table.js';

/** The actor an action is checked for: who they are now, read from the log. */
export interface PolicyActor {
  readonly id: string;
  readonly role: Role;
}

/**
 * Throws Forbidden unless the policy lets `actor` take `action` on `target`.
 * The one place a refusal is worded: what the role may do, never ids.
 */
export function assertAllowed(action: Action, actor: PolicyActor, target: TargetFacts = {}): void {
  if (!isAllowed(action, actor, target)) throw refusal(action, actor.role);
}

/** The scope `actor` lists `action`'s records in; refuses outright when it is `none`. */
export function listingScope(action: Action, actor: PolicyActor): Exclude<Scope, 'none'> {
  const scope = scopeOf(action, actor.role);
  if (scope === 'none') throw refusal(action, actor.role);
  return scope;
}

/** The Forbidden error for `role` refused `action`, worded by the catalogue ("a commercial may only edit their own clients"). */
export function refusal(action: Action, role: Role): Forbidden {
  return new Forbidden(msg('policy.refused', { action, role, scope: scopeOf(action, role) }));
}
