/**
 * Given / when / then for the rules of issue 19: cancelled events, honest
 * amounts (payments, refunds, a total changed after payments).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { liveOccasions } from '../../src/domain/accounts/account-state.js';
import { authorizeAccount } from '../../src/domain/accounts/authorize-account.js';
import { decideAccount } from '../../src/domain/accounts/decide-account.js';
import { sessionsAggregate } from '../../src/domain/aggregates.js';
import { fold } from '../../src/domain/decider.js';
import { decideUnlock, lockedUntil } from '../../src/domain/sessions/decide-session.js';
import type { SessionEvent } from '../../src/domain/sessions/session-events.js';
import { decideUsers } from '../../src/domain/users/decide-users.js';
import { Forbidden, InvalidInput, RuleViolation } from '../../src/errors.js';
import { english } from '../support/english.js';
import { ev, givenAccount, givenUsers, recorded } from '../support/given.js';

function refused(fn: () => unknown, type: new (...args: never[]) => Error, pattern?: RegExp): void {
  try {
    fn();
  } catch (error) {
    assert.instance(error, type, `expected ${type.name}, got ${(error as Error).name}: ${(error as Error).message}`);
    if (pattern) assert.match(english(error), pattern);
    return;
  }
  assert.unreachable(`expected ${type.name}`);
}

const scheduled = () => givenAccount(ev.clientCreated(), ev.contractCreated('con1', true), ev.occasionScheduled(), ev.supportAssigned());

const cancel = suite('decide: cancelling an event');

cancel('given a scheduled event, when cancelled with a reason, then OccasionCancelled with the trimmed reason', () => {
  assert.equal(decideAccount({ type: 'CancelOccasion', data: { occasionId: 'occ1', reason: '  storm warning ' } }, scheduled()), [
    { type: 'OccasionCancelled', data: { occasionId: 'occ1', reason: 'storm warning' } },
  ]);
  assert.equal(decideAccount({ type: 'CancelOccasion', data: { occasionId: 'occ1' } }, scheduled()), [
    { type: 'OccasionCancelled', data: { occasionId: 'occ1', reason: null } },
  ]);
});

cancel('given a cancelled event, then it is kept, with its reason, and no longer live', () => {
  const state = givenAccount(
    ev.clientCreated(),
    ev.contractCreated('con1', true),
    ev.occasionScheduled(),
    ev.occasionCancelled('occ1', 'storm'),
  );
  assert.equal(state.occasions.occ1?.cancellation, { reason: 'storm', at: '2026-06-01T10:00:00.000Z' });
  assert.equal(liveOccasions(state), []);
});

cancel('given a cancelled event, cancelling, editing, assigning or unassigning it is refused', () => {
  const state = givenAccount(
    ...[ev.clientCreated(), ev.contractCreated('con1', true), ev.occasionScheduled(), ev.supportAssigned()],
    ev.occasionCancelled(),
  );
  refused(() => decideAccount({ type: 'CancelOccasion', data: { occasionId: 'occ1' } }, state), RuleViolation, /already cancelled/);
  refused(() => decideAccount({ type: 'EditOccasion', data: { occasionId: 'occ1', attendees: 3 } }, state), RuleViolation, /is cancelled/);
  refused(() => decideAccount({ type: 'UnassignSupport', data: { occasionId: 'occ1' } }, state), RuleViolation, /is cancelled/);
  refused(
    () =>
      decideAccount({ type: 'AssignSupport', data: { occasionId: 'occ1', supportId: 'sup1' } }, state, {
        support: { id: 'sup1', name: 'S', email: 's@x.io', role: 'support', createdAt: '', updatedAt: '', deleted: false, disabled: false },
      }),
    RuleViolation,
    /is cancelled/,
  );
});

cancel('a reason with control characters or too long is refused', () => {
  refused(
    () => decideAccount({ type: 'CancelOccasion', data: { occasionId: 'occ1', reason: 'a\u0007b' } }, scheduled()),
    InvalidInput,
    /reason/,
  );
  refused(
    () => decideAccount({ type: 'CancelOccasion', data: { occasionId: 'occ1', reason: 'x'.repeat(2001) } }, scheduled()),
    InvalidInput,
    /reason/,
  );
});

cancel('a contract whose events are all cancelled can be deleted, and its cancelled events go with it; then the client', () => {
  refused(() => decideAccount({ type: 'DeleteContract', data: { contractId: 'con1' } }, scheduled()), RuleViolation, /event/);
  const state = givenAccount(ev.clientCreated(), ev.contractCreated('con1', true), ev.occasionScheduled(), ev.occasionCancelled());
  const events = decideAccount({ type: 'DeleteContract', data: { contractId: 'con1' } }, state);
  assert.equal(events, [{ type: 'ContractDeleted', data: { contractId: 'con1' } }]);
  const after = givenAccount(
    ev.clientCreated(),
    ev.contractCreated('con1', true),
    ev.occasionScheduled(),
    ev.occasionCancelled(),
    ...events,
  );
  assert.equal(Object.keys(after.occasions), [], 'no occasion left');
  assert.equal(decideAccount({ type: 'DeleteClient', data: { clientId: 'cli1' } }, after), [
    { type: 'ClientDeleted', data: { clientId: 'cli1' } },
  ]);
});

cancel('gestion and the commercial of the client may cancel; another commercial and a support may not', () => {
  const state = scheduled();
  const command = { type: 'CancelOccasion', data: { occasionId: 'occ1' } } as const;
  authorizeAccount(command, state, { id: 'ges1', role: 'gestion', name: 'G' });
  authorizeAccount(command, state, { id: 'com1', role: 'commercial', name: 'C' });
  refused(() => authorizeAccount(command, state, { id: 'com2', role: 'commercial', name: 'D' }), Forbidden);
  refused(() => authorizeAccount(command, state, { id: 'sup1', role: 'support', name: 'S' }), Forbidden);
});

cancel.run();

const amounts = suite('decide: honest amounts');

/** 12,000.00 total, 4,000.00 paid (in cents). */
const paidContract = () =>
  givenAccount(ev.clientCreated(), ev.contractCreated('con1', true, 1_200_000), {
    type: 'PaymentRecorded',
    data: { contractId: 'con1', amountCents: 400_000 },
  });

