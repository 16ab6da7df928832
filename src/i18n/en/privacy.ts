import type { Format } from '../format.js';

/** The right to erasure and of access (src/privacy, `client forget`, `client dossier`). */
export const privacy = {
  'client.forgetUpcoming': ({ clientId, count }: { clientId: string; count: number }, f: Format): string =>
    `client ${clientId} has ${count} upcoming ${f.plural(count, { one: 'event', other: 'events' })}: cancel ${f.plural(count, { one: 'it', other: 'them' })} or wait until ${f.plural(count, { one: 'it is', other: 'they are' })} over before forgetting the client`,
  'client.forgotten': ({ clientId }: { clientId: string }): string => `client ${clientId} was forgotten: its record can no longer change`,
  'privacy.forgottenAppend': ({ clientId }: { clientId: string }): string =>
    `client ${clientId} was forgotten: no personal value can be recorded for it again`,
  'privacy.unreadable': ({ eventId, field }: { eventId: string; field: string }): string =>
    `event ${eventId}: its ${field} does not decrypt (changed, or sealed under another key); run epic audit verify`,

  'cli.confirm.forgetClient': ({ id, name }: { id: string; name: string }): string =>
    `forgets client ${id} (${name}) for good: its name, email, phone, company and event notes become unreadable everywhere; its contracts and payments stay`,
  'cli.done.forgotClient': ({ id }: { id: string }): string =>
    `forgot client ${id}: its personal data is erased; its contracts, payments and events stay, shown as [erased]`,
  'chain.verify.forgotten': ({ count }: { count: number }, f: Format): string =>
    count === 0
      ? 'no client forgotten'
      : `${count} ${f.plural(count, { one: 'client', other: 'clients' })} forgotten (personal data erased; the chains still verify)`,

  'history.value.erased': 'erased',
  'history.value.notErased': 'not erased',
  'dossier.title': ({ id }: { id: string }): string => `Everything held about client ${id}`,
  'dossier.client': 'Client',
  'dossier.contracts': ({ count }: { count: number }): string => `Contracts (${count})`,
  'dossier.payments': ({ count }: { count: number }): string => `Payments (${count})`,
  'dossier.events': ({ count }: { count: number }): string => `Events (${count})`,
  'dossier.history': ({ kind, id }: { kind: 'client' | 'contract' | 'event'; id: string }): string => `History of ${kind} ${id}`,
  'dossier.log': ({ count }: { count: number }): string => `Command-log entries (${count})`,
  'dossier.none': '(none)',
  'dossier.payment': ({ contractId, amountCents, at }: { contractId: string; amountCents: number; at: string }, f: Format): string =>
    `${f.dateTime(at)}: ${f.money(amountCents)} on contract ${contractId}`,

  'help.client forget': 'erase a client’s personal data for good (right to erasure; gestion only)',
  'help.client forget.details':
    'Destroys the client’s key: its name, email, phone, company and event notes become unreadable in the log, the command log, the read tables, exports and every copy of the log taken before. Its contracts, payments and events stay, the client shown as [erased]. Refused while the client has an upcoming event. Asks for confirmation on a terminal; --yes confirms from a script.',
  'help.client forget.ex1': 'From a script',
  'help.client dossier':
    'everything held about a client: record, contracts, payments, events, their history and log entries (gestion only)',
  'help.client dossier.details': 'The right of access: --json gives one portable JSON document.',
  'help.client dossier.ex1': 'A readable report',
  'help.client dossier.ex2': 'The portable document',
  'menu.client forget': 'Forget a client (erase their personal data)',
  'menu.client dossier': 'Show everything held about a client',
};
