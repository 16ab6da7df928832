import type { UserChange } from '../../domain/users/user-change.js';
import type { Role } from '../../domain/values/roles.js';
import type { Format } from '../format.js';

const CHANGE: Readonly<Record<UserChange, string>> = { delete: 'delete', changeRole: 'change the role of', disable: 'disable' };

/** The user directory's rules. */
export const users = {
  'user.alreadyInitialized': 'already initialized: users exist; log in instead',
  'user.nameInvalid': 'name must not be empty (at most 200 printable characters)',
  'user.emailTaken': 'this email is already used by another user',
  'user.nothingToChange': 'nothing to change: give at least one of --name, --email, --role, --password-stdin',
  'user.cannotDeleteSelf': 'you cannot delete your own account',
  'user.roleInvalid': ({ input }: { input: string }): string =>
    `role must be one of gestion, commercial, support (got ${JSON.stringify(input)})`,
  'user.notFound': ({ userId }: { userId: string }): string => `no user ${userId}`,
  'user.ownsClients': ({ change, count }: { change: UserChange; count: number }, f: Format): string =>
    `cannot ${CHANGE[change]} a commercial who owns ${count} ${f.plural(count, { one: 'client', other: 'clients' })}: pass --reassign-to <commercial id>`,
  'user.reassignToSelf': '--reassign-to must name another commercial',
  'user.reassignTargetNotFound': ({ userId }: { userId: string }): string => `no user ${userId} to reassign to`,
  'user.reassignTargetNotCommercial': ({ userId, role }: { userId: string; role: Role }): string =>
    `--reassign-to must name a commercial (${userId} is ${role})`,
};
