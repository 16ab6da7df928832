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
};
