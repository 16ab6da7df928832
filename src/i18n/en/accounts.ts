import type { Role } from '../../domain/values/roles.js';
import type { Format } from '../format.js';

/** A client account's rules: its client, contracts and events (the code's occasions). */
export const accounts = {
  'client.alreadyExists': ({ clientId }: { clientId: string }): string => `client ${clientId} already exists`,
  'client.nothingToChange': 'nothing to change: give at least one of --name, --email, --phone, --company, --commercial',
  'client.hasContracts': ({ clientId, count }: { clientId: string; count: number }, f: Format): string =>
    `client ${clientId} has ${count} ${f.plural(count, { one: 'contract: delete it first', other: 'contracts: delete them first' })}`,
  'client.missing': 'no such client',
  'client.notFound': ({ clientId }: { clientId: string }): string => `no client ${clientId}`,
  'client.nameInvalid': 'client name must not be empty (at most 200 printable characters)',
  'client.commercialNotCommercial': ({ userId, role }: { userId: string; role: Role }): string =>
    `${userId} is ${role}: a client's commercial must be a commercial`,

  'contract.alreadyExists': ({ contractId }: { contractId: string }): string => `contract ${contractId} already exists`,
  'contract.totalNotPositive': 'total must be greater than 0',
  'contract.nothingToChange': 'nothing to change: give --total and/or --remaining',
  'contract.alreadySigned': ({ contractId }: { contractId: string }): string => `contract ${contractId} is already signed`,
  'contract.paymentNotPositive': 'a payment must be greater than 0',
  'contract.paymentExceedsRemaining': (
    { amountCents, remainingCents }: { amountCents: number; remainingCents: number },
    f: Format,
  ): string => `payment of ${f.money(amountCents)} exceeds the remaining ${f.money(remainingCents)}`,
  'contract.remainingExceedsTotal': ({ remainingCents, totalCents }: { remainingCents: number; totalCents: number }, f: Format): string =>
    `remaining (${f.money(remainingCents)}) must not exceed the total (${f.money(totalCents)})`,
  'contract.hasEvents': ({ contractId, count }: { contractId: string; count: number }, f: Format): string =>
    `contract ${contractId} has ${count} ${f.plural(count, { one: 'event', other: 'events' })}: it cannot be deleted`,
  'contract.notSigned': ({ contractId }: { contractId: string }): string =>
    `contract ${contractId} is not signed: events need a signed contract`,
  'contract.notFound': ({ contractId }: { contractId: string }): string => `no contract ${contractId}`,

  'event.alreadyExists': ({ occasionId }: { occasionId: string }): string => `event ${occasionId} already exists`,
  'event.nameInvalid': 'event name must not be empty (at most 200 printable characters)',
  'event.nothingToChange': 'nothing to change: give at least one of --name, --start, --end, --location, --attendees, --notes',
  'event.notFound': ({ occasionId }: { occasionId: string }): string => `no event ${occasionId}`,
  'event.supportNotSupport': ({ userId, role }: { userId: string; role: Role }): string =>
    `${userId} is ${role}: only a support user can be assigned`,
  'event.attendeesInvalid': ({ max }: { max: number }): string => `attendees must be a whole number between 0 and ${max}`,
  'event.periodInvalid': 'start and end must be valid date-times',
  'event.endsBeforeStart': 'the event must start before it ends',
};