amounts('given 4,000 paid on 12,000, when the total becomes 15,000, then remaining is 11,000: what was paid is kept', () => {
  assert.equal(decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 1_500_000 } }, paidContract()), [
    { type: 'ContractAmended', data: { contractId: 'con1', totalCents: 1_500_000, remainingCents: 1_100_000 } },
  ]);
  assert.equal(decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 400_000 } }, paidContract()), [
    { type: 'ContractAmended', data: { contractId: 'con1', totalCents: 400_000, remainingCents: 0 } },
  ]);
});

amounts('a contract created partly paid keeps that part too', () => {
  const state = givenAccount(ev.clientCreated(), ev.contractCreated('con1', false, 100_000, 40_000));
  assert.equal(decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 200_000 } }, state), [
    { type: 'ContractAmended', data: { contractId: 'con1', totalCents: 200_000, remainingCents: 140_000 } },
  ]);
});

amounts('a total below what was paid is refused', () => {
  refused(
    () => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 399_999 } }, paidContract()),
    RuleViolation,
    /below what was already paid/,
  );
});

amounts('remaining is set while no payment is recorded, and refused once one is', () => {
  const unpaid = givenAccount(ev.clientCreated(), ev.contractCreated('con1', true, 1_200_000));
  assert.equal(decideAccount({ type: 'AmendContract', data: { contractId: 'con1', remainingCents: 500_000 } }, unpaid), [
    { type: 'ContractAmended', data: { contractId: 'con1', remainingCents: 500_000 } },
  ]);
  refused(
    () => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', remainingCents: 800_000 } }, paidContract()),
    RuleViolation,
    /moves only with contract pay and contract refund/,
  );
  refused(
    () => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 1_500_000, remainingCents: 1 } }, paidContract()),
    RuleViolation,
    /contract pay and contract refund/,
  );
});

amounts('given 4,000 paid, a refund of up to 4,000 is recorded and remaining grows by it', () => {
  assert.equal(decideAccount({ type: 'RecordRefund', data: { contractId: 'con1', amountCents: 150_050 } }, paidContract()), [
    { type: 'RefundRecorded', data: { contractId: 'con1', amountCents: 150_050 } },
  ]);
  const after = givenAccount(
    ev.clientCreated(),
    ev.contractCreated('con1', true, 1_200_000),
    { type: 'PaymentRecorded', data: { contractId: 'con1', amountCents: 400_000 } },
    { type: 'RefundRecorded', data: { contractId: 'con1', amountCents: 400_000 } },
  );
  assert.is(after.contracts.con1?.remainingCents, 1_200_000);
  assert.is(after.contracts.con1?.payments, 1, 'a refund does not take the payment back: remaining stays pay/refund only');
  refused(
    () => decideAccount({ type: 'RecordRefund', data: { contractId: 'con1', amountCents: 1 } }, after),
    RuleViolation,
    /exceeds what was paid/,
  );
});

amounts('a refund must be > 0, whole cents, and at most what was paid', () => {
  refused(
    () => decideAccount({ type: 'RecordRefund', data: { contractId: 'con1', amountCents: 0 } }, paidContract()),
    RuleViolation,
    /greater than 0/,
  );
  refused(() => decideAccount({ type: 'RecordRefund', data: { contractId: 'con1', amountCents: 1.5 } }, paidContract()), InvalidInput);
  refused(
    () => decideAccount({ type: 'RecordRefund', data: { contractId: 'con1', amountCents: 400_001 } }, paidContract()),
    RuleViolation,
    /exceeds what was paid/,
  );
});

amounts('gestion and the commercial of the client may refund; a support and another commercial may not', () => {
  const command = { type: 'RecordRefund', data: { contractId: 'con1', amountCents: 100 } } as const;
  authorizeAccount(command, paidContract(), { id: 'ges1', role: 'gestion', name: 'G' });
  authorizeAccount(command, paidContract(), { id: 'com1', role: 'commercial', name: 'C' });
  refused(() => authorizeAccount(command, paidContract(), { id: 'com2', role: 'commercial', name: 'D' }), Forbidden);
  refused(() => authorizeAccount(command, paidContract(), { id: 'sup1', role: 'support', name: 'S' }), Forbidden);
});

