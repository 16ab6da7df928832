import { typeList } from '../decider.js';
/**
 * Events of a user's sign-ins (stream `session-<userId>`): which sessions are
 * open, and the failed attempts that lock an account for a while. A token is
 * honoured only while its session is open here, so `logout` makes a copied
 * token useless.
 */
export type SessionEvent =
  | { type: 'SessionOpened'; data: { userId: string; sessionId: string; expiresAt: string } }
  | { type: 'SessionClosed'; data: { userId: string; sessionId: string } }
  | { type: 'LoginFailed'; data: { userId: string } }
  /** `user unlock`: gestion lifts a login lock; the failures before it no longer count. */
  | { type: 'LoginLockLifted'; data: { userId: string } };

export const SESSION_EVENT_TYPES = typeList<SessionEvent['type']>({
  SessionOpened: true,
  SessionClosed: true,
  LoginFailed: true,
  LoginLockLifted: true,
});

export function sessionStream(userId: string): string {
  return `session-${userId}`;
}
