import { type Action, isAllowed, refusal, scopeOf, type TargetFacts } from '../auth/policy.js';
import { NotFound, OutOfScope } from '../errors.js';
import type { EventStore } from '../events/event-store.js';
import { msg } from '../i18n/message.js';
import type { ReadDb } from '../projections/read-db/open-read-db.js';
import type { IdNoun } from '../projections/read-problems.js';
import type { Actor } from './handler-context.js';

export type Noun = 'users' | 'clients' | 'contracts' | 'occasions';

/** The action whose scope says which records of a kind an actor may see (users: gestion's alone, no scope to narrow). */
const VIEW_ACTIONS: Readonly<Record<Exclude<Noun, 'users'>, Action>> = {
  clients: 'client.view',
  contracts: 'contract.view',
  occasions: 'event.view',
};

/**
 * A full id from an id or a unique prefix of 4+ characters, in any letter
 * case (ids are lower-case: `K3F9` is `k3f9`). With `viewer`, a prefix is
 * resolved among the records the viewer may see only: another commercial's
 * client never makes the viewer's prefix ambiguous (that answer would say it
 * exists), nor is one resolved to it. A role that may see no such record is
 * refused outright (4), the same for every input.
 */
export async function resolveId(db: ReadDb, noun: Noun, prefix: string, viewer?: Actor): Promise<string> {
  // Its own module, not the queries index: a change that names a user or client loads no listing query.
  const { resolveId: resolve } = await import('../projections/queries/resolve-id.js');
  const action = noun === 'users' || viewer === undefined ? undefined : VIEW_ACTIONS[noun];
  if (action === undefined || viewer === undefined) return resolve(db.db, noun, prefix.trim().toLowerCase());
  const scope = scopeOf(action, viewer.role);
  if (scope === 'none') throw refusal(action, viewer.role);
  return resolve(db.db, noun, prefix.trim().toLowerCase(), { scope, actorId: viewer.id });
}

/**
 * A user named the way people know them: by email (any letter case), or by
 * id or id prefix. Wherever a command expects a user (`--commercial`,
 * `--support`, `--reassign-to`, `--user`, `user view <id>`).
 */
export async function resolveUserId(db: ReadDb, emailOrId: string): Promise<string> {
  if (emailOrId.includes('@')) {
    const { findUserByEmail } = await import('../projections/queries/users.js');
    const user = await findUserByEmail(db.db, emailOrId);
    if (!user) throw new NotFound(msg('cli.notFound.userEmail'));
    return user.id;
  }
  return resolveId(db, 'users', emailOrId);
}

/** Kysely and the query modules load only when a command reads. */
function queries() {
  return import('../projections/queries/index.js');
}

/**
 * Refuses a record outside what `actor` may view exactly as a record that
 * does not exist: the answer resolveId gives for an unknown id or prefix
 * (exit 5), so that no id or prefix reveals what lies outside the actor's
 * scope (docs/cli.md, "Conventions"). A role that may view no such record at
 * all is refused outright (4): that answer does not depend on the id.
 */
export function assertVisible(action: Action, actor: Actor, facts: TargetFacts, noun: IdNoun, input: string): void {
  if (isAllowed(action, actor, facts)) return;
  if (scopeOf(action, actor.role) === 'none') throw refusal(action, actor.role);
  throw new OutOfScope(msg('values.id.notFound', { noun, input: input.trim().toLowerCase() }));
}

function assertMayView(action: Action, actor: Actor): void {
  if (scopeOf(action, actor.role) === 'none') throw refusal(action, actor.role);
}

/**
 * Reads one record for display, after checking the actor may view it:
 * 5 when it does not exist or lies outside the actor's scope (assertVisible).
 */
export async function viewClient(db: ReadDb, actor: Actor, idOrPrefix: string, log?: EventStore) {
  assertMayView('client.view', actor);
  const id = await resolveId(db, 'clients', idOrPrefix, actor);
  const client = await (await queries()).getClient(db.db, id);
  if (!client) throw new NotFound(msg('client.notFound', { clientId: idOrPrefix }));
  const facts =
    log === undefined
      ? { commercialId: client.commercialId, assignedSupportIds: await assignedSupportsOf(db, { clientId: id }) }
      : await factsOnLog(log, client.id, {}, 'client', idOrPrefix);
  assertVisible('client.view', actor, facts, 'client', idOrPrefix);
  return client;
}

/**
 * What the log says of a record the read tables located (`view` decides on
 * the log, never on a table another tool could have changed: docs/security.md):
 * the account folded from its stream. A record the read table places in an
 * account whose stream does not hold it answers as one that does not exist.
 */
async function factsOnLog(
  log: EventStore,
  clientId: string,
  of: { contractId?: string; occasionId?: string },
  noun: IdNoun,
  input: string,
): Promise<TargetFacts> {
  const [{ accountAggregate }, { fold }, { accountStream }, { viewFacts }] = await Promise.all([
    import('../domain/aggregates.js'),
    import('../domain/decider.js'),
    import('../domain/accounts/account-events.js'),
    import('../domain/accounts/authorize-account.js'),
  ]);
  const account = fold(accountAggregate, await log.readStream(accountStream(clientId)));
  const held =
    (account.status === 'active' || account.status === 'forgotten') &&
    (of.contractId === undefined || account.contracts[of.contractId] !== undefined) &&
    (of.occasionId === undefined || account.occasions[of.occasionId] !== undefined);
  if (!held) throw new NotFound(msg('values.id.notFound', { noun, input: input.trim().toLowerCase() }));
  return viewFacts(account, of.contractId, of.occasionId);
}

export async function viewContract(db: ReadDb, actor: Actor, idOrPrefix: string, log?: EventStore) {
  assertMayView('contract.view', actor);
  const id = await resolveId(db, 'contracts', idOrPrefix, actor);
  const contract = await (await queries()).getContract(db.db, id);
  if (!contract) throw new NotFound(msg('contract.notFound', { contractId: idOrPrefix }));
  const facts =
    log === undefined
      ? { commercialId: contract.commercialId, assignedSupportIds: await assignedSupportsOf(db, { contractId: id }) }
      : await factsOnLog(log, contract.clientId, { contractId: id }, 'contract', idOrPrefix);
  assertVisible('contract.view', actor, facts, 'contract', idOrPrefix);
  return contract;
}

export async function viewOccasion(db: ReadDb, actor: Actor, idOrPrefix: string, log?: EventStore) {
  assertMayView('event.view', actor);
  const id = await resolveId(db, 'occasions', idOrPrefix, actor);
  const occasion = await (await queries()).getOccasion(db.db, id);
  if (!occasion) throw new NotFound(msg('event.notFound', { occasionId: idOrPrefix }));
  let facts: TargetFacts;
  if (log === undefined) {
    const client = await (await queries()).getClient(db.db, occasion.clientId);
    facts = { commercialId: client?.commercialId ?? null, assignedSupportIds: new Set(occasion.supportId ? [occasion.supportId] : []) };
  } else facts = await factsOnLog(log, occasion.clientId, { occasionId: id }, 'event', idOrPrefix);
  assertVisible('event.view', actor, facts, 'event', idOrPrefix);
  return occasion;
}

/** The supports assigned to the events of a client or a contract: one indexed query, not the whole occasions table. */
async function assignedSupportsOf(db: ReadDb, of: { clientId?: string; contractId?: string }): Promise<Set<string>> {
  return (await queries()).assignedSupportIds(db.db, of);
}