amounts.run();

const accounts = suite('decide: disabling and enabling users');

const directory = () =>
  givenUsers(ev.gestionCreated('ges1'), ev.commercialCreated('com1'), ev.commercialCreated('com2'), ev.supportCreated('sup1'));

accounts('given a commercial without clients, when disabled, then UserDisabled; enabled again, UserEnabled', () => {
  assert.equal(decideUsers({ type: 'DisableUser', data: { userId: 'com1', ownedClients: 0 } }, directory(), { actorId: 'ges1' }), [
    { type: 'UserDisabled', data: { userId: 'com1' } },
  ]);
  const disabled = givenUsers(ev.gestionCreated('ges1'), ev.commercialCreated('com1'), { type: 'UserDisabled', data: { userId: 'com1' } });
  assert.is(disabled.users.com1?.disabled, true);
  assert.equal(decideUsers({ type: 'EnableUser', data: { userId: 'com1' } }, disabled, { actorId: 'ges1' }), [
    { type: 'UserEnabled', data: { userId: 'com1' } },
  ]);
  refused(
    () => decideUsers({ type: 'DisableUser', data: { userId: 'com1', ownedClients: 0 } }, disabled, { actorId: 'ges1' }),
    RuleViolation,
    /already disabled/,
  );
  refused(
    () => decideUsers({ type: 'EnableUser', data: { userId: 'com2' } }, directory(), { actorId: 'ges1' }),
    RuleViolation,
    /not disabled/,
  );
});

accounts('a commercial who owns clients is disabled only with --reassign-to an enabled commercial; nobody disables themselves', () => {
  refused(
    () => decideUsers({ type: 'DisableUser', data: { userId: 'com1', ownedClients: 2 } }, directory(), { actorId: 'ges1' }),
    RuleViolation,
    /--reassign-to/,
  );
  assert.equal(
    decideUsers({ type: 'DisableUser', data: { userId: 'com1', ownedClients: 0, reassignTo: 'com2' } }, directory(), { actorId: 'ges1' }),
    [{ type: 'UserDisabled', data: { userId: 'com1' } }],
  );
  const com2Disabled = givenUsers(ev.gestionCreated('ges1'), ev.commercialCreated('com1'), ev.commercialCreated('com2'), {
    type: 'UserDisabled',
    data: { userId: 'com2' },
  });
  refused(
    () =>
      decideUsers({ type: 'DisableUser', data: { userId: 'com1', ownedClients: 2, reassignTo: 'com2' } }, com2Disabled, {
        actorId: 'ges1',
      }),
    RuleViolation,
    /is disabled/,
  );
  refused(
    () => decideUsers({ type: 'DisableUser', data: { userId: 'ges1', ownedClients: 0 } }, directory(), { actorId: 'ges1' }),
    RuleViolation,
    /your own account/,
  );
});

accounts('a disabled commercial gets no new client, a disabled support no event', () => {
  const users = givenUsers(
    ev.commercialCreated('com1'),
    ev.supportCreated('sup1'),
    { type: 'UserDisabled', data: { userId: 'com1' } },
    { type: 'UserDisabled', data: { userId: 'sup1' } },
  );
  refused(
    () =>
      decideAccount(
        { type: 'CreateClient', data: { clientId: 'cli1', name: 'Kevin', email: 'kevin@startup.io', commercialId: 'com1' } },
        givenAccount(),
        { commercial: users.users.com1 },
      ),
    RuleViolation,
    /is disabled/,
  );
  refused(
    () =>
      decideAccount(
        { type: 'AssignSupport', data: { occasionId: 'occ1', supportId: 'sup1' } },
        givenAccount(ev.clientCreated(), ev.contractCreated('con1', true), ev.occasionScheduled()),
        { support: users.users.sup1 },
      ),
    RuleViolation,
    /is disabled/,
  );
});

accounts.run();

const lock = suite('decide: lifting a login lock');

lock(
  'given 5 failed logins, the account is locked; unlocking records LoginLockLifted and the lock is gone; without a lock, nothing',
  () => {
    const now = new Date('2026-06-01T10:05:00.000Z');
    const failures = Array.from({ length: 5 }, (): SessionEvent => ({ type: 'LoginFailed', data: { userId: 'com1' } }));
    const locked = fold(sessionsAggregate, recorded('session-com1', failures));
    assert.ok(lockedUntil(locked, now));
    const events = decideUnlock(locked, { userId: 'com1', now });
    assert.equal(events, [{ type: 'LoginLockLifted', data: { userId: 'com1' } }]);
    const lifted = fold(sessionsAggregate, recorded('session-com1', [...failures, ...events]));
    assert.is(lockedUntil(lifted, now), undefined);
    assert.equal(decideUnlock(lifted, { userId: 'com1', now }), []);
  },
);

lock.run();
