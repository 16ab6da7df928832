import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Action, assertAllowed, listingScope, POLICY, refusal } from '../../src/auth/policy.js';
import { ROLES } from '../../src/domain/values/roles.js';
import { Forbidden } from '../../src/errors.js';

const wording = suite('assertAllowed: one wording per refusal, from the permission table');

const bob = { id: 'com1', role: 'commercial' as const };
const sam = { id: 'sup1', role: 'support' as const };

function message(run: () => void): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, Forbidden);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

wording('a refusal says what the role may do, never an id', () => {
  assert.is(
    message(() => assertAllowed('user.edit', bob)),
    'a commercial may not edit users',
  );
  assert.is(
    message(() => assertAllowed('client.edit', bob, { commercialId: 'com2' })),
    'a commercial may only edit their own clients',
  );
  assert.is(
    message(() => assertAllowed('event.edit', sam, { assignedSupportIds: new Set(['sup2']) })),
    'a support may only edit the events assigned to them',
  );
  assert.is(
    message(() => assertAllowed('event.assign', bob)),
    'a commercial may not assign or unassign supports to events',
  );
  assert.is(
    message(() => listingScope('audit.verify', sam)),
    'a support may not verify the log',
  );
});

wording('every refusal of every action and role reads as a sentence without ids or dotted names', () => {
  for (const action of Object.keys(POLICY) as Action[]) {
    for (const role of ROLES) {
      const text = refusal(action, role).message;
      assert.not.match(text, /com1|sup1|\.|\s{2}|\s$/, `${action} for ${role}: "${text}"`);
      assert.match(text, /^(a commercial|a support|gestion) may (not|only) [a-z]/, `${action} for ${role}: "${text}"`);
    }
  }
});

wording('allowed: all, own, assigned', () => {
  assertAllowed('client.edit', { id: 'ges1', role: 'gestion' });
  assertAllowed('client.edit', bob, { commercialId: 'com1' });
  assertAllowed('event.edit', sam, { assignedSupportIds: new Set(['sup1']) });
  assert.is(listingScope('client.view', sam), 'assigned');
});

wording.run();
