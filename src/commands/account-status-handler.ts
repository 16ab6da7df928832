/**
 * Accounts people run themselves (issue 19): disabling and enabling a
 * collaborator, lifting a login lock, changing one's own password, and the
 * lock as `user view` shows it. Decided on the `users` stream and each user's
 * session stream, like the rest of the directory.
 */
import { assertAllowed } from '../auth/policy.js';
import { sessionsAggregate, usersAggregate } from '../domain/aggregates.js';
import { decideUnlock, lockedUntil } from '../domain/sessions/decide-session.js';
import { sessionStream } from '../domain/sessions/session-events.js';
import { credentialProblem } from '../domain/users/credential-versions.js';
import { decideUsers, type UserCommand } from '../domain/users/decide-users.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import { liveUser, type User } from '../domain/users/users-state.js';
import { InvalidInput, NotAuthenticated, NotFound } from '../errors.js';
import { msg } from '../i18n/message.js';
import { decideOnStream, loadStream } from './decide-on-stream.js';
import type { ActorContext, CommandContext } from './handler-context.js';
import { loadDirectory, loadUsers } from './load-users.js';
import { handOver, storeCredential } from './user-handler.js';

/** `user disable`: a commercial's clients move to `reassignTo` first (as for a deletion), then the account is disabled. */
export async function disableUser(context: ActorContext, input: { userId: string; reassignTo?: string }): Promise<User> {
  assertAllowed('user.disable', context.actor);
  const command = (ownedClients: number): UserCommand => ({
    type: 'DisableUser',
    data: { userId: input.userId, ownedClients, ...(input.reassignTo !== undefined && { reassignTo: input.reassignTo }) },
  });
  const before = liveUser(await loadUsers(context), input.userId);
  if (!before) throw new NotFound(msg('user.notFound', { userId: input.userId }));
  // A disabled support keeps their assignments (the history says who was to be there): only a commercial's clients move.
  const ownedClients = await handOver(context, before, before.role === 'commercial' ? 'commercial' : undefined, input.reassignTo, command);
  const { state } = await decideOnStream(context, context.actor, USERS_STREAM, usersAggregate, (users) =>
    decideUsers(command(ownedClients), users, { actorId: context.actor.id }),
  );
  return state.users[input.userId]!;
}

export async function enableUser(context: ActorContext, input: { userId: string }): Promise<User> {
  assertAllowed('user.enable', context.actor);
  const { state } = await decideOnStream(context, context.actor, USERS_STREAM, usersAggregate, (users) =>
    decideUsers({ type: 'EnableUser', data: { userId: input.userId } }, users, { actorId: context.actor.id }),
  );
  return state.users[input.userId]!;
}

/** `user unlock`: true when a lock was lifted, false when there was none. */
export async function unlockUser(context: ActorContext, input: { userId: string }): Promise<boolean> {
  assertAllowed('user.unlock', context.actor);
  if (!liveUser(await loadUsers(context), input.userId)) throw new NotFound(msg('user.notFound', { userId: input.userId }));
  const now = context.now();
  // What the decision said (its events are appended when the command's unit of work commits).
  let lifted = false;
  await decideOnStream(context, context.actor, sessionStream(input.userId), sessionsAggregate, (sessions) => {
    const events = decideUnlock(sessions, { userId: input.userId, now });
    lifted = events.length > 0;
    return events;
  });
  return lifted;
}

/** The end of the user's login lock at `now` (ISO 8601), or null: what `user view` and `user list` show. */
export async function lockOf(context: Pick<CommandContext, 'store' | 'now'>, userId: string): Promise<string | null> {
  const { state } = await loadStream(context, sessionStream(userId), sessionsAggregate);
  return lockedUntil(state, context.now())?.toISOString() ?? null;
}

/**
 * `epic passwd`: the actor's own password. The current one is checked as at
 * login (a hash not bound to the user's last change counts as none); the
 * new one must pass the policy (the caller checks it as typed).
 */
export async function changeOwnPassword(
  context: ActorContext,
  input: {
    current: string;
    next: string;
    hash: (password: string) => Promise<string>;
    verify: (password: string, hash: string | null) => Promise<boolean>;
  },
): Promise<void> {
  const { users, credentialVersions } = await loadDirectory(context);
  const user = liveUser(users, context.actor.id);
  if (!user) throw new NotAuthenticated(msg('session.accountGone'));
  const credential = await context.credentials.get(user.id);
  const usable = credential !== null && credentialProblem(credential, credentialVersions.get(user.id)) === undefined;
  if (!(await input.verify(input.current, usable ? credential.passwordHash : null))) throw new NotAuthenticated(msg('passwd.wrongCurrent'));
  if (input.next === input.current) throw new InvalidInput(msg('passwd.unchanged'));
  const passwordHash = await input.hash(input.next);
  const { events } = await decideOnStream(context, context.actor, USERS_STREAM, usersAggregate, (directory) =>
    decideUsers({ type: 'EditUser', data: { userId: user.id, ownedClients: 0, passwordChanged: true } }, directory, {
      actorId: context.actor.id,
    }),
  );
  await storeCredential(context, user.id, passwordHash, events);
}
