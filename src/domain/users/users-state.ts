import { assertNever } from '../assert-never.js';
import { emptyMap, type RecordMap, withEntry, withoutEntry } from '../record-map.js';
import { emailKey } from '../values/contact.js';
import type { Role } from '../values/roles.js';
import type { UserEvent } from './user-events.js';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deleted: boolean;
  /** Disabled: cannot sign in or act, gets no new clients or events; still in the directory (and its email still taken). */
  readonly disabled: boolean;
}

export interface UsersState {
  readonly users: RecordMap<User>;
  /** Lower-cased email -> id of the live user holding it. */
  readonly emails: RecordMap<string>;
  /** True once any user was ever created: `epic init` is refused from then on. */
  readonly initialized: boolean;
}

export function initialUsersState(): UsersState {
  return { users: emptyMap(), emails: emptyMap(), initialized: false };
}

/** A live (not deleted) user, or undefined. */
export function liveUser(state: UsersState, id: string): User | undefined {
  const user = state.users[id];
  return user && !user.deleted ? user : undefined;
}

export function evolveUsers(state: UsersState, event: UserEvent, at: string): UsersState {
  switch (event.type) {
    case 'UserCreated': {
      const { userId, name, email, role } = event.data;
      const user: User = { id: userId, name, email, role, createdAt: at, updatedAt: at, deleted: false, disabled: false };
      return {
        users: withEntry(state.users, userId, user),
        emails: withEntry(state.emails, emailKey(email), userId),
        initialized: true,
      };
    }
    case 'UserRenamed':
      return update(state, event.data.userId, at, (u) => ({ ...u, name: event.data.name }));
    case 'UserEmailChanged': {
      const user = state.users[event.data.userId];
      if (!user) return state;
      const emails = withEntry(withoutEntry(state.emails, emailKey(user.email)), emailKey(event.data.email), user.id);
      return { ...update(state, user.id, at, (u) => ({ ...u, email: event.data.email })), emails };
    }
    case 'UserRoleChanged':
      return update(state, event.data.userId, at, (u) => ({ ...u, role: event.data.role }));
    case 'UserPasswordChanged':
      return update(state, event.data.userId, at, (u) => u);
    case 'UserDeleted': {
      const user = state.users[event.data.userId];
      if (!user) return state;
      const emails = state.emails[emailKey(user.email)] === user.id ? withoutEntry(state.emails, emailKey(user.email)) : state.emails;
      return { ...update(state, user.id, at, (u) => ({ ...u, deleted: true })), emails };
    }
    case 'UserDisabled':
      return update(state, event.data.userId, at, (u) => ({ ...u, disabled: true }));
    case 'UserEnabled':
      return update(state, event.data.userId, at, (u) => ({ ...u, disabled: false }));
    default:
      return assertNever(event);
  }
}

function update(state: UsersState, id: string, at: string, change: (user: User) => User): UsersState {
  const user = state.users[id];
  if (!user) return state;
  return { ...state, users: withEntry(state.users, id, { ...change(user), updatedAt: at }) };
}
