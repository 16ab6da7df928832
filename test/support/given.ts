import type { AccountEvent } from '../../src/domain/accounts/events.js';
import { type AccountState, evolveAccount, initialAccountState } from '../../src/domain/accounts/state.js';
import type { UserEvent } from '../../src/domain/users/events.js';
import { evolveUsers, initialUsersState, type UsersState } from '../../src/domain/users/state.js';

export const AT = '2026-06-01T10:00:00.000Z';

/** Given: the state folded from these events, with the same evolve as the command side. */
export function givenAccount(...events: AccountEvent[]): AccountState {
  return events.reduce((state, event) => evolveAccount(state, event, AT), initialAccountState());
}

export function givenUsers(...events: UserEvent[]): UsersState {
  return events.reduce((state, event) => evolveUsers(state, event, AT), initialUsersState());
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
};
