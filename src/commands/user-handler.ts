import { type Action, assertAllowed } from '../auth/policy.js';
import { accountStream } from '../domain/accounts/account-events.js';
import { decideAccount } from '../domain/accounts/decide-account.js';
import { accountAggregate, usersAggregate } from '../domain/aggregates.js';
import { credentialVersions } from '../domain/users/credential-versions.js';
import { decideUsers, type UserCommand } from '../domain/users/decide-users.js';
import { holdingsStream } from '../domain/users/holding-events.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import { liveUser, type User, type UsersState } from '../domain/users/users-state.js';
import { newId } from '../domain/values/ids.js';
import type { Role } from '../domain/values/roles.js';
import { NotFound } from '../errors.js';
import type { RecordedEvent } from '../events/event-store.js';
import { msg } from '../i18n/message.js';
import { holdGiven } from './account-handler.js';
import { decideOnStream, loadForDecision } from './decide-on-stream.js';
import type { Actor, ActorContext, CommandContext } from './handler-context.js';
import { portfolioOf } from './portfolio.js';
import { newRecordId } from './record-ids.js';

/** The directory as this command decides on it: without its own events, when a run under the same idempotency key recorded them. */
async function usersBefore(context: ActorContext): Promise<UsersState> {
  return (await loadForDecision(context, USERS_STREAM, usersAggregate)).state;
}

/**
 * Stores the user's new password hash, bound to the event that records the
 * change: written after that event, with its version (credential-store.ts).
 */
export async function storeCredential(
  context: CommandContext,
  userId: string,
  passwordHash: string,
  events: readonly RecordedEvent[],
): Promise<void> {
  await onceRecorded(context, async (recorded) => {
    const version = credentialVersions(recorded ?? events).get(userId);
    if (version === undefined) throw new Error(`no credential change of user ${userId} among the events just appended`);
    await context.credentials.set(userId, passwordHash, version);
  });
}

/**
 * Work that needs the command's events in the log: at once when they were
 * appended already, else when the command's unit of work commits (with the
 * events the commit recorded).
 */
async function onceRecorded(context: CommandContext, work: (recorded?: readonly RecordedEvent[]) => Promise<void>): Promise<void> {
  const { unit } = context;
  if (unit) unit.afterCommit(() => work(context.recorded));
  else await work();
}

function authorize(actor: Actor, action: Action): void {
  assertAllowed(action, actor);
}

/** `epic init`: the first gestion account. Refused once any user has ever existed. */
export async function bootstrap(context: CommandContext, input: { name: string; email: string; passwordHash: string }): Promise<User> {
  const userId = newId();
  const self = { id: userId, role: 'gestion' as const };
  const { state, events } = await decideOnStream(context, self, USERS_STREAM, usersAggregate, (users) =>
    decideUsers({ type: 'Bootstrap', data: { userId, name: input.name, email: input.email } }, users, { actorId: userId }),
  );
  await storeCredential(context, userId, input.passwordHash, events);
  return state.users[userId]!;
}

export async function createUser(
  context: ActorContext,
  input: { name: string; email: string; role: string; passwordHash: string },
): Promise<User> {
  authorize(context.actor, 'user.create');
  const userId = newRecordId(context, 'user');
  const { state, events } = await decideOnStream(context, context.actor, USERS_STREAM, usersAggregate, (users) =>
    decideUsers({ type: 'CreateUser', data: { userId, name: input.name, email: input.email, role: input.role } }, users, {
      actorId: context.actor.id,
    }),
  );
  await storeCredential(context, userId, input.passwordHash, events);
  return state.users[userId]!;
}

export interface EditUserInput {
  readonly userId: string;
  readonly name?: string;
  readonly email?: string;
  readonly role?: string;
  readonly passwordHash?: string;
  readonly reassignTo?: string;
}

/**
 * Edits a user. A commercial who leaves that role hands their clients to
 * `reassignTo` first (one ClientReassigned per client, in each client's
 * stream); a support who leaves it is unassigned from their events first, so
 * no record ever points at a user who cannot hold it.
 */
