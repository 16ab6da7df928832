import type { crm as english } from '../en/crm.js';
import type { Wordings } from '../wordings.js';

/** Ce qu’on attend d’un CRM (ticket 19) : événements annulés, montants honnêtes, comptes en libre-service, listes utilisables. */
export const crm = {
  // Événements annulés
  'event.alreadyCancelled': ({ occasionId }) => `l’événement ${occasionId} est déjà annulé`,
  'event.cancelled': ({ occasionId }) => `l’événement ${occasionId} est annulé : il ne peut plus être modifié ni attribué`,
  'cli.confirm.cancelEvent': ({ id, name, client }) => `annule l’événement ${id} (${name}, ${client}) ; il reste dans l’historique`,
  'cli.done.cancelledEvent': ({ id, name }) => `événement ${id} annulé (${name})`,
  'cli.field.status': 'statut',
  'cli.field.cancelReason': 'motif de l’annulation',
  'cli.status.scheduled': 'prévu',
  'cli.status.cancelled': 'annulé',
  'help.event cancel': 'annuler un événement : gardé dans l’historique, retiré des listes (gestion, ou le commercial du client)',
  'help.event cancel.details':
    'Un événement annulé ne peut plus être modifié ni attribué, et n’empêche plus la suppression de son contrat. event list --cancelled montre les événements annulés. Demande confirmation sur un terminal.',
  'help.event cancel.ex1': 'Le client a renoncé',
  'opt.event cancel.--reason': 'pourquoi il est annulé (affiché dans l’événement et son historique)',
  'opt.event list.--cancelled': 'les événements annulés aussi (cachés sinon)',
  'help.event list.ex2': 'Avec les événements annulés',
  'menu.event cancel': 'Annuler un événement',

  // Montants honnêtes
  'contract.remainingAfterPayment': ({ contractId }) =>
    `le contrat ${contractId} a des paiements : son reste dû ne bouge plus qu’avec contract pay et contract refund`,
  'contract.totalBelowPaid': ({ totalCents, paidCents }, f) =>
    `le total (${f.money(totalCents)}) ne doit pas être inférieur à ce qui a déjà été payé (${f.money(paidCents)}) ; remboursez d’abord`,
  'contract.refundNotPositive': 'un remboursement doit être supérieur à 0',
  'contract.refundExceedsPaid': ({ amountCents, paidCents }, f) =>
    `le remboursement de ${f.money(amountCents)} dépasse ce qui a été payé (${f.money(paidCents)})`,
  'cli.done.refunded': ({ amountCents, remainingCents }, f) => `${f.money(amountCents)} remboursés ; reste dû ${f.money(remainingCents)}`,
  'cli.field.refund': ({ paidCents }, f) => `montant remboursé (déjà payé : ${f.money(paidCents)})`,
  'help.contract refund': 'rendre une partie de ce qui a été payé (le reste dû augmente, au plus jusqu’au total)',
  'help.contract refund.details':
    'Un paiement enregistré par erreur se corrige par un remboursement, que l’historique montre comme tel. Dès qu’un paiement est enregistré, contract edit --remaining est refusé : pay et refund font bouger le reste dû.',
  'help.contract refund.ex1': 'Une partie de l’acompte est rendue',
  'opt.contract refund.--amount': 'montant remboursé (1500, 1500.5 ou 1500.50), au plus ce qui a été payé',
  'menu.contract refund': 'Enregistrer un remboursement',
} satisfies Wordings<typeof english>;
