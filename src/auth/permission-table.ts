/**
 * The permission table of docs/cli.md, as data (and nothing else: src/auth/policy.ts
 * words refusals from it; the message catalogue reads its types). The CLI (listing filters), the
 * command handlers (authorize) and the tests all read this one table.
 *
 * Scopes:
 * - `all`: every record;
 * - `own`: records of the clients whose commercial is the actor (for the log: the actor's own entries);
 * - `assigned`: records behind occasions assigned to the actor (the support's view);
 * - `none`: refused.
 */
import type { Role } from '../domain/values/roles.js';

export type Scope = 'all' | 'own' | 'assigned' | 'none';

type Row = Readonly<Record<Role, Scope>>;

const gestionOnly: Row = { gestion: 'all', commercial: 'none', support: 'none' };
const viewable: Row = { gestion: 'all', commercial: 'own', support: 'assigned' };
const ownedChange: Row = { gestion: 'all', commercial: 'own', support: 'none' };

export const POLICY = {
  'user.create': gestionOnly,
  'user.list': gestionOnly,
  'user.view': gestionOnly,
  'user.edit': gestionOnly,
  'user.delete': gestionOnly,
  'user.disable': gestionOnly,
  'user.enable': gestionOnly,
  'user.unlock': gestionOnly,

  'client.create': ownedChange,
  'client.view': viewable,
  'client.edit': ownedChange,
  /** `client edit --commercial`: moving a client to another commercial. */
  'client.reassign': gestionOnly,
  'client.delete': gestionOnly,
  /** `client forget` (right to erasure) and `client dossier` (right of access). */
  'client.forget': gestionOnly,
  'client.dossier': gestionOnly,

  'contract.create': ownedChange,
  'contract.view': viewable,
  'contract.edit': ownedChange,
  'contract.sign': ownedChange,
  'contract.pay': ownedChange,
  'contract.delete': gestionOnly,
  'contract.refund': ownedChange,

  'event.create': ownedChange,
  'event.view': viewable,
  'event.edit': { gestion: 'all', commercial: 'none', support: 'assigned' },
  'event.assign': gestionOnly,
  'event.cancel': ownedChange,

  'log.list': { gestion: 'all', commercial: 'own', support: 'own' },
  'audit.verify': gestionOnly,
  'audit.digest': gestionOnly,
  'projection.manage': gestionOnly,
  'import.clients': gestionOnly,
} as const satisfies Record<string, Row>;

export type Action = keyof typeof POLICY;

export function scopeOf(action: Action, role: Role): Scope {
  return POLICY[action][role];
}

/** What is known about the record an action targets, folded from the log. */
export interface TargetFacts {
  /** The commercial of the client the record belongs to. */
  readonly commercialId?: string | null;
  /** Supports assigned to the occasions behind the record. */
  readonly assignedSupportIds?: ReadonlySet<string>;
  /** For log entries: who acted. */
  readonly actorId?: string;
}

export function isAllowed(action: Action, actor: { id: string; role: Role }, target: TargetFacts = {}): boolean {
  const scope = scopeOf(action, actor.role);
  switch (scope) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'own':
      return target.commercialId === actor.id || target.actorId === actor.id;
    case 'assigned':
      return target.assignedSupportIds?.has(actor.id) ?? false;
  }
}
