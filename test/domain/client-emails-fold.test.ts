/**
 * The client email directory folded at once (`evolveClientEmailsAll`, which
 * `fold` uses) and kept in place by one owner (`OwnedClientEmails`, an
 * import's claims) give exactly the state `evolveClientEmails` gives event by
 * event, on random claims and releases (taken, given up, released by a client
 * that does not hold the key, keys named like Object.prototype's members).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type ClientEmailEvent,
  type ClientEmailsState,
  decideEmailChange,
  evolveClientEmails,
  evolveClientEmailsAll,
  initialClientEmailsState,
  OwnedClientEmails,
} from '../../src/domain/client-emails/client-email-directory.js';
import { Conflict } from '../../src/errors.js';

const KEYS = ['k1', 'k2', 'k3', 'k4', '__proto__', 'constructor', 'toString'];
const CLIENTS = ['c1', 'c2', 'c3'];

function randomEvents(seed: number, count: number): ClientEmailEvent[] {
  let x = seed;
  const next = (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
  return Array.from({ length: count }, () => ({
    type: next(3) === 0 ? ('ClientEmailReleased' as const) : ('ClientEmailClaimed' as const),
    data: { clientId: CLIENTS[next(CLIENTS.length)]!, emailKey: KEYS[next(KEYS.length)]! },
  }));
}

const plain = (state: ClientEmailsState) => ({ holders: { ...state.holders }, seeded: state.seeded });

test('folded at once, or in place, the directory is what event-by-event evolution gives', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const events = randomEvents(seed, 1 + (seed % 40));
    const oneByOne = events.reduce(evolveClientEmails, initialClientEmailsState());
    const before = initialClientEmailsState();
    assert.equal(plain(evolveClientEmailsAll(before, events)), plain(oneByOne), `seed ${seed}`);
    assert.equal(plain(before), plain(initialClientEmailsState()), 'the state folded from is left as it was');
    const owned = new OwnedClientEmails(initialClientEmailsState());
    for (const event of events) owned.apply([event]);
    assert.equal(plain(owned.state), plain(oneByOne), `seed ${seed}, in place`);
    assert.is(Object.getPrototypeOf(owned.state.holders), null);
    assert.is(Object.getPrototypeOf(evolveClientEmailsAll(before, events).holders), null);
  }
});

test('an owner’s changes never reach the state it started from', () => {
  const start = evolveClientEmails(initialClientEmailsState(), { type: 'ClientEmailClaimed', data: { clientId: 'c1', emailKey: 'k1' } });
  const owned = new OwnedClientEmails(start);
  owned.apply([{ type: 'ClientEmailReleased', data: { clientId: 'c1', emailKey: 'k1' } }]);
  owned.apply([{ type: 'ClientEmailClaimed', data: { clientId: 'c2', emailKey: 'k2' } }]);
  assert.equal(plain(start), { holders: { k1: 'c1' }, seeded: true });
  assert.equal(plain(owned.state), { holders: { k2: 'c2' }, seeded: true });
});

test('seeding an older log claims each existing client once, without touching the state', () => {
  const state = initialClientEmailsState();
  const seed = new Map(Array.from({ length: 1000 }, (_, i) => [`key${i}`, `client${i}`] as const));
  const events = decideEmailChange(state, { clientId: 'new', claim: 'key-new' }, seed);
  assert.is(events.length, 1001);
  assert.equal(events.at(-1), { type: 'ClientEmailClaimed', data: { clientId: 'new', emailKey: 'key-new' } });
  assert.equal(plain(state), plain(initialClientEmailsState()));
  assert.throws(
    () => decideEmailChange(state, { clientId: 'new', claim: 'key5' }, seed),
    (error: unknown) => error instanceof Conflict,
  );
});

test.run();
