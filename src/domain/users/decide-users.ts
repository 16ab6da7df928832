import { Conflict, InvalidInput, NotFound, RuleViolation } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { assertNever } from '../assert-never.js';
import { emailKey, isValidEmail, isValidName } from '../values/contact.js';
import { truncate } from '../values/money.js';
import { isRole, type Role } from '../values/roles.js';
import type { UserChange } from './user-change.js';
import type { UserEvent } from './user-events.js';
import { liveUser, type UsersState } from './users-state.js';

export type UserCommand =
  | { type: 'CreateUser'; data: { userId: string; name: string; email: string; role: string } }
  /** `epic init`: the first account, only while no user has ever existed. */
  | { type: 'Bootstrap'; data: { userId: string; name: string; email: string } }
  | {
      type: 'EditUser';
      data: {
        userId: string;
        name?: string;
        email?: string;
        role?: string;
        passwordChanged?: boolean;
        /** How many clients the user owns now, folded from the log by the handler. */
        ownedClients: number;
        reassignTo?: string;
      };
    }
  | { type: 'DeleteUser'; data: { userId: string; ownedClients: number; reassignTo?: string } }
  | { type: 'DisableUser'; data: { userId: string; ownedClients: number; reassignTo?: string } }
  | { type: 'EnableUser'; data: { userId: string } };

export interface UserCommandContext {
  /** The acting user's id (nobody deletes themselves). */
  readonly actorId: string;
}

/** Pure: the events a user command produces on the directory, or a domain error. */
export function decideUsers(command: UserCommand, state: UsersState, context: UserCommandContext): UserEvent[] {
  switch (command.type) {
    case 'Bootstrap': {
      if (state.initialized) throw new RuleViolation(msg('user.alreadyInitialized'));
      const { userId, name, email } = command.data;
      checkNewUser(state, name, email);
      return [{ type: 'UserCreated', data: { userId, name: name.trim(), email: email.trim(), role: 'gestion' } }];
    }
    case 'CreateUser': {
      const { userId, name, email, role } = command.data;
      checkNewUser(state, name, email);
      return [{ type: 'UserCreated', data: { userId, name: name.trim(), email: email.trim(), role: checkRole(role) } }];
    }
    case 'EditUser': {
      const { userId, name, email, role, passwordChanged, ownedClients, reassignTo } = command.data;
      const user = requireUser(state, userId);
      const events: UserEvent[] = [];
      if (name !== undefined) {
        if (!isValidName(name)) throw new InvalidInput(msg('user.nameInvalid'));
        if (name.trim() !== user.name) events.push({ type: 'UserRenamed', data: { userId, name: name.trim() } });
      }
      if (email !== undefined) {
        checkEmail(email);
        const holder = state.emails[emailKey(email)];
        if (holder !== undefined && holder !== userId) throw new Conflict(msg('user.emailTaken'));
        if (email.trim() !== user.email) events.push({ type: 'UserEmailChanged', data: { userId, email: email.trim() } });
      }
      if (role !== undefined) {
        const next = checkRole(role);
        if (next !== user.role) {
          if (user.role === 'commercial') checkReassignment(state, userId, ownedClients, reassignTo, 'changeRole');
          events.push({ type: 'UserRoleChanged', data: { userId, role: next } });
        }
      }
      if (passwordChanged) events.push({ type: 'UserPasswordChanged', data: { userId } });
      if (events.length === 0) throw new InvalidInput(msg('user.nothingToChange'));
      return events;
    }
    case 'DeleteUser': {
      const { userId, ownedClients, reassignTo } = command.data;
      const user = requireUser(state, userId);
      if (userId === context.actorId) throw new RuleViolation(msg('user.cannotDeleteSelf'));
      if (user.role === 'commercial') checkReassignment(state, userId, ownedClients, reassignTo, 'delete');
      return [{ type: 'UserDeleted', data: { userId } }];
    }
    case 'DisableUser': {
      const { userId, ownedClients, reassignTo } = command.data;
      const user = requireUser(state, userId);
      if (userId === context.actorId) throw new RuleViolation(msg('user.cannotDisableSelf'));
      if (user.disabled) throw new RuleViolation(msg('user.alreadyDisabled', { userId }));
      if (user.role === 'commercial') checkReassignment(state, userId, ownedClients, reassignTo, 'disable');
      return [{ type: 'UserDisabled', data: { userId } }];
    }
    case 'EnableUser': {
      const user = requireUser(state, command.data.userId);
      if (!user.disabled) throw new RuleViolation(msg('user.notDisabled', { userId: user.id }));
      return [{ type: 'UserEnabled', data: { userId: user.id } }];
    }
    default:
      return assertNever(command);
  }
}

function checkNewUser(state: UsersState, name: string, email: string): void {
  if (!isValidName(name)) throw new InvalidInput(msg('user.nameInvalid'));
  checkEmail(email);
  if (state.emails[emailKey(email)] !== undefined) throw new Conflict(msg('user.emailTaken'));
}

function checkEmail(email: string): void {
  if (!isValidEmail(email.trim())) throw new InvalidInput(msg('values.email.invalid'));
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new InvalidInput(msg('user.roleInvalid', { input: truncate(role, 30) }));
  return role;
}

function requireUser(state: UsersState, userId: string) {
  const user = liveUser(state, userId);
  if (!user) throw new NotFound(msg('user.notFound', { userId }));
  return user;
}

/** A commercial who owns clients leaves that role only by handing them to another commercial. */
function checkReassignment(
  state: UsersState,
  userId: string,
  ownedClients: number,
  reassignTo: string | undefined,
  change: UserChange,
): void {
  if (reassignTo === undefined) {
    if (ownedClients > 0) {
      throw new RuleViolation(msg('user.ownsClients', { change, count: ownedClients }));
    }
    return;
  }
  if (reassignTo === userId) throw new RuleViolation(msg('user.reassignToSelf'));
  const target = liveUser(state, reassignTo);
  if (!target) throw new NotFound(msg('user.reassignTargetNotFound', { userId: reassignTo }));
  if (target.role !== 'commercial')
    throw new RuleViolation(msg('user.reassignTargetNotCommercial', { userId: target.id, role: target.role }));
  if (target.disabled) throw new RuleViolation(msg('user.disabled', { userId: target.id }));
}
