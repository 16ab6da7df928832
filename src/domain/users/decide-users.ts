import { Conflict, InvalidInput, NotFound, RuleViolation } from '../../errors.js';
import { assertNever } from '../assert-never.js';
import { emailKey, isValidEmail, isValidName } from '../values/contact.js';
import { isRole, type Role } from '../values/roles.js';
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
  | { type: 'DeleteUser'; data: { userId: string; ownedClients: number; reassignTo?: string } };

export interface UserCommandContext {
  /** The acting user's id (nobody deletes themselves). */
  readonly actorId: string;
}

/** Pure: the events a user command produces on the directory, or a domain error. */
export function decideUsers(command: UserCommand, state: UsersState, context: UserCommandContext): UserEvent[] {
  switch (command.type) {
    case 'Bootstrap': {
      if (state.initialized) throw new RuleViolation('already initialized: users exist; log in instead');
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
        if (!isValidName(name)) throw new InvalidInput('name must not be empty (at most 200 printable characters)');
        if (name.trim() !== user.name) events.push({ type: 'UserRenamed', data: { userId, name: name.trim() } });
      }
      if (email !== undefined) {
        checkEmail(email);
        const holder = state.emails[emailKey(email)];
        if (holder !== undefined && holder !== userId) throw new Conflict(`email ${email.trim()} is already used by another user`);
        if (email.trim() !== user.email) events.push({ type: 'UserEmailChanged', data: { userId, email: email.trim() } });
      }
      if (role !== undefined) {
        const next = checkRole(role);
        if (next !== user.role) {
          if (user.role === 'commercial') checkReassignment(state, userId, ownedClients, reassignTo, 'change the role of');
          events.push({ type: 'UserRoleChanged', data: { userId, role: next } });
        }
      }
      if (passwordChanged) events.push({ type: 'UserPasswordChanged', data: { userId } });
      if (events.length === 0) throw new InvalidInput('nothing to change: give at least one of --name, --email, --role, --password-stdin');
      return events;
    }
    case 'DeleteUser': {
      const { userId, ownedClients, reassignTo } = command.data;
      const user = requireUser(state, userId);
      if (userId === context.actorId) throw new RuleViolation('you cannot delete your own account');
      if (user.role === 'commercial') checkReassignment(state, userId, ownedClients, reassignTo, 'delete');
      return [{ type: 'UserDeleted', data: { userId } }];
    }
    default:
      return assertNever(command);
  }
}

function checkNewUser(state: UsersState, name: string, email: string): void {
  if (!isValidName(name)) throw new InvalidInput('name must not be empty (at most 200 printable characters)');
  checkEmail(email);
  if (state.emails[emailKey(email)] !== undefined) throw new Conflict(`email ${email.trim()} is already used by another user`);
}

function checkEmail(email: string): void {
  if (!isValidEmail(email.trim())) throw new InvalidInput(`invalid email address: ${JSON.stringify(email.slice(0, 60))}`);
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new InvalidInput(`role must be one of gestion, commercial, support (got ${JSON.stringify(role.slice(0, 30))})`);
  return role;
}

function requireUser(state: UsersState, userId: string) {
  const user = liveUser(state, userId);
  if (!user) throw new NotFound(`no user ${userId}`);
  return user;
}

/** A commercial who owns clients leaves that role only by handing them to another commercial. */
function checkReassignment(state: UsersState, userId: string, ownedClients: number, reassignTo: string | undefined, verb: string): void {
  if (reassignTo === undefined) {
    if (ownedClients > 0) {
      throw new RuleViolation(`cannot ${verb} a commercial who owns ${ownedClients} client(s): pass --reassign-to <commercial id>`);
    }
    return;
  }
  if (reassignTo === userId) throw new RuleViolation('--reassign-to must name another commercial');
  const target = liveUser(state, reassignTo);
  if (!target) throw new NotFound(`no user ${reassignTo} to reassign to`);
  if (target.role !== 'commercial') throw new RuleViolation(`--reassign-to must name a commercial (${target.id} is ${target.role})`);
}
