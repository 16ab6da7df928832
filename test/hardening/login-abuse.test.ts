/**
 * Login abuse: after 5 failed logins for one email within 15 minutes, every
 * further attempt for it is refused for 15 minutes with the one generic
 * message (a correct password included), and each attempt is in the command
 * log. Through the CLI for the lock itself; through the login handler with
 * an injected clock (the domain takes `now` from the command context) for the
 * minutes that pass, instead of sleeping.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CommandContext } from '../../src/commands/handler-context.js';
import { login } from '../../src/commands/session-handler.js';
import { LOGIN_FAILED_MESSAGE } from '../../src/domain/sessions/decide-session.js';
import { NotAuthenticated } from '../../src/errors.js';
import { type OpenedEventStore, openEventStore } from '../../src/events/open-event-store.js';
import { testKeyring } from '../support/audit-key.js';
import { Installation } from '../support/cli.js';
import { english } from '../support/english.js';
import { assertOneLineError } from './support/hardening.js';

const abuse = suite('login abuse');

let app: Installation;
const GENERIC = `error: ${english(LOGIN_FAILED_MESSAGE)}\n`;

abuse.before(async () => {
  app = new Installation();
  await app.seedTeam();
});
abuse.after(() => app.cleanup());

const attempt = (email: string, password: string) => app.epic(['login', '--email', email, '--password-stdin'], { stdin: `${password}\n` });

abuse('5 failures lock the email: the right password is refused too, with the same message; others are not locked', async () => {
  for (let i = 0; i < 5; i++) {
    const result = await attempt('carla@epic.test', `wrong guess ${i}`);
    assert.is(result.code, 3, result.stderr);
    assert.is(result.stderr, GENERIC);
  }
  for (const email of ['carla@epic.test', 'CARLA@Epic.Test', ' carla@epic.test ']) {
    const locked = await attempt(email, 'closer passphrase two');
    assert.is(locked.code, 3, `${email}: ${locked.stderr}`);
    assert.is(locked.stderr, GENERIC, 'the lock says nothing an attacker could use');
    assertOneLineError(locked, 'locked login');
  }
  // An unknown email gets the very same answer.
  const unknown = await attempt('nobody@epic.test', 'whatever');
  assert.is(unknown.stderr, GENERIC);
  // The lock is per email: Bob still logs in.
  assert.is((await attempt('bob@epic.test', 'seller passphrase one')).code, 0);
});

abuse('every refused attempt is in the command log, denied, with the generic reason', async () => {
  await app.as('ada@epic.test');
  const entries = JSON.parse(await app.ok(['log', '--denied', '--limit', '100', '--json'])) as {
    command: string;
    outcome: string;
    reason: string;
    reasonMessage: { key: string; params: unknown } | null;
    actor: { id: string };
  }[];
  const logins = entries.filter((entry) => entry.command === 'login');
  // 5 wrong passwords + 3 refused right ones for Carla, 1 unknown email.
  assert.is(logins.length, 9, JSON.stringify(logins.map((e) => e.reason)));
  for (const entry of logins) {
    assert.is(entry.outcome, 'denied');
    assert.is(entry.reason, english(LOGIN_FAILED_MESSAGE));
    assert.equal(entry.reasonMessage, { key: 'session.loginFailed', params: null }, 'the reason as a message, for readers of any language');
  }
  const carla = JSON.parse(await app.ok(['user', 'list', '--json'])) as { id: string; email: string }[];
  const carlaId = carla.find((u) => u.email === 'carla@epic.test')?.id;
  assert.is(logins.filter((e) => e.actor.id === carlaId).length, 8, 'the attempts on a known account name it');
});

/** The login handler on the installation's store, at the instant `at`. */
async function loginAt(opened: OpenedEventStore, email: string, password: string, at: Date): Promise<'ok' | 'refused'> {
  const context: CommandContext = {
    store: opened.store,
    credentials: opened.credentials,
    commandId: `clock-${at.toISOString()}-${Math.random()}`,
    now: () => at,
    recorded: [],
  };
  try {
    await login(context, { email, password, secret: new Uint8Array(32).fill(7), ttlSeconds: 3600 });
    return 'ok';
  } catch (error) {
    if (!(error instanceof NotAuthenticated)) throw error;
    assert.equal(error.text, LOGIN_FAILED_MESSAGE);
    return 'refused';
  }
}

abuse('the lock lasts 15 minutes from the failure that set it, not from the first failure of the five', async () => {
  const opened = await openEventStore(`sqlite:${join(app.home, 'events.db')}`, { keyring: testKeyring });
  try {
    const t0 = Date.parse('2031-03-01T10:00:00.000Z');
    const at = (minutes: number, seconds = 0) => new Date(t0 + minutes * 60_000 + seconds * 1000);
    const sue = 'sue@epic.test';
    const right = 'support passphrase four';
    // Failures at 0, 1, 2, 3 and 14 minutes: five within 15 minutes, so the account locks at 14:00.
    for (const minute of [0, 1, 2, 3, 14]) assert.is(await loginAt(opened, sue, 'bad', at(minute)), 'refused');
    assert.is(
      await loginAt(opened, sue, right, at(15, 1)),
      'refused',
      'still locked one minute later (a window anchored on the first failure would have let this through)',
    );
    assert.is(await loginAt(opened, sue, right, at(28, 59)), 'refused', 'still locked 14:59 after it was set');
    // Attempts refused while locked do not push the end back: at 29:00 the lock set at 14:00 is over.
    assert.is(await loginAt(opened, sue, right, at(29, 0)), 'ok', 'unlocked 15 minutes after it was set');
    // A success clears the failures: four more do not lock again.
    for (const minute of [30, 31, 32, 33]) assert.is(await loginAt(opened, sue, 'bad', at(minute)), 'refused');
    assert.is(await loginAt(opened, sue, right, at(34)), 'ok');
  } finally {
    await opened.credentials.close();
    await opened.store.close();
  }
});

abuse('hammering during the lock: one more failure right after it ends locks again at once', async () => {
  const opened = await openEventStore(`sqlite:${join(app.home, 'events.db')}`, { keyring: testKeyring });
  try {
    const t0 = Date.parse('2031-04-01T10:00:00.000Z');
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const sam = 'sam@epic.test';
    const right = 'support passphrase three';
    for (const minute of [0, 1, 2, 3, 4]) assert.is(await loginAt(opened, sam, 'bad', at(minute)), 'refused');
    for (const minute of [10, 15, 16, 17, 18]) assert.is(await loginAt(opened, sam, 'bad', at(minute)), 'refused');
    // Locked 4:00 -> 19:00; the five failures at 10..18 are within 15 minutes of 19:30, so one more locks again.
    assert.is(await loginAt(opened, sam, 'bad', at(19.5)), 'refused');
    assert.is(await loginAt(opened, sam, right, at(20)), 'refused', 'locked again from 19:30');
    assert.is(await loginAt(opened, sam, right, at(34.5)), 'ok', 'until 34:30');
  } finally {
    await opened.credentials.close();
    await opened.store.close();
  }
});

abuse.run();
