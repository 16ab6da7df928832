import type { Format } from '../format.js';

/**
 * What a CRM is expected to do (issue 19): cancelled events, honest amounts,
 * accounts people run themselves, lists people can work with.
 */
export const crm = {
  // Cancelled events
  'event.alreadyCancelled': ({ occasionId }: { occasionId: string }): string => `event ${occasionId} is already cancelled`,
  'event.cancelled': ({ occasionId }: { occasionId: string }): string =>
    `event ${occasionId} is cancelled: it can no longer be changed or assigned`,
  'cli.confirm.cancelEvent': ({ id, name, client }: { id: string; name: string; client: string }) =>
    `cancels event ${id} (${name}, ${client}); it stays in the history`,
  'cli.done.cancelledEvent': ({ id, name }: { id: string; name: string }) => `cancelled event ${id} (${name})`,
  'cli.field.status': 'status',
  'cli.field.cancelReason': 'reason for cancelling',
  'cli.status.scheduled': 'scheduled',
  'cli.status.cancelled': 'cancelled',
  'help.event cancel': 'cancel an event: kept in the history, out of the lists (gestion, or the commercial of the client)',
  'help.event cancel.details':
    'A cancelled event can no longer be edited or assigned, and no longer holds back the deletion of its contract. event list --cancelled shows the cancelled events. Asks for confirmation on a terminal.',
  'help.event cancel.ex1': 'The client called it off',
  'opt.event cancel.--reason': 'why it is cancelled (shown in the event and its history)',
  'opt.event list.--cancelled': 'the cancelled events too (hidden otherwise)',
  'help.event list.ex2': 'With the cancelled events',
  'menu.event cancel': 'Cancel an event',

  // Honest amounts
  'contract.remainingAfterPayment': ({ contractId }: { contractId: string }): string =>
    `contract ${contractId} has payments: its remaining amount moves only with contract pay and contract refund`,
  'contract.totalBelowPaid': ({ totalCents, paidCents }: { totalCents: number; paidCents: number }, f: Format): string =>
    `the total (${f.money(totalCents)}) must not be below what was already paid (${f.money(paidCents)}); refund first`,
  'contract.refundNotPositive': 'a refund must be greater than 0',
  'contract.refundExceedsPaid': ({ amountCents, paidCents }: { amountCents: number; paidCents: number }, f: Format): string =>
    `the refund of ${f.money(amountCents)} exceeds what was paid (${f.money(paidCents)})`,
  'cli.done.refunded': ({ amountCents, remainingCents }: { id: string; amountCents: number; remainingCents: number }, f: Format) =>
    `refunded ${f.money(amountCents)}; remaining ${f.money(remainingCents)}`,
  'cli.field.refund': ({ paidCents }: { paidCents: number }, f: Format) => `amount refunded (${f.money(paidCents)} paid)`,
  'help.contract refund': 'give back part of what was paid (remaining grows, at most to the total)',
  'help.contract refund.details':
    'A payment recorded by mistake is corrected by a refund, which the history shows as such. Once a payment is recorded, contract edit --remaining is refused: pay and refund move the remaining amount.',
  'help.contract refund.ex1': 'Part of the deposit goes back',
  'opt.contract refund.--amount': 'amount refunded (1500, 1500.5 or 1500.50), at most what was paid',
  'menu.contract refund': 'Record a refund',
};
