import type { Action } from '../../auth/permission-table.js';
import type { policy as english } from '../en/policy.js';
import type { Wordings } from '../wordings.js';

/**
 * Each action as the end of a French refusal: after « ne peut pas » for a role
 * that may not do it at all (with the « de » of the negation), and after
 * « ne peut » for a role that may do it on part of the records only
 * (« … modifier que ses propres clients »).
 */
const WORDING: Readonly<Record<Action, { readonly none: string; readonly own: string; readonly assigned: string }>> = {
  'user.create': { none: 'créer d’utilisateurs', own: '', assigned: '' },
  'user.list': { none: 'lister les utilisateurs', own: '', assigned: '' },
  'user.view': { none: 'consulter les utilisateurs', own: '', assigned: '' },
  'user.edit': { none: 'modifier les utilisateurs', own: '', assigned: '' },
  'user.delete': { none: 'supprimer d’utilisateurs', own: '', assigned: '' },
  'user.disable': { none: 'désactiver d’utilisateurs', own: '', assigned: '' },
  'user.enable': { none: 'réactiver d’utilisateurs', own: '', assigned: '' },
  'user.unlock': { none: 'déverrouiller d’utilisateurs', own: '', assigned: '' },
  'client.create': { none: 'créer de clients', own: 'créer que ses propres clients', assigned: '' },
  'client.view': {
    none: 'consulter les clients',
    own: 'consulter que ses propres clients',
    assigned: 'consulter que les clients des événements qui lui sont attribués',
  },
  'client.edit': { none: 'modifier les clients', own: 'modifier que ses propres clients', assigned: '' },
  'client.reassign': { none: 'changer le commercial d’un client', own: '', assigned: '' },
  'client.delete': { none: 'supprimer de clients', own: '', assigned: '' },
  'client.forget': { none: 'effacer de clients', own: '', assigned: '' },
  'client.dossier': { none: 'consulter le dossier des clients', own: '', assigned: '' },
  'contract.create': { none: 'créer de contrats', own: 'créer des contrats que pour ses propres clients', assigned: '' },
  'contract.view': {
    none: 'consulter les contrats',
    own: 'consulter que les contrats de ses propres clients',
    assigned: 'consulter que les contrats des événements qui lui sont attribués',
  },
  'contract.edit': { none: 'modifier les contrats', own: 'modifier que les contrats de ses propres clients', assigned: '' },
  'contract.sign': { none: 'signer de contrats', own: 'signer que les contrats de ses propres clients', assigned: '' },
  'contract.pay': {
    none: 'enregistrer de paiements',
    own: 'enregistrer des paiements que sur les contrats de ses propres clients',
    assigned: '',
  },
  'contract.delete': { none: 'supprimer de contrats', own: '', assigned: '' },
  'contract.refund': {
    none: 'enregistrer de remboursements',
    own: 'enregistrer des remboursements que sur les contrats de ses propres clients',
    assigned: '',
  },
  'event.create': { none: 'créer d’événements', own: 'créer des événements que sur les contrats de ses propres clients', assigned: '' },
  'event.view': {
    none: 'consulter les événements',
    own: 'consulter que les événements de ses propres clients',
    assigned: 'consulter que les événements qui lui sont attribués',
  },
  'event.edit': { none: 'modifier les événements', own: '', assigned: 'modifier que les événements qui lui sont attribués' },
  'event.assign': { none: 'attribuer ou retirer le support d’un événement', own: '', assigned: '' },
  'event.cancel': { none: 'annuler d’événements', own: 'annuler que les événements de ses propres clients', assigned: '' },
  'log.list': {
    none: 'lire le journal des commandes',
    own: 'lire que ses propres entrées du journal',
    assigned: 'lire que ses propres entrées du journal',
  },
  'audit.verify': { none: 'vérifier le journal', own: '', assigned: '' },
  'audit.digest': { none: 'prendre de condensé du journal', own: '', assigned: '' },
  'projection.manage': { none: 'gérer les projections', own: '', assigned: '' },
  'import.clients': { none: 'importer de clients', own: '', assigned: '' },
};

export const policy = {
  'policy.refused': ({ action, role, scope }) => {
    const wording = WORDING[action];
    const subject = role === 'gestion' ? 'la gestion' : `un ${role}`;
    return scope === 'own' || scope === 'assigned' ? `${subject} ne peut ${wording[scope]}` : `${subject} ne peut pas ${wording.none}`;
  },
} satisfies Wordings<typeof english>;
