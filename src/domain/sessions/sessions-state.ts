import { assertNever } from '../assert-never.js';
import { emptyMap, type RecordMap, withEntry, withoutEntry } from '../record-map.js';
import type { SessionEvent } from './session-events.js';

export interface SessionsState {
  /** Open session ids -> expiry (ISO). */
  readonly open: RecordMap<string>;
  /** Instants of failed logins since the last successful one (most recent last). */
  readonly failures: readonly string[];
}

export function initialSessionsState(): SessionsState {
  return { open: emptyMap(), failures: [] };
}

export function evolveSessions(state: SessionsState, event: SessionEvent, at: string): SessionsState {
  switch (event.type) {
    case 'SessionOpened':
      return { open: withEntry(state.open, event.data.sessionId, event.data.expiresAt), failures: [] };
    case 'SessionClosed':
      return { ...state, open: withoutEntry(state.open, event.data.sessionId) };
    case 'LoginFailed':
      // Only the recent past matters for the lock; keep the list short.
      return { ...state, failures: [...state.failures.slice(-19), at] };
    case 'LoginLockLifted':
      return { ...state, failures: [] };
    default:
      return assertNever(event);
  }
}

export function isSessionOpen(state: SessionsState, sessionId: string, now: Date): boolean {
  const expiresAt = state.open[sessionId];
  return expiresAt !== undefined && Date.parse(expiresAt) > now.getTime();
}
