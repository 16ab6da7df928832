/**
 * The user directory folded from the log: what every authenticated command
 * reads (session-handler.ts checks the session against it). Apart from
 * user-handler.ts, whose decisions (and the account side they reach) a
 * command that only reads never loads (docs/performance.md, B1).
 */
import { usersAggregate } from '../domain/aggregates.js';
import { fold } from '../domain/decider.js';
import { credentialVersions } from '../domain/users/credential-versions.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import type { UsersState } from '../domain/users/users-state.js';
import { loadStream } from './decide-on-stream.js';
import type { CommandContext } from './handler-context.js';

export async function loadUsers(context: Pick<CommandContext, 'store'>, until?: string): Promise<UsersState> {
  return (await loadStream(context, USERS_STREAM, usersAggregate, until)).state;
}

/** The directory, and each user's last credential change (what their stored hash must be bound to). */
export async function loadDirectory(
  context: Pick<CommandContext, 'store'>,
): Promise<{ users: UsersState; credentialVersions: ReadonlyMap<string, number> }> {
  const events = await context.store.readStream(USERS_STREAM);
  return { users: fold(usersAggregate, events), credentialVersions: credentialVersions(events) };
}
