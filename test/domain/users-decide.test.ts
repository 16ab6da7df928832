import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideUsers } from '../../src/domain/users/decide-users.js';
import { Conflict, InvalidInput, NotFound, RuleViolation } from '../../src/errors.js';
import { english } from '../support/english.js';
import { ev, givenUsers } from '../support/given.js';

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

const ctx = { actorId: 'ges1' };
const users = suite('decide: users');

users('bootstrap creates the first gestion account, once', () => {
  assert.equal(
    decideUsers({ type: 'Bootstrap', data: { userId: 'u1', name: 'Ada', email: 'ada@epic.test' } }, givenUsers(), { actorId: 'u1' }),
    [{ type: 'UserCreated', data: { userId: 'u1', name: 'Ada', email: 'ada@epic.test', role: 'gestion' } }],
  );
  refused(
    () =>
      decideUsers({ type: 'Bootstrap', data: { userId: 'u2', name: 'Eve', email: 'eve@epic.test' } }, givenUsers(ev.gestionCreated()), ctx),
    RuleViolation,
    /already initialized/,
  );
  // Even once every user is deleted: init is for an empty installation only.
  const emptied = givenUsers(ev.gestionCreated('g'), { type: 'UserDeleted', data: { userId: 'g' } });
  refused(
    () => decideUsers({ type: 'Bootstrap', data: { userId: 'u2', name: 'Eve', email: 'eve@epic.test' } }, emptied, ctx),
    RuleViolation,
  );
});

users('emails are unique, case-insensitively', () => {
  const given = givenUsers(ev.commercialCreated('com1', 'Bob@Epic.test'));
  refused(
    () => decideUsers({ type: 'CreateUser', data: { userId: 'u2', name: 'B', email: 'bob@epic.TEST', role: 'support' } }, given, ctx),
    Conflict,
  );
  refused(
    () =>
      decideUsers(
        { type: 'EditUser', data: { userId: 'ges1', email: 'BOB@epic.test', ownedClients: 0 } },
        givenUsers(ev.gestionCreated(), ev.commercialCreated('com1', 'bob@epic.test')),
        ctx,
      ),
    Conflict,
  );
  // A deleted user's email is free again.
  const freed = givenUsers(ev.commercialCreated('com1', 'bob@epic.test'), { type: 'UserDeleted', data: { userId: 'com1' } });
  assert.is(
    decideUsers({ type: 'CreateUser', data: { userId: 'u2', name: 'B', email: 'bob@epic.test', role: 'support' } }, freed, ctx).length,
    1,
  );
});

users('email valid, name present, role one of three', () => {
  refused(
    () => decideUsers({ type: 'CreateUser', data: { userId: 'u', name: 'B', email: 'not-an-email', role: 'support' } }, givenUsers(), ctx),
    InvalidInput,
    /email/,
  );
  refused(
    () => decideUsers({ type: 'CreateUser', data: { userId: 'u', name: ' ', email: 'b@x.io', role: 'support' } }, givenUsers(), ctx),
    InvalidInput,
    /name/,
  );
  refused(
    () => decideUsers({ type: 'CreateUser', data: { userId: 'u', name: 'B', email: 'b@x.io', role: 'admin' } }, givenUsers(), ctx),
    InvalidInput,
    /role/,
  );
});

users('edit records only what changed', () => {
  const given = givenUsers(ev.gestionCreated(), ev.supportCreated('sup1'));
  assert.equal(
    decideUsers(
      { type: 'EditUser', data: { userId: 'sup1', name: 'Support sup1', role: 'gestion', passwordChanged: true, ownedClients: 0 } },
      given,
      ctx,
    ),
    [
      { type: 'UserRoleChanged', data: { userId: 'sup1', role: 'gestion' } },
      { type: 'UserPasswordChanged', data: { userId: 'sup1' } },
    ],
  );
  refused(
    () => decideUsers({ type: 'EditUser', data: { userId: 'sup1', ownedClients: 0 } }, given, ctx),
    InvalidInput,
    /nothing to change/,
  );
  refused(() => decideUsers({ type: 'EditUser', data: { userId: 'nobody', name: 'X', ownedClients: 0 } }, given, ctx), NotFound);
});

users('nobody deletes themselves', () => {
  refused(
    () => decideUsers({ type: 'DeleteUser', data: { userId: 'ges1', ownedClients: 0 } }, givenUsers(ev.gestionCreated()), ctx),
    RuleViolation,
    /your own/,
  );
});

users('a commercial with clients leaves only with --reassign-to another commercial', () => {
  const given = givenUsers(ev.gestionCreated(), ev.commercialCreated('com1'), ev.commercialCreated('com2'), ev.supportCreated('sup1'));
  refused(() => decideUsers({ type: 'DeleteUser', data: { userId: 'com1', ownedClients: 2 } }, given, ctx), RuleViolation, /reassign-to/);
  refused(
    () => decideUsers({ type: 'EditUser', data: { userId: 'com1', role: 'support', ownedClients: 2 } }, given, ctx),
    RuleViolation,
    /reassign-to/,
  );
  refused(
    () => decideUsers({ type: 'DeleteUser', data: { userId: 'com1', ownedClients: 2, reassignTo: 'sup1' } }, given, ctx),
    RuleViolation,
    /must name a commercial/,
  );
  refused(
    () => decideUsers({ type: 'DeleteUser', data: { userId: 'com1', ownedClients: 2, reassignTo: 'com1' } }, given, ctx),
    RuleViolation,
    /another/,
  );
  refused(() => decideUsers({ type: 'DeleteUser', data: { userId: 'com1', ownedClients: 2, reassignTo: 'ghost' } }, given, ctx), NotFound);
  assert.equal(decideUsers({ type: 'DeleteUser', data: { userId: 'com1', ownedClients: 2, reassignTo: 'com2' } }, given, ctx), [
    { type: 'UserDeleted', data: { userId: 'com1' } },
  ]);
  // Without clients, no reassignment is needed.
  assert.equal(decideUsers({ type: 'DeleteUser', data: { userId: 'com1', ownedClients: 0 } }, given, ctx), [
    { type: 'UserDeleted', data: { userId: 'com1' } },
  ]);
});

users('deleted users are gone for every command', () => {
  const given = givenUsers(ev.gestionCreated(), ev.supportCreated('sup1'), { type: 'UserDeleted', data: { userId: 'sup1' } });
  refused(() => decideUsers({ type: 'DeleteUser', data: { userId: 'sup1', ownedClients: 0 } }, given, ctx), NotFound);
  refused(() => decideUsers({ type: 'EditUser', data: { userId: 'sup1', name: 'Z', ownedClients: 0 } }, given, ctx), NotFound);
});

users.run();
