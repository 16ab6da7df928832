import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideAccount } from '../../src/domain/accounts/decide-account.js';
import { liveUser } from '../../src/domain/users/users-state.js';
import { InvalidInput, NotFound, RuleViolation } from '../../src/errors.js';
import { english } from '../support/english.js';
import { ev, givenAccount, givenUsers } from '../support/given.js';

const users = givenUsers(ev.commercialCreated('com1'), ev.commercialCreated('com2'), ev.supportCreated('sup1'), ev.gestionCreated('ges1'));
const commercial = liveUser(users, 'com1');
const support = liveUser(users, 'sup1');

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

const clients = suite('decide: clients');

clients('creates a client with its commercial', () => {
  const events = decideAccount(
    {
      type: 'CreateClient',
      data: {
        clientId: 'cli1',
        name: ' Kevin Casey ',
        email: 'kevin@startup.io',
        phone: '+678 123 456 78',
        company: '',
        commercialId: 'com1',
      },
    },
    givenAccount(),
    { commercial },
  );
  assert.equal(events, [
    {
      type: 'ClientCreated',
      data: {
        clientId: 'cli1',
        name: 'Kevin Casey',
        email: 'kevin@startup.io',
        phone: '+678 123 456 78',
        company: null,
        commercialId: 'com1',
      },
    },
  ]);
});

clients('refuses a missing name, a bad email, a bad phone', () => {
  const base = { clientId: 'cli1', name: 'Kevin', email: 'kevin@startup.io', commercialId: 'com1' };
  refused(
    () => decideAccount({ type: 'CreateClient', data: { ...base, name: '  ' } }, givenAccount(), { commercial }),
    InvalidInput,
    /name/,
  );
  refused(
    () => decideAccount({ type: 'CreateClient', data: { ...base, email: 'kevin@' } }, givenAccount(), { commercial }),
    InvalidInput,
    /email/,
  );
  refused(
    () => decideAccount({ type: 'CreateClient', data: { ...base, phone: '12-34' } }, givenAccount(), { commercial }),
    InvalidInput,
    /phone/,
  );
  refused(
    () => decideAccount({ type: 'CreateClient', data: { ...base, phone: '+33 (1) 23 45 67 89' } }, givenAccount(), { commercial }),
    InvalidInput,
    /phone/,
  );
  refused(
    () => decideAccount({ type: 'CreateClient', data: { ...base, phone: '1'.repeat(21) } }, givenAccount(), { commercial }),
    InvalidInput,
    /phone/,
  );
});

clients('accepts phones of 7 to 20 digits with +, spaces, dots and dashes', () => {
  for (const phone of ['1234567', '+33 1.23-45 67 89', '1'.repeat(20)]) {
    const events = decideAccount(
      { type: 'CreateClient', data: { clientId: 'c', name: 'N', email: 'n@x.io', phone, commercialId: 'com1' } },
      givenAccount(),
      { commercial },
    );
    assert.is(events.length, 1);
  }
});

clients('the commercial must be a live commercial', () => {
  const data = { clientId: 'cli1', name: 'Kevin', email: 'kevin@startup.io', commercialId: 'sup1' };
  refused(
    () => decideAccount({ type: 'CreateClient', data }, givenAccount(), { commercial: support }),
    RuleViolation,
    /must be a commercial/,
  );
  refused(() => decideAccount({ type: 'CreateClient', data: { ...data, commercialId: 'nobody' } }, givenAccount(), {}), NotFound);
});

clients('a client is created once', () => {
  refused(
    () =>
      decideAccount(
        { type: 'CreateClient', data: { clientId: 'cli1', name: 'K', email: 'k@x.io', commercialId: 'com1' } },
        givenAccount(ev.clientCreated()),
        { commercial },
      ),
    RuleViolation,
  );
});

clients('edits only what changed; reassigns to another commercial', () => {
  const given = givenAccount(ev.clientCreated('cli1', 'com1'));
  assert.equal(decideAccount({ type: 'EditClient', data: { clientId: 'cli1', name: 'Kevin Casey', phone: '' } }, given), [
    { type: 'ClientUpdated', data: { clientId: 'cli1', phone: null } },
  ]);
  assert.equal(
    decideAccount({ type: 'EditClient', data: { clientId: 'cli1', commercialId: 'com2' } }, given, { commercial: liveUser(users, 'com2') }),
    [{ type: 'ClientReassigned', data: { clientId: 'cli1', commercialId: 'com2', previousCommercialId: 'com1' } }],
  );
  refused(() => decideAccount({ type: 'EditClient', data: { clientId: 'cli1' } }, given), InvalidInput, /nothing to change/);
  refused(() => decideAccount({ type: 'EditClient', data: { clientId: 'cli1', email: 'nope' } }, given), InvalidInput);
});

