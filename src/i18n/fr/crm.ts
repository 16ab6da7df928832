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
} satisfies Wordings<typeof english>;
