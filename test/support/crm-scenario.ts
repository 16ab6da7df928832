/**
 * A realistic history of the CRM, told as the command side would record it:
 * collaborators hired, renamed and let go, clients signed up, contracts
 * signed, amended and paid, events scheduled and staffed, and the command log
 * alongside. Tests replay it into the read tables and check the records.
 *
 * Ids look like real ones (10 characters of src/domain/values/ids.ts's alphabet);
 * some share 4-character prefixes on purpose, for resolveId.
 */
import type { EventActor } from '../../src/events/event-store.js';
import { ANONYMOUS, type EventWriter } from './event-writer.js';

export const GINA = { id: 'gina2345ab', role: 'gestion' } as const satisfies EventActor;
export const CARL = { id: 'carl2345cd', role: 'commercial' } as const satisfies EventActor;
export const CHLOE = { id: 'chlo2345ef', role: 'commercial' } as const satisfies EventActor;
export const SAM = { id: 'samm2345gh', role: 'support' } as const satisfies EventActor;
export const SUE = { id: 'suee2345jk', role: 'support' } as const satisfies EventActor;
export const SID = { id: 'sidd2345mn', role: 'support' } as const satisfies EventActor;

export const KEVIN = 'kcas2345pq';
export const ADA = 'kcas6789rs';
export const BISTRO = 'bist2345tu';
export const GONE = 'gone2345vw';

export const K1 = 'ctra2345ab';
export const K2 = 'ctra2346cd';
export const K3 = 'ctrb2345ef';
export const K4 = 'ctrc2345gh';
export const K5 = 'ctrd2345jk';

export const O1 = 'occa2345ab';
export const O2 = 'occb2345cd';
export const O3 = 'occc2345ef';
export const O4 = 'occd2345gh';

