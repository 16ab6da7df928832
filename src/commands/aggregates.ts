import { ACCOUNT_EVENT_TYPES, type AccountEvent } from '../domain/accounts/events.js';
import { type AccountState, evolveAccount, initialAccountState } from '../domain/accounts/state.js';
import { SESSION_EVENT_TYPES, type SessionEvent } from '../domain/sessions/events.js';
import { evolveSessions, initialSessionsState, type SessionsState } from '../domain/sessions/state.js';
import { USER_EVENT_TYPES, type UserEvent } from '../domain/users/events.js';
import { evolveUsers, initialUsersState, type UsersState } from '../domain/users/state.js';
import type { Aggregate } from './aggregate.js';

export const usersAggregate: Aggregate<UsersState, UserEvent> = {
  types: USER_EVENT_TYPES,
  initial: initialUsersState,
  evolve: evolveUsers,
};

export const accountAggregate: Aggregate<AccountState, AccountEvent> = {
  types: ACCOUNT_EVENT_TYPES,
  initial: initialAccountState,
  evolve: evolveAccount,
};

export const sessionsAggregate: Aggregate<SessionsState, SessionEvent> = {
  types: SESSION_EVENT_TYPES,
  initial: initialSessionsState,
  evolve: evolveSessions,
};
