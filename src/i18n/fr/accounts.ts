import type { Role } from '../../domain/values/roles.js';
import type { accounts as english } from '../en/accounts.js';
import type { Wordings } from '../wordings.js';

/** « X est commercial », « X est support », « X est de la gestion ». */
const IS: Readonly<Record<Role, string>> = { gestion: 'est de la gestion', commercial: 'est commercial', support: 'est support' };

export const accounts = {
  'client.alreadyExists': ({ clientId }) => `le client ${clientId} existe déjà`,
  'client.nothingToChange': 'rien à modifier : donnez au moins une des options --name, --email, --phone, --company, --commercial',
  'client.hasContracts': ({ clientId, count }, f) =>
    `le client ${clientId} a ${count} ${f.plural(count, { one: 'contrat : supprimez-le d’abord', other: 'contrats : supprimez-les d’abord' })}`,
  'client.missing': 'ce client n’existe pas',
  'client.notFound': ({ clientId }) => `le client ${clientId} est introuvable`,
  'client.nameInvalid': 'le nom du client ne doit pas être vide (200 caractères imprimables au plus)',
  'client.commercialNotCommercial': ({ userId, role }) => `${userId} ${IS[role]} : le commercial d’un client doit être un commercial`,

  'contract.alreadyExists': ({ contractId }) => `le contrat ${contractId} existe déjà`,
  'contract.totalNotPositive': 'le total doit être supérieur à 0',
  'contract.nothingToChange': 'rien à modifier : donnez --total, --remaining ou les deux',
  'contract.alreadySigned': ({ contractId }) => `le contrat ${contractId} est déjà signé`,
  'contract.paymentNotPositive': 'un paiement doit être supérieur à 0',
  'contract.paymentExceedsRemaining': ({ amountCents, remainingCents }, f) =>
    `le paiement de ${f.money(amountCents)} dépasse le reste à payer (${f.money(remainingCents)})`,
  'contract.remainingExceedsTotal': ({ remainingCents, totalCents }, f) =>
    `le reste à payer (${f.money(remainingCents)}) ne doit pas dépasser le total (${f.money(totalCents)})`,
  'contract.hasEvents': ({ contractId, count }, f) =>
    `le contrat ${contractId} a ${count} ${f.plural(count, { one: 'événement', other: 'événements' })} : il ne peut pas être supprimé`,
  'contract.notSigned': ({ contractId }) => `le contrat ${contractId} n’est pas signé : un événement demande un contrat signé`,
  'contract.notFound': ({ contractId }) => `le contrat ${contractId} est introuvable`,

  'event.alreadyExists': ({ occasionId }) => `l’événement ${occasionId} existe déjà`,
  'event.nameInvalid': 'le nom de l’événement ne doit pas être vide (200 caractères imprimables au plus)',
  'event.nothingToChange': 'rien à modifier : donnez au moins une des options --name, --start, --end, --location, --attendees, --notes',
  'event.notFound': ({ occasionId }) => `l’événement ${occasionId} est introuvable`,
  'event.supportNotSupport': ({ userId, role }) => `${userId} ${IS[role]} : seul un utilisateur support peut être attribué à un événement`,
  'event.attendeesInvalid': ({ max }, f) => `le nombre de participants doit être un nombre entier entre 0 et ${f.number(max)}`,
  'event.periodInvalid': 'le début et la fin doivent être des dates et heures valides',
  'event.endsBeforeStart': 'l’événement doit commencer avant de finir',
} satisfies Wordings<typeof english>;
