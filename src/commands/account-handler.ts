import type { AccountCommand } from '../domain/accounts/account-commands.js';
import { type AccountEvent, accountStream } from '../domain/accounts/account-events.js';
import type { AccountState } from '../domain/accounts/account-state.js';
import { authorizeAccount } from '../domain/accounts/authorize-account.js';
import { type AccountContext, decideAccount } from '../domain/accounts/decide-account.js';
import { accountAggregate, usersAggregate } from '../domain/aggregates.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import { liveUser } from '../domain/users/users-state.js';
import { NotFound } from '../errors.js';
import { msg } from '../i18n/message.js';
import { changeClientEmail, clientEmailKey } from './client-emails.js';
import { decideOnStream, loadForDecision, loadStream } from './decide-on-stream.js';
import type { ActorContext } from './handler-context.js';
import { newRecordId } from './record-ids.js';

/**
 * Runs one command on a client account: load and fold the client's stream,
 * authorize against the permission table with facts from that state, read the
 * users the decision names from the directory, decide, append. Retried on a
 * concurrent change.
 */
export async function runAccountCommand(context: ActorContext, clientId: string, command: AccountCommand): Promise<AccountState> {
  const decide = async (account: AccountState) => {
    if (account.status === 'forgotten') throw new NotFound(msg('client.forgotten', { clientId }));
    if (command.type !== 'CreateClient' && account.status !== 'active') throw new NotFound(msg('client.notFound', { clientId }));
    authorizeAccount(command, account, context.actor);
    return decideAccount(command, account, await namedUsers(context, command));
  };
  // Deciding for real (not the dry run below): the users the decision gives a record to take a holding.
  const decideAndHold = async (account: AccountState) => {
    const events = await decide(account);
    holdGiven(context, clientId, events);
    return events;
  };
  // A change of the client's email (or existence) is decided on the client email directory too:
  // the new email claimed before the client's stream records it, the old one released after.
  // Within a unit of work (every command but an import) the directory and the client's stream are
  // appended together, all or nothing: one decision on the directory takes and gives up at once.
  const email = await emailChange(context, clientId, command, decide);
  if (context.unit !== undefined) {
    if (email.claim !== undefined || email.release !== undefined) await changeClientEmail(context, clientId, email);
    return (await decideOnStream(context, context.actor, accountStream(clientId), accountAggregate, decideAndHold)).state;
  }
  if (email.claim !== undefined) await changeClientEmail(context, clientId, { claim: email.claim });
  const { state } = await decideOnStream(context, context.actor, accountStream(clientId), accountAggregate, decide);
  if (email.release !== undefined) await changeClientEmail(context, clientId, { release: email.release });
  return state;
}

/** The emails a command would have the client take and give up, from a dry run of its decision on the stream as it is. */
async function emailChange(
  context: ActorContext,
  clientId: string,
  command: AccountCommand,
  decide: (account: AccountState) => Promise<AccountEvent[]>,
): Promise<{ claim?: string; release?: string }> {
  if (
    command.type !== 'CreateClient' &&
    command.type !== 'DeleteClient' &&
    !(command.type === 'EditClient' && command.data.email !== undefined)
  )
    return {};
  // As the decision will see it: inside a unit of work, before this command's own events (a keyed retry).
  const { state } = await loadForDecision(context, accountStream(clientId), accountAggregate);
  const events = await decide(state);
  const current = state.client?.email;
  for (const event of events) {
    if (event.type === 'ClientCreated') return { claim: event.data.email };
    if (event.type === 'ClientDeleted' && current !== undefined) return { release: current };
    if (
      event.type === 'ClientUpdated' &&
      event.data.email !== undefined &&
      current !== undefined &&
      clientEmailKey(event.data.email) !== clientEmailKey(current)
    )
      return { claim: event.data.email, release: current };
  }
  return {};
}

/**
 * The users a decision gives a record to (a client's commercial, an event's
 * support) take a holding in the same append (holding-events.ts): a command
 * that takes one of them away meanwhile then fails instead of leaving the
 * record with them.
 */
export function holdGiven(context: ActorContext, clientId: string, events: readonly AccountEvent[]): void {
  const { unit } = context;
  if (!unit) return;
  for (const event of events) {
    if (event.type === 'ClientCreated' || event.type === 'ClientReassigned') {
      unit.hold(context.actor, { type: 'HoldingTaken', data: { userId: event.data.commercialId, clientId, occasionId: null } });
    } else if (event.type === 'SupportAssigned') {
      unit.hold(context.actor, {
        type: 'HoldingTaken',
        data: { userId: event.data.supportId, clientId, occasionId: event.data.occasionId },
      });
    }
  }
}

async function namedUsers(context: ActorContext, command: AccountCommand): Promise<AccountContext> {
  const commercialId = command.type === 'CreateClient' || command.type === 'EditClient' ? command.data.commercialId : undefined;
  const supportId = command.type === 'AssignSupport' ? command.data.supportId : undefined;
  if (commercialId === undefined && supportId === undefined) return {};
  // The decision relies on the named users as the directory holds them now: the
  // change commits only if the directory has not changed since (a deletion meanwhile).
  const { state: users, version } = await loadStream(context, USERS_STREAM, usersAggregate);
  context.unit?.require(USERS_STREAM, version);
  return {
    commercial: commercialId === undefined ? undefined : liveUser(users, commercialId),
    support: supportId === undefined ? undefined : liveUser(users, supportId),
  };
}

export interface CreateClientInput {
  readonly name: string;
  readonly email: string;
  readonly phone?: string | null;
  readonly company?: string | null;
  /** Defaults to the actor (a commercial creating their own client). */
  readonly commercialId?: string;
}

export async function createClient(context: ActorContext, input: CreateClientInput): Promise<{ clientId: string; state: AccountState }> {
  const clientId = newRecordId(context, 'client');
  const commercialId = input.commercialId ?? context.actor.id;
  const state = await runAccountCommand(context, clientId, {
    type: 'CreateClient',
    data: { clientId, name: input.name, email: input.email, phone: input.phone ?? null, company: input.company ?? null, commercialId },
  });
  return { clientId, state };
}

export async function createContract(
  context: ActorContext,
  input: { clientId: string; totalCents: number; remainingCents?: number; signed: boolean },
): Promise<{ contractId: string; state: AccountState }> {
  const contractId = newRecordId(context, 'contract');
  const state = await runAccountCommand(context, input.clientId, {
    type: 'CreateContract',
    data: {
      contractId,
      totalCents: input.totalCents,
      signed: input.signed,
      ...(input.remainingCents !== undefined && { remainingCents: input.remainingCents }),
    },
  });
  return { contractId, state };
}

/** The data of the account command of type `T`. */
type CommandData<T extends AccountCommand['type']> = Extract<AccountCommand, { type: T }>['data'];

export async function scheduleOccasion(
  context: ActorContext,
  input: Omit<CommandData<'ScheduleOccasion'>, 'occasionId'> & { clientId: string },
): Promise<{ occasionId: string; state: AccountState }> {
  const occasionId = newRecordId(context, 'occasion');
  const { clientId, ...data } = input;
  const state = await runAccountCommand(context, clientId, { type: 'ScheduleOccasion', data: { occasionId, ...data } });
  return { occasionId, state };
}
