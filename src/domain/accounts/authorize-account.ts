import { type Action, assertAllowed, type TargetFacts } from '../../auth/policy.js';
import { assertNever } from '../assert-never.js';
import type { Role } from '../values/roles.js';
import type { AccountCommand } from './account-commands.js';
import { type AccountState, assignedSupports } from './account-state.js';

export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
}

/** The policy action a command needs, and the facts about its target, from folded state. */
export function accountCommandAction(command: AccountCommand, state: AccountState): { action: Action; target: TargetFacts } {
  const owner = state.client?.commercialId ?? null;
  switch (command.type) {
    case 'CreateClient':
      return { action: 'client.create', target: { commercialId: command.data.commercialId } };
    case 'EditClient':
      return { action: 'client.edit', target: { commercialId: owner } };
    case 'DeleteClient':
      return { action: 'client.delete', target: { commercialId: owner } };
    case 'ForgetClient':
      return { action: 'client.forget', target: { commercialId: owner } };
    case 'CreateContract':
      return { action: 'contract.create', target: { commercialId: owner } };
    case 'AmendContract':
      return { action: 'contract.edit', target: { commercialId: owner } };
    case 'SignContract':
      return { action: 'contract.sign', target: { commercialId: owner } };
    case 'RecordPayment':
      return { action: 'contract.pay', target: { commercialId: owner } };
    case 'RecordRefund':
      return { action: 'contract.refund', target: { commercialId: owner } };
    case 'DeleteContract':
      return { action: 'contract.delete', target: { commercialId: owner } };
    case 'ScheduleOccasion':
      return { action: 'event.create', target: { commercialId: owner } };
    case 'EditOccasion': {
      const occasion = state.occasions[command.data.occasionId];
      return {
        action: 'event.edit',
        target: { commercialId: owner, assignedSupportIds: new Set(occasion?.supportId ? [occasion.supportId] : []) },
      };
    }
    case 'AssignSupport':
    case 'UnassignSupport':
      return { action: 'event.assign', target: { commercialId: owner } };
    case 'CancelOccasion':
      return { action: 'event.cancel', target: { commercialId: owner } };
    default:
      return assertNever(command);
  }
}

/**
 * Pure: throws Forbidden unless the policy lets `actor` run `command` on this
 * account. Moving a client to another commercial needs `client.reassign` too.
 */
export function authorizeAccount(command: AccountCommand, state: AccountState, actor: Actor): void {
  const { action, target } = accountCommandAction(command, state);
  assertAllowed(action, actor, target);
  if (
    command.type === 'EditClient' &&
    command.data.commercialId !== undefined &&
    command.data.commercialId !== state.client?.commercialId
  ) {
    assertAllowed('client.reassign', actor, target);
  }
}

/** What the actor may see of this account (view scopes), for reads and history. */
export function viewFacts(state: AccountState, contractId?: string, occasionId?: string): TargetFacts {
  const commercialId = state.client?.commercialId ?? null;
  if (occasionId !== undefined) {
    const occasion = state.occasions[occasionId];
    return { commercialId, assignedSupportIds: new Set(occasion?.supportId ? [occasion.supportId] : []) };
  }
  return { commercialId, assignedSupportIds: assignedSupports(state, contractId) };
}
