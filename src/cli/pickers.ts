/**
 * The lists records are picked from on a terminal (a prompt for a missing
 * `--client` or `--commercial`, the menu): what the acting user may see, each
 * shown the way people recognise it — clients by name and company, contracts
 * by client and amount, events by date and name, users by name and email.
 */
import { listingScope } from '../auth/policy.js';
import type { Actor } from '../commands/handler-context.js';
import { parseAmount } from '../domain/values/money.js';
import type { Role } from '../domain/values/roles.js';
import type { ClientRecord, ContractRecord, OccasionRecord, UserRecord } from '../records.js';
import type { Choice } from './prompt.js';
import type { Runtime } from './runtime.js';
import { t } from './say.js';

export function clientChoice(client: ClientRecord): Choice<string> {
  return { value: client.id, name: t('cli.pick.client', { name: client.name, company: client.company }) };
}

export function contractChoice(contract: ContractRecord): Choice<string> {
  return {
    value: contract.id,
    name: t('cli.pick.contract', {
      client: contract.clientName,
      totalCents: parseAmount(contract.totalAmount),
      remainingCents: parseAmount(contract.remainingAmount),
      signed: contract.signed,
    }),
  };
}

export function eventChoice(event: OccasionRecord): Choice<string> {
  return { value: event.id, name: t('cli.pick.event', { start: event.start, name: event.name, client: event.clientName }) };
}

export function userChoice(user: UserRecord): Choice<string> {
  return { value: user.id, name: t('cli.pick.user', { name: user.name, email: user.email, role: user.role }) };
}

export async function clientChoices(runtime: Runtime, actor: Actor): Promise<Choice<string>[]> {
  const [db, { listClients }] = await Promise.all([runtime.readDb(), import('../projections/queries/clients.js')]);
  const clients = await listClients(db.db, { scope: listingScope('client.view', actor), actorId: actor.id });
  return clients.map(clientChoice);
}

export async function contractChoices(
  runtime: Runtime,
  actor: Actor,
  filter: { readonly unsigned?: boolean; readonly unpaid?: boolean; readonly signed?: boolean } = {},
): Promise<Choice<string>[]> {
  const [db, { listContracts }] = await Promise.all([runtime.readDb(), import('../projections/queries/index.js')]);
  const contracts = await listContracts(db.db, {
    scope: listingScope('contract.view', actor),
    actorId: actor.id,
    unsigned: filter.unsigned === true,
    unpaid: filter.unpaid === true,
  });
  return contracts.filter((c) => filter.signed !== true || c.signed).map(contractChoice);
}

export async function eventChoices(
  runtime: Runtime,
  actor: Actor,
  filter: { readonly unassigned?: boolean } = {},
): Promise<Choice<string>[]> {
  const [db, { listOccasions }] = await Promise.all([runtime.readDb(), import('../projections/queries/index.js')]);
  const events = await listOccasions(db.db, {
    scope: listingScope('event.view', actor),
    actorId: actor.id,
    unassigned: filter.unassigned === true,
  });
  return events.map(eventChoice);
}

/** Users, of one role when given (the commercials a client can be given to, the supports an event can be assigned). */
export async function userChoices(runtime: Runtime, role?: Role): Promise<Choice<string>[]> {
  const [db, { listUsers }] = await Promise.all([runtime.readDb(), import('../projections/queries/index.js')]);
  return (await listUsers(db.db, role === undefined ? {} : { role })).map(userChoice);
}