clients('a client with contracts cannot be deleted; without, it can', () => {
  refused(
    () => decideAccount({ type: 'DeleteClient', data: { clientId: 'cli1' } }, givenAccount(ev.clientCreated(), ev.contractCreated())),
    RuleViolation,
    /contract/,
  );
  assert.equal(decideAccount({ type: 'DeleteClient', data: { clientId: 'cli1' } }, givenAccount(ev.clientCreated())), [
    { type: 'ClientDeleted', data: { clientId: 'cli1' } },
  ]);
  refused(
    () =>
      decideAccount(
        { type: 'EditClient', data: { clientId: 'cli1', name: 'X' } },
        givenAccount(ev.clientCreated(), { type: 'ClientDeleted', data: { clientId: 'cli1' } }),
      ),
    NotFound,
  );
});

clients.run();

const contracts = suite('decide: contracts');

contracts('creates a contract; remaining defaults to the total', () => {
  assert.equal(
    decideAccount(
      { type: 'CreateContract', data: { contractId: 'con1', totalCents: 150050, signed: false } },
      givenAccount(ev.clientCreated()),
    ),
    [
      {
        type: 'ContractCreated',
        data: { contractId: 'con1', clientId: 'cli1', totalCents: 150050, remainingCents: 150050, signed: false },
      },
    ],
  );
});

contracts('total > 0 and 0 <= remaining <= total', () => {
  const given = givenAccount(ev.clientCreated());
  refused(
    () => decideAccount({ type: 'CreateContract', data: { contractId: 'c', totalCents: 0, signed: false } }, given),
    RuleViolation,
    /greater than 0/,
  );
  refused(
    () => decideAccount({ type: 'CreateContract', data: { contractId: 'c', totalCents: 100, remainingCents: 101, signed: false } }, given),
    RuleViolation,
    /exceed/,
  );
  refused(
    () => decideAccount({ type: 'CreateContract', data: { contractId: 'c', totalCents: 100, remainingCents: -1, signed: false } }, given),
    RuleViolation,
    /negative/,
  );
  refused(() => decideAccount({ type: 'CreateContract', data: { contractId: 'c', totalCents: 10.5, signed: false } }, given), InvalidInput);
  assert.is(
    decideAccount({ type: 'CreateContract', data: { contractId: 'c', totalCents: 100, remainingCents: 0, signed: true } }, given).length,
    1,
  );
});

contracts('no contract on a missing or deleted client', () => {
  refused(
    () => decideAccount({ type: 'CreateContract', data: { contractId: 'c', totalCents: 100, signed: false } }, givenAccount()),
    NotFound,
  );
});

contracts('amendments keep 0 <= remaining <= total, and what was paid (total − remaining)', () => {
  const given = givenAccount(ev.clientCreated(), ev.contractCreated('con1', false, 1000, 600));
  assert.equal(decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 2000 } }, given), [
    { type: 'ContractAmended', data: { contractId: 'con1', totalCents: 2000, remainingCents: 1600 } },
  ]);
  refused(
    () => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 300 } }, given),
    RuleViolation,
    /below what was already paid/,
  );
  refused(
    () => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 500, remainingCents: 600 } }, given),
    RuleViolation,
    /exceed/,
  );
  refused(() => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', remainingCents: 1001 } }, given), RuleViolation);
  refused(() => decideAccount({ type: 'AmendContract', data: { contractId: 'con1', totalCents: 0 } }, given), RuleViolation);
  refused(() => decideAccount({ type: 'AmendContract', data: { contractId: 'con1' } }, given), InvalidInput);
  refused(() => decideAccount({ type: 'AmendContract', data: { contractId: 'nope', totalCents: 5 } }, given), NotFound);
});

contracts('signing twice is refused', () => {
  const given = givenAccount(ev.clientCreated(), ev.contractCreated());
  assert.equal(decideAccount({ type: 'SignContract', data: { contractId: 'con1' } }, given), [
    { type: 'ContractSigned', data: { contractId: 'con1' } },
  ]);
  refused(
    () =>
      decideAccount(
        { type: 'SignContract', data: { contractId: 'con1' } },
        givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned()),
      ),
    RuleViolation,
    /already signed/,
  );
});

contracts('payments are > 0 and <= remaining', () => {
  const given = givenAccount(ev.clientCreated(), ev.contractCreated('con1', true, 1000, 600));
  assert.equal(decideAccount({ type: 'RecordPayment', data: { contractId: 'con1', amountCents: 600 } }, given), [
    { type: 'PaymentRecorded', data: { contractId: 'con1', amountCents: 600 } },
  ]);
  refused(
    () => decideAccount({ type: 'RecordPayment', data: { contractId: 'con1', amountCents: 601 } }, given),
    RuleViolation,
    /exceeds the remaining €6\.00/,
  );
  refused(() => decideAccount({ type: 'RecordPayment', data: { contractId: 'con1', amountCents: 0 } }, given), RuleViolation);
  const paid = givenAccount(ev.clientCreated(), ev.contractCreated('con1', true, 1000, 600), {
    type: 'PaymentRecorded',
    data: { contractId: 'con1', amountCents: 600 },
  });
  assert.is(paid.contracts.con1?.remainingCents, 0);
  refused(() => decideAccount({ type: 'RecordPayment', data: { contractId: 'con1', amountCents: 1 } }, paid), RuleViolation);
});