/** Writes the whole history; returns the instant of each labelled command. */
export async function writeScenario(w: EventWriter): Promise<Record<string, string>> {
  const t: Record<string, string> = {};
  const mark = (label: string) => {
    t[label] = w.now;
  };

  mark('ginaCreated');
  await w.users(ANONYMOUS, {
    type: 'UserCreated',
    data: { userId: GINA.id, name: 'Gina Gestion', email: 'gina@epic-events.test', role: 'gestion' },
  });
  await w.command(ANONYMOUS, { command: 'init', outcome: 'accepted', args: { name: 'Gina Gestion', email: 'gina@epic-events.test' } });
  mark('staffHired');
  await w.users(
    GINA,
    { type: 'UserCreated', data: { userId: CARL.id, name: 'Carl Commercial', email: 'carl@epic-events.test', role: 'commercial' } },
    { type: 'UserCreated', data: { userId: CHLOE.id, name: 'Chloé Martin', email: 'chloe@epic-events.test', role: 'commercial' } },
    { type: 'UserCreated', data: { userId: SAM.id, name: 'Sam Support', email: 'sam@epic-events.test', role: 'support' } },
    { type: 'UserCreated', data: { userId: SUE.id, name: 'Sue Support', email: 'sue@epic-events.test', role: 'support' } },
    { type: 'UserCreated', data: { userId: SID.id, name: 'Sid Temp', email: 'sid@epic-events.test', role: 'support' } },
  );
  await w.command(GINA, { command: 'user create', outcome: 'accepted', args: { name: 'Carl Commercial', role: 'commercial' } });
  await w.command(ANONYMOUS, {
    command: 'login',
    outcome: 'denied',
    reason: 'wrong email or password',
    args: { email: 'mallory@evil.test' },
  });

  mark('kevinCreated');
  await w.account(KEVIN, CARL, {
    type: 'ClientCreated',
    data: {
      clientId: KEVIN,
      name: 'Kevin Casey',
      email: 'kevin@startup.io',
      phone: '+678 123 456 78',
      company: 'Cool Startup LLC',
      commercialId: CARL.id,
    },
  });
  mark('adaCreated');
  await w.account(ADA, CARL, {
    type: 'ClientCreated',
    data: { clientId: ADA, name: 'Ada Lovelace', email: 'ada@analytical.test', phone: null, company: null, commercialId: CARL.id },
  });
  mark('bistroCreated');
  await w.account(BISTRO, GINA, {
    type: 'ClientCreated',
    data: {
      clientId: BISTRO,
      name: "Bob's Bistro",
      email: 'bob@bistro.test',
      phone: '01 23 45 67 89',
      company: 'Bistro SARL',
      commercialId: CHLOE.id,
    },
  });
  await w.account(GONE, GINA, {
    type: 'ClientCreated',
    data: { clientId: GONE, name: 'Gone Inc', email: 'hello@gone.test', phone: null, company: 'Gone Inc', commercialId: CARL.id },
  });

  mark('k1Created');
  await w.account(KEVIN, CARL, {
    type: 'ContractCreated',
    data: { contractId: K1, clientId: KEVIN, totalCents: 150050, remainingCents: 150050, signed: true },
  });
  mark('k2Created');
  await w.account(KEVIN, CARL, {
    type: 'ContractCreated',
    data: { contractId: K2, clientId: KEVIN, totalCents: 200000, remainingCents: 200000, signed: false },
  });
  mark('k3Created');
  await w.account(BISTRO, CHLOE, {
    type: 'ContractCreated',
    data: { contractId: K3, clientId: BISTRO, totalCents: 99999, remainingCents: 99999, signed: false },
  });
  mark('k4Created');
  await w.account(ADA, CARL, {
    type: 'ContractCreated',
    data: { contractId: K4, clientId: ADA, totalCents: 30000, remainingCents: 30000, signed: true },
  });
  await w.account(KEVIN, CARL, {
    type: 'ContractCreated',
    data: { contractId: K5, clientId: KEVIN, totalCents: 100, remainingCents: 100, signed: false },
  });
  await w.command(CARL, {
    command: 'contract delete',
    outcome: 'denied',
    reason: `commercial ${CARL.id} may not delete contract ${K5}`,
    args: { id: K5 },
  });
  await w.account(KEVIN, GINA, { type: 'ContractDeleted', data: { contractId: K5 } });
  mark('k3Signed');
  await w.account(BISTRO, CHLOE, { type: 'ContractSigned', data: { contractId: K3 } });

  mark('o1Created');
  await w.account(KEVIN, CARL, {
    type: 'OccasionScheduled',
    data: {
      occasionId: O1,
      contractId: K1,
      name: 'Casey wedding',
      start: '2026-06-04T11:00:00.000Z',
      end: '2026-06-05T02:00:00.000Z',
      location: '53 Rue du Château, 41120 Candé-sur-Beuvron, France',
      attendees: 75,
      notes: 'Wedding starts at 3PM, by the river.',
    },
  });
  mark('o2Created');
  await w.account(BISTRO, CHLOE, {
    type: 'OccasionScheduled',
    data: {
      occasionId: O2,
      contractId: K3,
      name: 'Bistro seminar',
      start: '2026-05-05T15:00:00.000Z',
      end: '2026-05-05T17:00:00.000Z',
      location: 'Bistro, 12 rue de Rivoli, Paris',
      attendees: 20,
      notes: null,
    },
  });
  mark('o3Created');
  await w.account(KEVIN, CARL, {
    type: 'OccasionScheduled',
    data: {
      occasionId: O3,
      contractId: K1,
      name: 'Casey rehearsal dinner',
      start: '2026-06-03T18:00:00.000Z',
      end: '2026-06-03T22:00:00.000Z',
      location: 'Auberge du Lac, Candé-sur-Beuvron',
      attendees: 30,
      notes: null,
    },
  });
  mark('o4Created');
  await w.account(ADA, CARL, {
    type: 'OccasionScheduled',
    data: {
      occasionId: O4,
      contractId: K4,
      name: "Ada's lecture",
      start: '2026-04-01T09:00:00.000Z',
      end: '2026-04-01T12:00:00.000Z',
      location: 'Royal Society, London',
      attendees: 120,
      notes: 'Projector and a difference engine on stage.',
    },
  });

  mark('o1Assigned');
  await w.account(KEVIN, GINA, { type: 'SupportAssigned', data: { occasionId: O1, supportId: SAM.id } });
  await w.account(BISTRO, GINA, { type: 'SupportAssigned', data: { occasionId: O2, supportId: SID.id } });
  await w.account(BISTRO, GINA, { type: 'SupportUnassigned', data: { occasionId: O2 } });
  mark('o2Assigned');
  await w.account(BISTRO, GINA, { type: 'SupportAssigned', data: { occasionId: O2, supportId: SUE.id } });
  mark('o3Assigned');
  await w.account(KEVIN, GINA, { type: 'SupportAssigned', data: { occasionId: O3, supportId: SID.id } });
  mark('o4Assigned');
  const assigned = await w.account(ADA, GINA, { type: 'SupportAssigned', data: { occasionId: O4, supportId: SAM.id } });
  await w.command(GINA, {
    command: 'event assign',
    outcome: 'accepted',
    args: { id: O4, support: SAM.id },
    events: assigned.map((e) => e.id),
    commandId: assigned[0]?.metadata.commandId ?? 'missing',
  });

  mark('k1Paid');
  const paid = await w.account(KEVIN, CARL, { type: 'PaymentRecorded', data: { contractId: K1, amountCents: 50000 } });
  await w.command(CARL, {
    command: 'contract pay',
    outcome: 'accepted',
    args: { id: K1, amount: '500' },
    events: paid.map((e) => e.id),
    commandId: paid[0]?.metadata.commandId ?? 'missing',
  });
  await w.account(BISTRO, CHLOE, { type: 'PaymentRecorded', data: { contractId: K3, amountCents: 49999 } });
  mark('k3Paid');
  await w.account(BISTRO, CHLOE, { type: 'PaymentRecorded', data: { contractId: K3, amountCents: 50000 } });
  mark('k2Amended');
  await w.account(KEVIN, CARL, { type: 'ContractAmended', data: { contractId: K2, totalCents: 250000, remainingCents: 250000 } });

  mark('o2Updated');
  await w.account(BISTRO, SUE, { type: 'OccasionUpdated', data: { occasionId: O2, attendees: 25, notes: 'Bring a projector' } });
  await w.command(SUE, {
    command: 'event edit',
    outcome: 'rejected',
    reason: 'start must be before end',
    args: { id: O2, start: '2026-05-05T18:00' },
  });

  mark('kevinUpdated');
  await w.account(KEVIN, CARL, {
    type: 'ClientUpdated',
    data: { clientId: KEVIN, email: 'kevin.casey@startup.io', phone: '+678 987 654 32' },
  });
  mark('adaReassigned');
  await w.account(ADA, GINA, { type: 'ClientReassigned', data: { clientId: ADA, commercialId: CHLOE.id } });
  await w.account(GONE, GINA, { type: 'ClientDeleted', data: { clientId: GONE } });

  mark('carlRenamed');
  await w.users(GINA, { type: 'UserRenamed', data: { userId: CARL.id, name: 'Carl Durand' } });
  mark('chloeEmailChanged');
  await w.users(GINA, { type: 'UserEmailChanged', data: { userId: CHLOE.id, email: 'chloe.martin@epic-events.test' } });
  mark('samPasswordChanged');
  await w.users(SAM, { type: 'UserPasswordChanged', data: { userId: SAM.id } });
  // Sid leaves with an event still assigned: the projection unassigns it on its own.
  mark('sidDeleted');
  await w.users(GINA, { type: 'UserDeleted', data: { userId: SID.id } });
  await w.command(GINA, { command: 'user delete', outcome: 'accepted', args: { id: SID.id } });
  await w.command(SAM, {
    command: 'client create',
    outcome: 'denied',
    reason: `support ${SAM.id} may not create a client`,
    args: { name: 'X' },
  });
  mark('end');
  return t;
}
