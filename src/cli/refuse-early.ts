import { type Action, refusal, scopeOf } from '../auth/policy.js';
import type { Actor } from '../commands/handler-context.js';

/**
 * Refuses before a confirmation is asked when the role may not take the
 * action at all: nobody is asked to confirm what they will be refused. A role
 * that may take it on some records only is decided where the record is (the
 * decider), after the question.
 */
export function refuseUnlessAllowed(action: Action, actor: Pick<Actor, 'role'>): void {
  if (scopeOf(action, actor.role) === 'none') throw refusal(action, actor.role);
}
