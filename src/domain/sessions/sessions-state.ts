import { assertNever } from '../assert-never.js';
import type { SessionEvent } from './session-events.js';

export interface SessionsState {
  /** Open session ids -> expiry (ISO). */
  readonly open: Readonly<Record<string, string>>;
  /** Instants of failed logins since the last successful one (most recent last). */
  readonly failures: readonly string[];
}

export function initialSessionsState(): SessionsState {
  return { open: {}, failures: [] };
}

export function evolveSessions(state: SessionsState, event: SessionEvent, at: string): SessionsState {
  switch (event.type) {
    case 'SessionOpened':
      return { open: { ...state.open, [event.data.sessionId]: event.data.expiresAt }, failures: [] };
    case 'SessionClosed': {
      const open: Record<string, string> = { ...state.open };
      delete open[event.data.sessionId];
      return { ...state, open };
    }
    case 'LoginFailed':
      // Only the recent past matters for the lock; keep the list short.
      return { ...state, failures: [...state.failures.slice(-19), at] };
    default:
      return assertNever(event);
  }
}

export function isSessionOpen(state: SessionsState, sessionId: string, now: Date): boolean {
  const expiresAt = state.open[sessionId];
  return expiresAt !== undefined && Date.parse(expiresAt) > now.getTime();
}
