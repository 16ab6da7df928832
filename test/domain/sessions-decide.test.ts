import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideLogin, decideLogout, isLocked } from '../../src/domain/sessions/decide-session.js';
import type { SessionEvent } from '../../src/domain/sessions/session-events.js';
import { evolveSessions, initialSessionsState, isSessionOpen } from '../../src/domain/sessions/sessions-state.js';
import { NotAuthenticated } from '../../src/errors.js';
import { english } from '../support/english.js';

function given(events: [SessionEvent, string][]) {
  return events.reduce((state, [event, at]) => evolveSessions(state, event, at), initialSessionsState());
}
const failed = (at: string): [SessionEvent, string] => [{ type: 'LoginFailed', data: { userId: 'u1' } }, at];
const now = new Date('2026-06-01T10:00:00.000Z');
const attempt = { userId: 'u1', sessionId: 's1', now, ttlSeconds: 3600 };

const sessions = suite('decide: sessions');

sessions('a good password opens a session until now + ttl', () => {
  assert.equal(decideLogin(given([]), { ...attempt, passwordOk: true }), {
    events: [{ type: 'SessionOpened', data: { userId: 'u1', sessionId: 's1', expiresAt: '2026-06-01T11:00:00.000Z' } }],
  });
});

sessions('a bad password is recorded and refused with the generic message', () => {
  const outcome = decideLogin(given([]), { ...attempt, passwordOk: false });
  assert.equal(outcome.events, [{ type: 'LoginFailed', data: { userId: 'u1' } }]);
  assert.instance(outcome.error, NotAuthenticated);
  assert.is(english(outcome.error), 'invalid email or password');
});

sessions('5 failures within 15 minutes lock the account, even for the right password', () => {
  const five = given(['09:50', '09:52', '09:54', '09:56', '09:58'].map((t) => failed(`2026-06-01T${t}:00.000Z`)));
  assert.ok(isLocked(five, now));
  const outcome = decideLogin(five, { ...attempt, passwordOk: true });
  assert.instance(outcome.error, NotAuthenticated);
  assert.is(english(outcome.error), 'invalid email or password');
  // 15 minutes after the last failure the lock is gone.
  assert.not.ok(isLocked(five, new Date('2026-06-01T10:13:00.000Z')));
});

sessions('4 failures, or older ones, do not lock', () => {
  assert.not.ok(isLocked(given(['09:50', '09:52', '09:54', '09:56'].map((t) => failed(`2026-06-01T${t}:00.000Z`))), now));
  assert.not.ok(isLocked(given(['09:00', '09:01', '09:02', '09:03', '09:58'].map((t) => failed(`2026-06-01T${t}:00.000Z`))), now));
});

sessions('logout closes the session; a closed or expired session is not open', () => {
  const open = given([
    [{ type: 'SessionOpened', data: { userId: 'u1', sessionId: 's1', expiresAt: '2026-06-01T11:00:00.000Z' } }, '2026-06-01T10:00:00.000Z'],
  ]);
  assert.ok(isSessionOpen(open, 's1', now));
  assert.not.ok(isSessionOpen(open, 's1', new Date('2026-06-01T11:00:00.000Z')));
  assert.not.ok(isSessionOpen(open, 'other', now));
  const events = decideLogout(open, { userId: 'u1', sessionId: 's1' });
  assert.equal(events, [{ type: 'SessionClosed', data: { userId: 'u1', sessionId: 's1' } }]);
  const closed = evolveSessions(open, events[0]!, '2026-06-01T10:05:00.000Z');
  assert.not.ok(isSessionOpen(closed, 's1', now));
  assert.equal(decideLogout(closed, { userId: 'u1', sessionId: 's1' }), []);
});

sessions.run();
