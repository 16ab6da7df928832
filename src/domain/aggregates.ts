import { ACCOUNT_EVENT_TYPES, type AccountEvent } from './accounts/account-events.js';
import { type AccountState, evolveAccount, initialAccountState } from './accounts/account-state.js';
import {
  CLIENT_EMAIL_EVENT_TYPES,
  type ClientEmailEvent,
  type ClientEmailsState,
  EMAIL_HOLDERS_EVENT_TYPES,
  type EmailHolderState,
  type EmailHoldersEvent,
  evolveClientEmails,
  evolveClientEmailsAll,
  evolveEmailHolder,
  initialClientEmailsState,
  initialEmailHolderState,
} from './client-emails/client-email-directory.js';
import type { Aggregate } from './decider.js';
import { SESSION_EVENT_TYPES, type SessionEvent } from './sessions/session-events.js';
import { evolveSessions, initialSessionsState, type SessionsState } from './sessions/sessions-state.js';
import { USER_EVENT_TYPES, type UserEvent } from './users/user-events.js';
import { evolveUsers, initialUsersState, type UsersState } from './users/users-state.js';

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

export const clientEmailsAggregate: Aggregate<ClientEmailsState, ClientEmailEvent> = {
  types: CLIENT_EMAIL_EVENT_TYPES,
  initial: initialClientEmailsState,
  evolve: evolveClientEmails,
  evolveAll: (state, events) =>
    evolveClientEmailsAll(
      state,
      events.map(({ event }) => event),
    ),
};

export const emailHolderAggregate: Aggregate<EmailHolderState, ClientEmailEvent> = {
  types: CLIENT_EMAIL_EVENT_TYPES,
  initial: initialEmailHolderState,
  evolve: evolveEmailHolder,
};

/** Whether the holder streams are open (`email-holders`). */
export const emailHoldersAggregate: Aggregate<boolean, EmailHoldersEvent> = {
  types: EMAIL_HOLDERS_EVENT_TYPES,
  initial: () => false,
  evolve: () => true,
};

export const sessionsAggregate: Aggregate<SessionsState, SessionEvent> = {
  types: SESSION_EVENT_TYPES,
  initial: initialSessionsState,
  evolve: evolveSessions,
};
