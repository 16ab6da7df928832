import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject, RecordedEvent } from '../../src/events/event-store.js';
import { domainReports } from '../../src/monitoring/domain-reports.js';

const reports = suite('domain reports: which accepted events the monitor hears of');

let position = 0;
function recorded(type: string, data: JsonObject, streamId = 'users'): RecordedEvent {
  position += 1;
  return {
    id: `evt-${position}`,
    streamId,
    type,
    schemaVersion: 1,
    version: position,
    position,
    data,
    metadata: {
      actor: { id: 'adm1n00001', role: 'gestion' },
      at: '2026-06-04T11:00:00.000Z',
      commandId: 'cmd',
      prevHash: '0'.repeat(64),
      hash: '1'.repeat(64),
    },
  };
}

reports('user changes and contract signatures become reports with ids and roles, never names or emails', () => {
  const out = domainReports([
    recorded('UserCreated', { userId: 'u1', name: 'Bob Seller', email: 'bob@epic.test', role: 'commercial' }),
    recorded('UserRenamed', { userId: 'u1', name: 'Robert Seller' }),
    recorded('UserEmailChanged', { userId: 'u1', email: 'robert@epic.test' }),
    recorded('UserRoleChanged', { userId: 'u1', role: 'support' }),
    recorded('UserPasswordChanged', { userId: 'u1' }),
    recorded('UserDeleted', { userId: 'u1' }),
    recorded('ContractSigned', { contractId: 'c1' }, 'client-k1'),
  ]);
  assert.equal(
    out.map((r) => [r.message, r.eventType, r.recordType, r.recordId, r.tags ?? null]),
    [
      ['user created', 'UserCreated', 'user', 'u1', { user_role: 'commercial' }],
      ['user renamed', 'UserRenamed', 'user', 'u1', null],
      ['user email changed', 'UserEmailChanged', 'user', 'u1', null],
      ['user role changed', 'UserRoleChanged', 'user', 'u1', { user_role: 'support' }],
      ['user password changed', 'UserPasswordChanged', 'user', 'u1', null],
      ['user deleted', 'UserDeleted', 'user', 'u1', null],
      ['contract signed', 'ContractSigned', 'contract', 'c1', null],
    ],
  );
  for (const report of out) assert.equal(report.actor, { id: 'adm1n00001', role: 'gestion' });
  const text = JSON.stringify(out);
  for (const personal of ['Bob Seller', 'Robert Seller', 'bob@epic.test', 'robert@epic.test'])
    assert.not.ok(text.includes(personal), personal);
});

reports('a contract created signed is a signature; one created unsigned, and other events, are not reported', () => {
  const out = domainReports([
    recorded('ContractCreated', { contractId: 'c2', clientId: 'k1', totalCents: 100, remainingCents: 100, signed: true }, 'client-k1'),
    recorded('ContractCreated', { contractId: 'c3', clientId: 'k1', totalCents: 100, remainingCents: 100, signed: false }, 'client-k1'),
    recorded(
      'ClientCreated',
      { clientId: 'k1', name: 'Kevin Casey', email: 'kevin@startup.io', phone: null, company: null, commercialId: 'u1' },
      'client-k1',
    ),
    recorded('PaymentRecorded', { contractId: 'c2', amountCents: 10 }, 'client-k1'),
    recorded('SessionStarted', { sessionId: 's1', userId: 'u1' }, 'sessions'),
  ]);
  assert.equal(
    out.map((r) => [r.eventType, r.recordId]),
    [['ContractCreated', 'c2']],
  );
  assert.is(out[0]!.message, 'contract signed');
});

reports.run();
