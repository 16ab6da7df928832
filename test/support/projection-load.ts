/**
 * A log big enough for a rebuild to take a while: clients, each with
 * contracts that are signed, paid in parts, amended, and some deleted, in
 * appends of up to 100 events (one command each).
 */

import type { AccountEvent } from '../../src/domain/accounts/account-events.js';
import type { EventStore } from '../../src/events/event-store.js';
import { CARL, CHLOE, GINA } from './crm-scenario.js';
import { EventWriter } from './event-writer.js';

/** Appends about `clients` x 40 events; `tag` keeps ids apart between calls. */
export async function writeLoad(store: EventStore, clients: number, tag: string, start = '2026-05-01T09:00:00.000Z'): Promise<void> {
  const w = new EventWriter(store, start, 1_000);
  for (let c = 0; c < clients; c += 1) {
    const clientId = `${tag}${String(c).padStart(6, '0')}`.slice(0, 10).padEnd(10, 'x');
    const events: AccountEvent[] = [
      {
        type: 'ClientCreated',
        data: {
          clientId,
          name: `Client ${tag} ${c}`,
          email: `c${c}@${tag}.test`,
          phone: null,
          company: `Co ${c % 7}`,
          commercialId: CARL.id,
        },
      },
    ];
    for (let k = 0; k < 8; k += 1) {
      const contractId = `${clientId.slice(0, 8)}k${k}`;
      events.push(
        { type: 'ContractCreated', data: { contractId, clientId, totalCents: 100_000, remainingCents: 100_000, signed: false } },
        { type: 'ContractSigned', data: { contractId } },
        { type: 'PaymentRecorded', data: { contractId, amountCents: 1_000 * (k + 1) } },
        { type: 'ContractAmended', data: { contractId, totalCents: 120_000 } },
      );
      if (k === 7) events.push({ type: 'ContractDeleted', data: { contractId } });
    }
    events.push({ type: 'ClientUpdated', data: { clientId, name: `Client ${tag} ${c} (renamed)` } });
    if (c % 5 === 0) events.push({ type: 'ClientReassigned', data: { clientId, commercialId: CHLOE.id } });
    await w.account(clientId, GINA, ...events);
    await w.command(GINA, { command: 'client create', outcome: 'accepted', args: { n: c } });
  }
}
