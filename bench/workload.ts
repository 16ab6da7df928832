/**
 * The "realistic mix" of the rebuild benchmark (B4): a CRM's life, generated
 * with a seeded PRNG so every run replays the same log.
 *
 * Users (gestion, commercials, supports) are created first. Then clients
 * come and go: about 200 are "active" at any time, and each step runs the
 * next command of a random active client, so the log interleaves many
 * clients as a real one does (a batch of 1000 events touches hundreds of
 * rows, not a few). A client's life: created, sometimes edited or
 * reassigned; 1–5 contracts, signed (at creation or later), sometimes
 * amended, paid in 0–3 payments; an occasion on some signed contracts,
 * assigned to a support, sometimes edited. Every command also records a
 * `CommandRecorded` event in the command log, as the CLI does.
 */
import { randomUUID } from 'node:crypto';
import type { EventActor, JsonObject } from '../src/events/event-store.js';
import type { BulkLog } from './bulk-log.js';

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export function shortId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 10; i += 1) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}

interface Step {
  readonly command: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly actor: EventActor;
}

export interface WorkloadResult {
  readonly events: number;
  readonly clients: number;
  readonly contracts: number;
  readonly occasions: number;
}

/** Writes about `events` events (it stops after the command that reaches the count). */
export function writeWorkload(log: BulkLog, events: number, seed = 42): WorkloadResult {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const clock = { t: Date.parse('2024-01-01T08:00:00.000Z') };
  const tick = () => {
    clock.t += 1000 + Math.floor(random() * 60_000);
    return new Date(clock.t);
  };
  const start = log.written;

  const record = (step: Step, streamId: string) => {
    const commandId = randomUUID();
    const at = tick();
    log.append(streamId, step.type, step.data, step.actor, at, commandId);
    log.append(
      'command-log',
      'CommandRecorded',
      { commandId, command: step.command, args: {}, outcome: 'accepted', reason: null, events: [] },
      step.actor,
      at,
      commandId,
    );
  };

  const admin: EventActor = { id: shortId(random), role: 'gestion' };
  const commercials: EventActor[] = Array.from({ length: 20 }, () => ({ id: shortId(random), role: 'commercial' as const }));
  const supports: EventActor[] = Array.from({ length: 20 }, () => ({ id: shortId(random), role: 'support' as const }));
  for (const user of [admin, ...commercials, ...supports]) {
    const role = user.role === 'system' ? 'gestion' : user.role;
    record(
      {
        command: 'user create',
        type: 'UserCreated',
        data: { userId: user.id, name: `User ${user.id}`, email: `${user.id}@epic.test`, role },
        actor: admin,
      },
      'users',
    );
  }

  let clients = 0;
  let contracts = 0;
  let occasions = 0;
  const lives: Step[][] = [];
  const streams: string[] = [];

  const newLife = (): { streamId: string; steps: Step[] } => {
    const clientId = shortId(random);
    const owner = pick(commercials);
    const steps: Step[] = [];
    clients += 1;
    steps.push({
      command: 'client create',
      type: 'ClientCreated',
      data: {
        clientId,
        name: `Client ${clientId}`,
        email: `${clientId}@client.test`,
        phone: '+33 6 12 34 56 78',
        company: random() < 0.7 ? `Company ${clientId}` : null,
        commercialId: owner.id,
      },
      actor: owner,
    });
    if (random() < 0.5)
      steps.push({ command: 'client edit', type: 'ClientUpdated', data: { clientId, phone: '+33 6 98 76 54 32' }, actor: owner });
    const contractCount = 1 + Math.floor(random() * 5);
    for (let c = 0; c < contractCount; c += 1) {
      const contractId = shortId(random);
      contracts += 1;
      let total = 100_000 + Math.floor(random() * 1_000_000);
      const signedAtCreation = random() < 0.3;
      steps.push({
        command: 'contract create',
        type: 'ContractCreated',
        data: { contractId, clientId, totalCents: total, remainingCents: total, signed: signedAtCreation },
        actor: owner,
      });
      if (random() < 0.2) {
        total += 50_000;
        steps.push({
          command: 'contract edit',
          type: 'ContractAmended',
          data: { contractId, totalCents: total, remainingCents: total },
          actor: owner,
        });
      }
      const signed = signedAtCreation || random() < 0.7;
      if (signed && !signedAtCreation) steps.push({ command: 'contract sign', type: 'ContractSigned', data: { contractId }, actor: owner });
      const payments = signed ? Math.floor(random() * 4) : 0;
      for (let p = 0; p < payments; p += 1) {
        steps.push({
          command: 'contract pay',
          type: 'PaymentRecorded',
          data: { contractId, amountCents: Math.floor(total / 4) },
          actor: owner,
        });
      }
      if (signed && random() < 0.5) {
        const occasionId = shortId(random);
        occasions += 1;
        const day = new Date(clock.t + 90 * 86_400_000);
        steps.push({
          command: 'event create',
          type: 'OccasionScheduled',
          data: {
            occasionId,
            contractId,
            name: `Party ${occasionId}`,
            start: day.toISOString(),
            end: new Date(day.getTime() + 6 * 3_600_000).toISOString(),
            location: 'Lyon',
            attendees: 50 + Math.floor(random() * 200),
            notes: null,
          },
          actor: owner,
        });
        if (random() < 0.8)
          steps.push({
            command: 'event assign',
            type: 'SupportAssigned',
            data: { occasionId, supportId: pick(supports).id },
            actor: admin,
          });
        if (random() < 0.3)
          steps.push({ command: 'event edit', type: 'OccasionUpdated', data: { occasionId, attendees: 120 }, actor: admin });
      }
    }
    if (random() < 0.1) {
      const next = pick(commercials);
      steps.push({
        command: 'client edit',
        type: 'ClientReassigned',
        data: { clientId, commercialId: next.id, previousCommercialId: owner.id },
        actor: admin,
      });
    }
    return { streamId: `client-${clientId}`, steps: steps.reverse() };
  };

  const ACTIVE = 200;
  while (log.written - start < events) {
    while (lives.length < ACTIVE) {
      const life = newLife();
      lives.push(life.steps);
      streams.push(life.streamId);
    }
    const index = Math.floor(random() * lives.length);
    const steps = lives[index] as Step[];
    const step = steps.pop() as Step;
    record(step, streams[index] as string);
    if (steps.length === 0) {
      lives.splice(index, 1);
      streams.splice(index, 1);
    }
  }
  return { events: log.written - start, clients, contracts, occasions };
}
