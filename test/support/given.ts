import type { AccountEvent } from '../../src/domain/accounts/account-events.js';
import type { AccountState } from '../../src/domain/accounts/account-state.js';
import { accountAggregate, usersAggregate } from '../../src/domain/aggregates.js';
import { type DomainEvent, fold } from '../../src/domain/decider.js';
import { currentSchemaVersion } from '../../src/domain/upcasters.js';
import type { UserEvent } from '../../src/domain/users/user-events.js';
import type { UsersState } from '../../src/domain/users/users-state.js';
import type { JsonObject, RecordedEvent } from '../../src/events/event-store.js';

export const AT = '2026-06-01T10:00:00.000Z';

/**
 * Given: the state folded from these events as the command side folds a
 * stream it read (the same `fold`, type list and upcasters), so a decider test
 * also fails when an aggregate stops folding one of its event types.
 */
export function givenAccount(...events: AccountEvent[]): AccountState {
  return fold(accountAggregate, recorded('client-cli1', events));
}

export function givenUsers(...events: UserEvent[]): UsersState {
  return fold(usersAggregate, recorded('users', events));
}

/** Domain events as a store would return them from one stream. */
export function recorded(streamId: string, events: readonly DomainEvent[]): RecordedEvent[] {
  return events.map((event, index) => ({
    id: `00000000-0000-8000-8000-${String(index).padStart(12, '0')}`,
    streamId,
    type: event.type,
    schemaVersion: currentSchemaVersion(event.type),
    version: index + 1,
    position: index + 1,
    data: event.data as JsonObject,
    metadata: { actor: { id: 'ges1', role: 'gestion' }, at: AT, commandId: 'test', prevHash: '', hash: '' },
  }));
}

/** Reusable facts. */
export const ev = {
  commercialCreated: (userId = 'com1', email = `${userId}@epic.test`): UserEvent => ({
    type: 'UserCreated',
    data: { userId, name: `Commercial ${userId}`, email, role: 'commercial' },
  }),
  supportCreated: (userId = 'sup1'): UserEvent => ({
    type: 'UserCreated',
    data: { userId, name: `Support ${userId}`, email: `${userId}@epic.test`, role: 'support' },
  }),
  gestionCreated: (userId = 'ges1'): UserEvent => ({
    type: 'UserCreated',
    data: { userId, name: `Gestion ${userId}`, email: `${userId}@epic.test`, role: 'gestion' },
  }),
  clientCreated: (clientId = 'cli1', commercialId = 'com1'): AccountEvent => ({
    type: 'ClientCreated',
    data: { clientId, name: 'Kevin Casey', email: 'kevin@startup.io', phone: '+678 123 456 78', company: 'Cool Startup LLC', commercialId },
  }),
  contractCreated: (
    contractId = 'con1',
    signed = false,
    totalCents = 1_000_000,
    remainingCents = totalCents,
    clientId = 'cli1',
  ): AccountEvent => ({
    type: 'ContractCreated',
    data: { contractId, clientId, totalCents, remainingCents, signed },
  }),
  contractSigned: (contractId = 'con1'): AccountEvent => ({ type: 'ContractSigned', data: { contractId } }),
  occasionScheduled: (occasionId = 'occ1', contractId = 'con1'): AccountEvent => ({
    type: 'OccasionScheduled',
    data: {
      occasionId,
      contractId,
      name: 'Casey wedding',
      start: '2026-06-04T11:00:00.000Z',
      end: '2026-06-05T00:00:00.000Z',
      location: 'Candé-sur-Beuvron',
      attendees: 75,
      notes: null,
    },
  }),
  supportAssigned: (occasionId = 'occ1', supportId = 'sup1'): AccountEvent => ({
    type: 'SupportAssigned',
    data: { occasionId, supportId },
  }),
  supportUnassigned: (occasionId = 'occ1'): AccountEvent => ({ type: 'SupportUnassigned', data: { occasionId } }),
  occasionCancelled: (occasionId = 'occ1', reason: string | null = null): AccountEvent => ({
    type: 'OccasionCancelled',
    data: { occasionId, reason },
  }),
};
