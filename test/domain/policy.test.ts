import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Action, assertAllowed, listingScope, POLICY, refusal } from '../../src/auth/policy.js';
import { ROLES } from '../../src/domain/values/roles.js';
import { type EpicError, Forbidden } from '../../src/errors.js';
import { loadTranslator } from '../../src/i18n/translator.js';

const en = await loadTranslator('en');
const fr = await loadTranslator('fr');

const wording = suite('assertAllowed: one wording per refusal, from the permission table');

const bob = { id: 'com1', role: 'commercial' as const };
const sam = { id: 'sup1', role: 'support' as const };

function message(run: () => void, translator = en): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, Forbidden);
    return translator.render((error as EpicError).text);
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
      const text = en.render(refusal(action, role).text);
      assert.not.match(text, /com1|sup1|\.|\s{2}|\s$/, `${action} for ${role}: "${text}"`);
      assert.match(text, /^(a commercial|a support|gestion) may (not|only) [a-z]/, `${action} for ${role}: "${text}"`);
    }
  }
});

wording('in French, as a French sentence', () => {
  assert.is(
    message(() => assertAllowed('client.edit', bob, { commercialId: 'com2' }), fr),
    'un commercial ne peut modifier que ses propres clients',
  );
  assert.is(
    message(() => assertAllowed('user.create', sam), fr),
    'un support ne peut pas créer d’utilisateurs',
  );
  // The same refusal for `event unassign` as for `event assign`: it names both, as the English does.
  assert.is(
    message(() => assertAllowed('event.assign', bob), fr),
    'un commercial ne peut pas attribuer ou retirer le support d’un événement',
  );
  for (const action of Object.keys(POLICY) as Action[]) {
    for (const role of ROLES) {
      const text = fr.render(refusal(action, role).text);
      assert.match(text, /^(un commercial|un support|la gestion) ne peut (pas )?[a-zé]/, `${action} for ${role}: "${text}"`);
      assert.not.match(text, /\s$|\s{2}/, `${action} for ${role}: "${text}"`);
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
