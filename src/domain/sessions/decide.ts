import { NotAuthenticated } from '../../errors.js';
import type { SessionEvent } from './events.js';
import type { SessionsState } from './state.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;

/** The one message every failed login gets, whatever the reason: no hint for an attacker. */
export const LOGIN_FAILED_MESSAGE = 'invalid email or password';

/** True while `MAX_FAILED_LOGINS` failures fall within the last 15 minutes. */
export function isLocked(state: SessionsState, now: Date): boolean {
  const recent = state.failures.filter((at) => now.getTime() - Date.parse(at) < LOCK_WINDOW_MS);
  return recent.length >= MAX_FAILED_LOGINS;
}

/**
 * Pure: the outcome of a login attempt whose password check (`passwordOk`)
 * the handler did. While locked, even a correct password is refused. A
 * refusal still returns the event to record (LoginFailed), alongside the error
 * to raise once it is recorded.
 */
export function decideLogin(
  state: SessionsState,
  attempt: { userId: string; passwordOk: boolean; sessionId: string; now: Date; ttlSeconds: number },
): { events: SessionEvent[]; error?: NotAuthenticated } {
  const { userId, passwordOk, sessionId, now, ttlSeconds } = attempt;
  if (isLocked(state, now) || !passwordOk) {
    return { events: [{ type: 'LoginFailed', data: { userId } }], error: new NotAuthenticated(LOGIN_FAILED_MESSAGE) };
  }
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  return { events: [{ type: 'SessionOpened', data: { userId, sessionId, expiresAt } }] };
}

export function decideLogout(state: SessionsState, attempt: { userId: string; sessionId: string }): SessionEvent[] {
  if (state.open[attempt.sessionId] === undefined) return [];
  return [{ type: 'SessionClosed', data: { userId: attempt.userId, sessionId: attempt.sessionId } }];
}
