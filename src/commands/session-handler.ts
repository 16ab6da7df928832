import { verifyPassword } from '../auth/passwords.js';
import { signSessionToken, verifySessionToken } from '../auth/session-token.js';
import { sessionsAggregate } from '../domain/aggregates.js';
import { decideLogin, decideLogout, LOGIN_FAILED_MESSAGE } from '../domain/sessions/decide-session.js';
import { sessionStream } from '../domain/sessions/session-events.js';
import { isSessionOpen } from '../domain/sessions/sessions-state.js';
import { credentialProblem } from '../domain/users/credential-versions.js';
import { liveUser } from '../domain/users/users-state.js';
import { emailKey } from '../domain/values/contact.js';
import { newId } from '../domain/values/ids.js';
import { NotAuthenticated } from '../errors.js';
import { msg } from '../i18n/message.js';
import { decideOnStream, loadStream } from './decide-on-stream.js';
import type { Actor, CommandContext } from './handler-context.js';
import { loadDirectory, loadUsers } from './load-users.js';

/**
 * Checks the password, records the attempt in the user's session stream, and
 * returns a signed token for a new session. Every refusal (unknown email,
 * wrong password, locked account, a stored hash that is not bound to this
 * user's last password change) has the same message.
 */
export async function login(
  context: CommandContext,
  input: { email: string; password: string; secret: Uint8Array; ttlSeconds: number },
): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const { users, credentialVersions } = await loadDirectory(context);
  const userId = users.emails[emailKey(input.email)];
  const user = userId === undefined ? undefined : liveUser(users, userId);
  const credential = user ? await context.credentials.get(user.id) : null;
  // A hash copied from another user's row, or an older row put back, is not this user's password: checked as no hash at all.
  const usable = user !== undefined && credential !== null && credentialProblem(credential, credentialVersions.get(user.id)) === undefined;
  const passwordOk = await verifyPassword(input.password, usable ? credential.passwordHash : null);
  if (!user) throw new NotAuthenticated(LOGIN_FAILED_MESSAGE);
  // Said only to whoever knows the password: to anyone else a disabled account is any failed login.
  if (user.disabled && passwordOk) throw new NotAuthenticated(msg('session.accountDisabled'));
  const sessionId = newId(16);
  const now = context.now();
  let refusal: NotAuthenticated | undefined;
  await decideOnStream(context, { id: user.id, role: user.role }, sessionStream(user.id), sessionsAggregate, (sessions) => {
    const outcome = decideLogin(sessions, { userId: user.id, passwordOk, sessionId, now, ttlSeconds: input.ttlSeconds });
    refusal = outcome.error;
    return outcome.events;
  });
  if (refusal) throw refusal;
  const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
  const token = await signSessionToken({ userId: user.id, sessionId, expiresAt }, input.secret);
  return { token, actor: { id: user.id, name: user.name, role: user.role }, expiresAt };
}

/**
 * Who is acting: the token's signature and expiry are checked, then the user's
 * existence and role are read from the directory and the session from the
 * user's session stream, now. A deleted user, a closed session or a token from
 * another installation is refused whatever the token says.
 */
export async function resolveActor(
  context: Pick<CommandContext, 'store' | 'now'>,
  token: string,
  secret: Uint8Array,
): Promise<Actor & { sessionId: string }> {
  const claims = await verifySessionToken(token, secret);
  const users = await loadUsers(context);
  const user = liveUser(users, claims.userId);
  if (!user) throw new NotAuthenticated(msg('session.accountGone'));
  if (user.disabled) throw new NotAuthenticated(msg('session.accountDisabled'));
  const { state } = await loadStream(context, sessionStream(user.id), sessionsAggregate);
  if (!isSessionOpen(state, claims.sessionId, context.now())) throw new NotAuthenticated(msg('session.ended'));
  return { id: user.id, name: user.name, role: user.role, sessionId: claims.sessionId };
}

export async function logout(context: CommandContext, actor: Actor & { sessionId: string }): Promise<void> {
  await decideOnStream(context, { id: actor.id, role: actor.role }, sessionStream(actor.id), sessionsAggregate, (sessions) =>
    decideLogout(sessions, { userId: actor.id, sessionId: actor.sessionId }),
  );
}
