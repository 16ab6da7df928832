import { typeList } from '../decider.js';
import type { Role } from '../values/roles.js';

/**
 * Events of the user directory (stream `users`). One stream holds every
 * collaborator so that email uniqueness is decided atomically with the
 * stream's expected version. Passwords never appear here: the bcrypt hash
 * lives in the credential store; the log only says that it changed.
 */
export type UserEvent =
  | { type: 'UserCreated'; data: { userId: string; name: string; email: string; role: Role } }
  | { type: 'UserRenamed'; data: { userId: string; name: string } }
  | { type: 'UserEmailChanged'; data: { userId: string; email: string } }
  | { type: 'UserRoleChanged'; data: { userId: string; role: Role } }
  | { type: 'UserPasswordChanged'; data: { userId: string } }
  | { type: 'UserDeleted'; data: { userId: string } }
  /** Can no longer sign in or act; keeps their history and records (their clients moved first when they had any). */
  | { type: 'UserDisabled'; data: { userId: string } }
  | { type: 'UserEnabled'; data: { userId: string } };

export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES = typeList<UserEventType>({
  UserCreated: true,
  UserRenamed: true,
  UserEmailChanged: true,
  UserRoleChanged: true,
  UserPasswordChanged: true,
  UserDeleted: true,
  UserDisabled: true,
  UserEnabled: true,
});

export const USERS_STREAM = 'users';
