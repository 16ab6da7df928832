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

  // Des issues cohérentes
  'import.imported': ({ created, updated, unchanged, refused, rows }, f) =>
    `${rows} ${f.plural(rows, { one: 'ligne', other: 'lignes' })} : ${created} ${f.plural(created, { one: 'créée', other: 'créées' })}, ${updated} ${f.plural(updated, { one: 'modifiée', other: 'modifiées' })}, ${unchanged} ${f.plural(unchanged, { one: 'inchangée', other: 'inchangées' })}, ${refused} ${f.plural(refused, { one: 'refusée', other: 'refusées' })}`,
  'import.nothingImported': ({ refused, rows }) => `rien n’a été importé : ${refused} lignes refusées sur ${rows}`,

  // Adresses e-mail des clients uniques
  'client.emailTaken': 'cette adresse e-mail est déjà celle d’un autre client',

  // Des comptes en libre-service
  'user.cannotDisableSelf': 'vous ne pouvez pas désactiver votre propre compte',
  'user.alreadyDisabled': ({ userId }) => `l’utilisateur ${userId} est déjà désactivé`,
  'user.notDisabled': ({ userId }) => `l’utilisateur ${userId} n’est pas désactivé`,
  'user.disabled': ({ userId }) => `l’utilisateur ${userId} est désactivé`,
  'session.accountDisabled': 'ce compte est désactivé : adressez-vous à la gestion',
  'password.isEmail': 'le mot de passe ne doit pas être votre adresse e-mail',
  'password.hasLocalPart': 'le mot de passe ne doit pas contenir la partie nom de votre adresse e-mail',
  'password.common': 'ce mot de passe fait partie des plus utilisés : choisissez-en un autre',
  'passwd.wrongCurrent': 'le mot de passe actuel est faux',
  'passwd.needsTwoLines': 'avec --password-stdin, donnez le mot de passe actuel sur la première ligne et le nouveau sur la deuxième',
  'passwd.unchanged': 'le nouveau mot de passe est l’actuel',
  'cli.prompt.currentPassword': 'mot de passe actuel',
  'cli.done.passwordChanged': 'mot de passe changé',
  'cli.done.disabledUser': ({ id, name }) => `${name} (${id}) est désactivé : il ne peut plus se connecter`,
  'cli.done.enabledUser': ({ id, name }) => `${name} (${id}) est réactivé`,
  'cli.done.unlockedUser': ({ id, name }) => `${name} (${id}) est déverrouillé : il peut se reconnecter`,
  'cli.done.notLocked': ({ id, name }) => `${name} (${id}) n’était pas verrouillé`,
  'cli.lockedUntil': ({ until }, f) => `verrouillé jusqu’au ${f.dateTime(until)}`,
  'cli.field.disabled': 'désactivé',
  'cli.field.lockedUntil': 'verrouillé jusqu’au',
  'cli.column.state': 'état',
  'cli.state.active': 'actif',
  'cli.state.disabled': 'désactivé',
  'cli.state.locked': 'verrouillé',
  'help.passwd': 'changer votre propre mot de passe (l’actuel d’abord)',
  'help.passwd.details':
    'Sur un terminal : le mot de passe actuel, puis le nouveau deux fois. Avec --password-stdin : le mot de passe actuel sur la première ligne de l’entrée standard, le nouveau sur la deuxième. Un mot de passe a au moins 12 caractères, n’est pas votre adresse e-mail et n’en contient pas la partie nom, et n’est pas l’un des mots de passe les plus courants.',
  'help.passwd.ex1': 'Le changer sur un terminal',
  'help.passwd.ex2': 'Depuis un script',
  'opt.passwd.--password-stdin': 'lire le mot de passe actuel et le nouveau sur l’entrée standard, un par ligne',
  'help.user disable': 'empêcher un collaborateur de se connecter et d’agir ; son historique et ses fiches restent (gestion seulement)',
  'help.user disable.details':
    'Un commercial qui a des clients n’est désactivé qu’avec --reassign-to un autre commercial, qui reprend ses clients et leurs contrats. Un commercial désactivé ne reçoit plus de clients, un support désactivé plus d’événements. user enable le réactive.',
  'help.user disable.ex1': 'Bob s’en va ; Carla reprend ses clients',
  'opt.user disable.--reassign-to': 'le commercial qui reprend les clients (identifiant ou e-mail)',
  'help.user enable': 'permettre à un collaborateur désactivé de se reconnecter (gestion seulement)',
  'help.user enable.ex1': 'Bob est de retour',
  'help.user unlock': 'lever le verrou posé par 5 connexions échouées (gestion seulement)',
  'help.user unlock.ex1': 'Bob s’est trompé cinq fois de mot de passe',
  'opt.user list.--disabled': 'seulement les collaborateurs désactivés',
  'menu.user disable': 'Désactiver un collaborateur',
  'menu.user enable': 'Réactiver un collaborateur',
  'menu.user unlock': 'Déverrouiller un collaborateur',
  'menu.passwd': 'Changer mon mot de passe',
} satisfies Wordings<typeof english>;
