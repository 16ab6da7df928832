/**
 * The client email directory: a holder stream per email, decided as
 * given/when/then on its events, and the old single-stream directory, folded
 * once to open the holder streams (`holdersToOpen`). The old fold at once
 * (`evolveClientEmailsAll`, which `fold` uses) gives exactly the state
 * event-by-event evolution gives, keys named like Object.prototype's members included.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emailHolderAggregate } from '../../src/domain/aggregates.js';
import {
  type ClientEmailEvent,
  type ClientEmailsState,
  decideEmailClaim,
  decideEmailRelease,
  emailHolderStream,
  evolveClientEmails,
  evolveClientEmailsAll,
  evolveEmailHolder,
  holdersToOpen,
  initialClientEmailsState,
  initialEmailHolderState,
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
const claimed = (clientId: string, emailKey = 'k1'): ClientEmailEvent => ({ type: 'ClientEmailClaimed', data: { clientId, emailKey } });
const released = (clientId: string, emailKey = 'k1'): ClientEmailEvent => ({ type: 'ClientEmailReleased', data: { clientId, emailKey } });
const AT = '2026-06-01T10:00:00.000Z';
const given = (...events: ClientEmailEvent[]) =>
  events.reduce((state, event) => evolveEmailHolder(state, event, AT), initialEmailHolderState());

test('given no holder, when a client claims the email, then it is claimed for that client', () => {
  assert.equal(decideEmailClaim(given(), { clientId: 'c1', emailKey: 'k1' }), [claimed('c1')]);
});

test('given the client holds the email, when it claims it again, then nothing is appended', () => {
  assert.equal(decideEmailClaim(given(claimed('c1')), { clientId: 'c1', emailKey: 'k1' }), []);
});

test('given another client holds the email, when a client claims it, then Conflict (6)', () => {
  assert.throws(
    () => decideEmailClaim(given(claimed('c1')), { clientId: 'c2', emailKey: 'k1' }),
    (error: unknown) => error instanceof Conflict && error.exitCode === 6,
  );
  assert.throws(
    () => decideEmailClaim(given(claimed('c1')), { clientId: 'c2', emailKey: 'k1', holderStillHolds: true }),
    (error: unknown) => error instanceof Conflict,
  );
});

test('given a holder whose own stream no longer has the email, when another client claims it, then it is claimed', () => {
  assert.equal(decideEmailClaim(given(claimed('c1')), { clientId: 'c2', emailKey: 'k1', holderStillHolds: false }), [claimed('c2')]);
});

test('given the email released by its holder, when another client claims it, then it is claimed', () => {
  assert.equal(given(claimed('c1'), released('c1')), { holder: null, claimedAt: null });
  assert.equal(decideEmailClaim(given(claimed('c1'), released('c1')), { clientId: 'c2', emailKey: 'k1' }), [claimed('c2')]);
});

test('given a release by a client that does not hold the email, then the holder keeps it', () => {
  assert.equal(given(claimed('c1'), released('c2')), { holder: 'c1', claimedAt: AT });
});

test('when a client gives up an email, then it is released only if that client holds it', () => {
  assert.equal(decideEmailRelease(given(claimed('c1')), { clientId: 'c1', emailKey: 'k1' }), [released('c1')]);
  assert.equal(decideEmailRelease(given(claimed('c2')), { clientId: 'c1', emailKey: 'k1' }), []);
  assert.equal(decideEmailRelease(given(), { clientId: 'c1', emailKey: 'k1' }), []);
});

test('every type of the holder stream is folded (the list is the union’s)', () => {
  assert.equal([...emailHolderAggregate.types].sort(), ['ClientEmailClaimed', 'ClientEmailReleased']);
  assert.is(emailHolderStream('ab12'), 'email-holder-ab12');
});

test('folded at once, the old directory is what event-by-event evolution gives', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const events = randomEvents(seed, 1 + (seed % 40));
    const oneByOne = events.reduce(evolveClientEmails, initialClientEmailsState());
    const before = initialClientEmailsState();
    assert.equal(plain(evolveClientEmailsAll(before, events)), plain(oneByOne), `seed ${seed}`);
    assert.equal(plain(before), plain(initialClientEmailsState()), 'the state folded from is left as it was');
    assert.is(Object.getPrototypeOf(evolveClientEmailsAll(before, events).holders), null);
  }
});

test('opening the holders: the old directory’s holders, and for a log older than it every existing client once', () => {
  const directory = evolveClientEmailsAll(initialClientEmailsState(), [
    claimed('c1', 'k1'),
    claimed('c2', '__proto__'),
    released('c1', 'k1'),
  ]);
  assert.equal([...holdersToOpen(directory)], [['__proto__', 'c2']]);
  // Seeded already: a seed is not taken again.
  assert.equal([...holdersToOpen(directory, new Map([['k9', 'c9']]))], [['__proto__', 'c2']]);
  // A log that never had the directory: every client of the seed, the directory's own holders first.
  const seed = new Map(Array.from({ length: 1000 }, (_, i) => [`key${i}`, `client${i}`] as const));
  const opened = holdersToOpen(initialClientEmailsState(), seed);
  assert.is(opened.size, 1000);
  assert.is(opened.get('key5'), 'client5');
});

test.run();
