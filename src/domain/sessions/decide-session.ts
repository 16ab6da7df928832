import { NotAuthenticated } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { SessionEvent } from './session-events.js';
import type { SessionsState } from './sessions-state.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;

/** The one message every failed login gets, whatever the reason: no hint for an attacker. */
export const LOGIN_FAILED_MESSAGE = msg('session.loginFailed');

/**
 * When the account is locked at `now`, the instant the lock ends; otherwise
 * undefined. A failure that makes `MAX_FAILED_LOGINS` within 15 minutes locks
 * the account for 15 minutes from that failure (not from the first of the
 * five: a window anchored there would let a guess through a minute later).
 * Attempts refused while locked are recorded as failures but do not push the
 * end back; they do count towards the next lock once this one is over.
 */
export function lockedUntil(state: SessionsState, now: Date): Date | undefined {
  const times = state.failures.map((at) => Date.parse(at)).filter((time) => time <= now.getTime());
  let until = Number.NEGATIVE_INFINITY;
  times.forEach((time, index) => {
    if (time < until) return;
    const recent = times.slice(0, index + 1).filter((earlier) => time - earlier < LOCK_WINDOW_MS).length;
    if (recent >= MAX_FAILED_LOGINS) until = time + LOCK_WINDOW_MS;
  });
  return now.getTime() < until ? new Date(until) : undefined;
}

/** True while a lock set by `MAX_FAILED_LOGINS` failures within 15 minutes lasts (15 minutes from the failure that set it). */
export function isLocked(state: SessionsState, now: Date): boolean {
  return lockedUntil(state, now) !== undefined;
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

/** `user unlock`: nothing to record unless a lock lasts at `now`. */
export function decideUnlock(state: SessionsState, attempt: { userId: string; now: Date }): SessionEvent[] {
  return isLocked(state, attempt.now) ? [{ type: 'LoginLockLifted', data: { userId: attempt.userId } }] : [];
}

export function decideLogout(state: SessionsState, attempt: { userId: string; sessionId: string }): SessionEvent[] {
  if (state.open[attempt.sessionId] === undefined) return [];
  return [{ type: 'SessionClosed', data: { userId: attempt.userId, sessionId: attempt.sessionId } }];
}
