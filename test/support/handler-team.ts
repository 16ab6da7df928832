/**
 * Handlers run as the CLI runs them, without the CLI: a store, credentials in
 * memory, a clock that moves a second per call, a team (Ada of gestion, Bob
 * a commercial), and `change`, a command decided in a unit and committed with
 * its command-log entry.
 */

import { commandLogAppend } from '../../src/commands/command-log.js';
import type { Actor, ActorContext } from '../../src/commands/handler-context.js';
import { commitUnit, UnitOfWork } from '../../src/commands/unit-of-work.js';
import { bootstrap, createUser } from '../../src/commands/user-handler.js';
import type { CredentialStore, StoredCredential } from '../../src/events/credential-store.js';
import type { EventStore } from '../../src/events/event-store.js';

export class MemoryCredentials implements CredentialStore {
  readonly rows = new Map<string, StoredCredential>();
  async get(userId: string) {
    return this.rows.get(userId) ?? null;
  }
  async set(userId: string, passwordHash: string, version: number) {
    this.rows.set(userId, { passwordHash, binding: 'bound', version });
  }
  async delete(userId: string) {
    this.rows.delete(userId);
  }
  async close() {}
}

let clock = Date.parse('2030-03-01T09:00:00.000Z');
export const now = () => {
  clock += 1000;
  return new Date(clock);
};

export async function team(store: EventStore) {
  const credentials = new MemoryCredentials();
  const base = { store, credentials, now, recorded: [] };
  const ada = await bootstrap({ ...base, commandId: 'boot' }, { name: 'Ada', email: 'ada@epic.test', passwordHash: 'h' });
  const gestion: Actor = { id: ada.id, name: ada.name, role: 'gestion' };
  const bob = await createUser(
    { ...base, commandId: 'bob', actor: gestion },
    { name: 'Bob', email: 'bob@epic.test', role: 'commercial', passwordHash: 'h' },
  );
  return { credentials, gestion, bob };
}

/** A change command as the CLI runs it: decide in a unit, commit with the log entry. */
export async function change<T>(
  store: EventStore,
  credentials: CredentialStore,
  actor: Actor,
  commandId: string,
  work: (context: ActorContext) => Promise<T>,
): Promise<T> {
  const unit = new UnitOfWork();
  const context: ActorContext = { store, credentials, commandId, now, recorded: [], actor, unit };
  const result = await work(context);
  await commitUnit(context, unit, (events, at) =>
    commandLogAppend(actor, at, { commandId, command: 'test', args: {}, outcome: 'accepted', reason: null, reasonMessage: null, events }),
  );
  return result;
}
