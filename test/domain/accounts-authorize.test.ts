import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccountCommand } from '../../src/domain/accounts/account-commands.js';
import { authorizeAccount } from '../../src/domain/accounts/authorize-account.js';
import { Forbidden } from '../../src/errors.js';
import { ev, givenAccount } from '../support/given.js';

const sam = { id: 'sup1', name: 'Sam Support', role: 'support' as const };
const edit: AccountCommand = { type: 'EditOccasion', data: { occasionId: 'occ1', notes: 'bring chairs' } };
const scheduled = [ev.clientCreated(), ev.contractCreated('con1', true), ev.occasionScheduled()];

const assignments = suite('authorize: a support and the events assigned to them');

assignments('given an event assigned to the support, when they edit it, then it is allowed', () => {
  authorizeAccount(edit, givenAccount(...scheduled, ev.supportAssigned('occ1', 'sup1')), sam);
});

assignments('given the support was unassigned, when they edit the event, then it is forbidden', () => {
  const state = givenAccount(...scheduled, ev.supportAssigned('occ1', 'sup1'), ev.supportUnassigned('occ1'));
  assert.throws(
    () => authorizeAccount(edit, state, sam),
    (error: unknown) => error instanceof Forbidden,
  );
});

assignments('given the event was handed to another support, when the first one edits it, then it is forbidden', () => {
  const state = givenAccount(...scheduled, ev.supportAssigned('occ1', 'sup1'), ev.supportAssigned('occ1', 'sup2'));
  assert.throws(
    () => authorizeAccount(edit, state, sam),
    (error: unknown) => error instanceof Forbidden,
  );
});

assignments.run();
