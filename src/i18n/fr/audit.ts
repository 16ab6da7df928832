import type { HistoryEventType, HistoryField, RecordKind } from '../../audit/history-vocabulary.js';
import type { ActorRole } from '../../events/event-store.js';
import type { audit as english } from '../en/audit.js';
import { keyed } from '../keyed.js';
import type { Wordings } from '../wordings.js';

const EVENT_TYPES: Readonly<Record<HistoryEventType, string>> = {
  ClientCreated: 'client créé',
  ClientUpdated: 'client modifié',
  ClientReassigned: 'client réattribué',
  ClientDeleted: 'client supprimé',
  ClientForgotten: 'client effacé',
  ContractCreated: 'contrat créé',
  ContractAmended: 'contrat modifié',
  ContractSigned: 'contrat signé',
  PaymentRecorded: 'paiement enregistré',
  RefundRecorded: 'remboursement enregistré',
  ContractDeleted: 'contrat supprimé',
  OccasionScheduled: 'événement planifié',
  OccasionUpdated: 'événement modifié',
  SupportAssigned: 'support attribué',
  SupportUnassigned: 'support retiré',
  OccasionCancelled: 'événement annulé',
  UserCreated: 'utilisateur créé',
  UserRenamed: 'utilisateur renommé',
  UserEmailChanged: 'e-mail modifié',
  UserRoleChanged: 'rôle modifié',
  UserPasswordChanged: 'mot de passe modifié',
  UserDeleted: 'utilisateur supprimé',
  UserDisabled: 'utilisateur désactivé',
  UserEnabled: 'utilisateur réactivé',
};

const FIELDS: Readonly<Record<HistoryField, string>> = {
  id: 'identifiant',
  name: 'nom',
  email: 'e-mail',
  role: 'rôle',
  phone: 'téléphone',
  company: 'entreprise',
  commercialId: 'identifiant du commercial',
  commercialName: 'commercial',
  clientId: 'identifiant du client',
  clientName: 'client',
  clientContact: 'contact du client',
  contractId: 'identifiant du contrat',
  totalAmount: 'montant total',
  remainingAmount: 'reste à payer',
  signed: 'signé',
  erased: 'effacé',
  supportId: 'identifiant du support',
  supportName: 'support',
  start: 'début',
  end: 'fin',
  location: 'lieu',
  attendees: 'participants',
  notes: 'notes',
  status: 'statut',
  disabled: 'désactivé',
  lockedUntil: 'verrouillé jusqu’à',
  cancelReason: 'motif de l’annulation',
  createdAt: 'création',
  updatedAt: 'dernière modification',
};

const RECORD_TYPES: Readonly<Record<RecordKind, string>> = {
  user: 'utilisateur',
  client: 'client',
  contract: 'contrat',
  event: 'événement',
};

const ROLES: Readonly<Record<ActorRole, string>> = { gestion: 'gestion', commercial: 'commercial', support: 'support', system: 'système' };

export const audit = {
  'history.title': ({ kind, id, count }, f) =>
    `${RECORD_TYPES[kind]} ${id} : ${count} ${f.plural(count, { one: 'modification', other: 'modifications' })}`,
  'history.empty': ({ kind, id }) => `${RECORD_TYPES[kind]} ${id} : aucun historique`,
  'history.by': ({ name, role }) => `par ${name} (${ROLES[role]})`,
  'history.value.signed': 'signé',
  'history.value.unsigned': 'non signé',
  ...keyed('history.eventType.', EVENT_TYPES),
  ...keyed('history.field.', FIELDS),
  ...keyed('history.recordType.', RECORD_TYPES),
  ...keyed('history.role.', ROLES),
} satisfies Wordings<typeof english>;
