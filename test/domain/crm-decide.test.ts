/**
 * Given / when / then for the rules of issue 19: cancelled events, honest
 * amounts (payments, refunds, a total changed after payments).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { liveOccasions } from '../../src/domain/accounts/account-state.js';
import { authorizeAccount } from '../../src/domain/accounts/authorize-account.js';
import { decideAccount } from '../../src/domain/accounts/decide-account.js';
import { Forbidden, InvalidInput, RuleViolation } from '../../src/errors.js';
import { english } from '../support/english.js';
import { ev, givenAccount } from '../support/given.js';

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
        support: { id: 'sup1', name: 'S', email: 's@x.io', role: 'support', createdAt: '', updatedAt: '', deleted: false },
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
  assert.equal(after.occasions, {});
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