export async function editUser(context: ActorContext, input: EditUserInput): Promise<User> {
  authorize(context.actor, 'user.edit');
  const command = (ownedClients: number): UserCommand => ({
    type: 'EditUser',
    data: {
      userId: input.userId,
      ownedClients,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.reassignTo !== undefined && { reassignTo: input.reassignTo }),
      ...(input.passwordHash !== undefined && { passwordChanged: true }),
    },
  });
  const before = liveUser(await usersBefore(context), input.userId);
  if (!before) throw new NotFound(msg('user.notFound', { userId: input.userId }));
  const leavingRole = input.role !== undefined && input.role !== before.role ? before.role : undefined;
  const ownedClients = await handOver(context, before, leavingRole, input.reassignTo, command);
  const { state, events } = await decideOnStream(context, context.actor, USERS_STREAM, usersAggregate, (users) =>
    decideUsers(command(ownedClients), users, { actorId: context.actor.id }),
  );
  // After the event that records the change: the hash is bound to its version.
  if (input.passwordHash !== undefined) await storeCredential(context, input.userId, input.passwordHash, events);
  return state.users[input.userId]!;
}

export async function deleteUser(context: ActorContext, input: { userId: string; reassignTo?: string }): Promise<User> {
  authorize(context.actor, 'user.delete');
  const command = (ownedClients: number): UserCommand => ({
    type: 'DeleteUser',
    data: { userId: input.userId, ownedClients, ...(input.reassignTo !== undefined && { reassignTo: input.reassignTo }) },
  });
  const before = liveUser(await usersBefore(context), input.userId);
  if (!before) throw new NotFound(msg('user.notFound', { userId: input.userId }));
  const ownedClients = await handOver(context, before, before.role, input.reassignTo, command);
  const { state } = await decideOnStream(context, context.actor, USERS_STREAM, usersAggregate, (users) =>
    decideUsers(command(ownedClients), users, { actorId: context.actor.id }),
  );
  await onceRecorded(context, () => context.credentials.delete(input.userId));
  return state.users[input.userId]!;
}

/**
 * Before a user leaves `role` (deleted or re-roled): validate the whole change
 * on the current directory (the decision is pure, so it can be tried first and
 * nothing moves if it would be refused), then move the commercial's clients to
 * `reassignTo`, or unassign the support's events. Returns how many clients the
 * user still owns (0 once moved).
 */
export async function handOver(
  context: ActorContext,
  user: User,
  role: Role | undefined,
  reassignTo: string | undefined,
  command: (ownedClients: number) => UserCommand,
): Promise<number> {
  if (role === undefined || role === 'gestion') return 0;
  // Read before the scan: a client or an event given to the user after it fails the command (holding-events.ts).
  const held = await context.store.readStream(holdingsStream(user.id));
  context.unit?.requireUnchanged(holdingsStream(user.id), held.at(-1)?.version ?? 0);
  const portfolio = await portfolioOf(context.store, user.id);
  const users = await usersBefore(context);
  // Dry run: refuses (missing --reassign-to, self-deletion...) before anything is written.
  decideUsers(command(portfolio.clients.length), users, { actorId: context.actor.id });
  if (role === 'commercial' && portfolio.clients.length > 0 && reassignTo !== undefined) {
    const commercial = liveUser(users, reassignTo);
    for (const clientId of portfolio.clients) {
      await decideOnStream(context, context.actor, accountStream(clientId), accountAggregate, (account) => {
        const events =
          account.status === 'active' && account.client?.commercialId === user.id
            ? decideAccount({ type: 'EditClient', data: { clientId, commercialId: reassignTo } }, account, { commercial })
            : [];
        holdGiven(context, clientId, events);
        return events;
      });
    }
    return 0;
  }
  if (role === 'support') {
    // One decision per client account (a command decides each stream once): every one of its events the support holds.
    const byClient = new Map<string, { readonly occasionId: string }[]>();
    for (const held of portfolio.occasions) byClient.set(held.clientId, [...(byClient.get(held.clientId) ?? []), held]);
    for (const [clientId, held] of byClient) {
      await decideOnStream(context, context.actor, accountStream(clientId), accountAggregate, (account) =>
        held.flatMap(({ occasionId }) =>
          account.occasions[occasionId]?.supportId === user.id
            ? decideAccount({ type: 'UnassignSupport', data: { occasionId } }, account)
            : [],
        ),
      );
    }
  }
  return portfolio.clients.length;
}