contracts('a contract with events cannot be deleted', () => {
  const withEvent = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned(), ev.occasionScheduled());
  refused(() => decideAccount({ type: 'DeleteContract', data: { contractId: 'con1' } }, withEvent), RuleViolation, /event/);
  assert.equal(
    decideAccount({ type: 'DeleteContract', data: { contractId: 'con1' } }, givenAccount(ev.clientCreated(), ev.contractCreated())),
    [{ type: 'ContractDeleted', data: { contractId: 'con1' } }],
  );
});

contracts.run();

const occasions = suite('decide: events (occasions)');

const schedule = (
  over: Partial<{ start: string; end: string; attendees: number; contractId: string; name: string; location: string }> = {},
) => ({
  type: 'ScheduleOccasion' as const,
  data: {
    occasionId: 'occ1',
    contractId: 'con1',
    name: 'Casey wedding',
    start: '2026-06-04T11:00:00.000Z',
    end: '2026-06-05T00:00:00.000Z',
    location: 'Candé',
    attendees: 75,
    ...over,
  },
});

occasions('an event needs a signed contract', () => {
  refused(() => decideAccount(schedule(), givenAccount(ev.clientCreated(), ev.contractCreated())), RuleViolation, /not signed/);
  const events = decideAccount(schedule(), givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned()));
  assert.is(events[0]?.type, 'OccasionScheduled');
  refused(() => decideAccount(schedule({ contractId: 'nope' }), givenAccount(ev.clientCreated())), NotFound);
});

occasions('start < end; attendees a whole number >= 0', () => {
  const signed = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned());
  refused(() => decideAccount(schedule({ end: '2026-06-04T11:00:00.000Z' }), signed), RuleViolation, /start before/);
  refused(() => decideAccount(schedule({ attendees: -1 }), signed), InvalidInput);
  refused(() => decideAccount(schedule({ attendees: 1.5 }), signed), InvalidInput);
  refused(() => decideAccount(schedule({ name: '' }), signed), InvalidInput);
  refused(() => decideAccount(schedule({ location: ' ' }), signed), InvalidInput);
  assert.is(decideAccount(schedule({ attendees: 0 }), signed).length, 1);
});

occasions('edits keep start < end', () => {
  const given = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned(), ev.occasionScheduled());
  refused(
    () => decideAccount({ type: 'EditOccasion', data: { occasionId: 'occ1', start: '2026-06-06T00:00:00.000Z' } }, given),
    RuleViolation,
  );
  assert.equal(decideAccount({ type: 'EditOccasion', data: { occasionId: 'occ1', attendees: 80, notes: 'DJ' } }, given), [
    { type: 'OccasionUpdated', data: { occasionId: 'occ1', attendees: 80, notes: 'DJ' } },
  ]);
  refused(() => decideAccount({ type: 'EditOccasion', data: { occasionId: 'occ1' } }, given), InvalidInput);
});

occasions('only a live support can be assigned', () => {
  const given = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned(), ev.occasionScheduled());
  assert.equal(decideAccount({ type: 'AssignSupport', data: { occasionId: 'occ1', supportId: 'sup1' } }, given, { support }), [
    { type: 'SupportAssigned', data: { occasionId: 'occ1', supportId: 'sup1' } },
  ]);
  refused(
    () => decideAccount({ type: 'AssignSupport', data: { occasionId: 'occ1', supportId: 'com1' } }, given, { support: commercial }),
    RuleViolation,
    /only a support/,
  );
  refused(() => decideAccount({ type: 'AssignSupport', data: { occasionId: 'occ1', supportId: 'gone' } }, given, {}), NotFound);
  const deleted = givenUsers(ev.supportCreated('sup9'), { type: 'UserDeleted', data: { userId: 'sup9' } }).users.sup9;
  refused(
    () => decideAccount({ type: 'AssignSupport', data: { occasionId: 'occ1', supportId: 'sup9' } }, given, { support: deleted }),
    NotFound,
  );
});

occasions('unassign clears the support; nothing to do when unassigned', () => {
  const assigned = givenAccount(
    ev.clientCreated(),
    ev.contractCreated(),
    ev.contractSigned(),
    ev.occasionScheduled(),
    ev.supportAssigned(),
  );
  assert.equal(decideAccount({ type: 'UnassignSupport', data: { occasionId: 'occ1' } }, assigned), [
    { type: 'SupportUnassigned', data: { occasionId: 'occ1' } },
  ]);
  const unassigned = givenAccount(ev.clientCreated(), ev.contractCreated(), ev.contractSigned(), ev.occasionScheduled());
  assert.equal(decideAccount({ type: 'UnassignSupport', data: { occasionId: 'occ1' } }, unassigned), []);
});

occasions.run();
