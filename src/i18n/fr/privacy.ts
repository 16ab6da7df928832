import type { privacy as english } from '../en/privacy.js';
import type { Wordings } from '../wordings.js';

const KIND = { client: 'du client', contract: 'du contrat', event: 'de l’événement' } as const;

export const privacy = {
  'client.forgetUpcoming': ({ clientId, count }, f) =>
    `le client ${clientId} a ${count} ${f.plural(count, { one: 'événement à venir : annulez-le ou attendez qu’il soit passé', other: 'événements à venir : annulez-les ou attendez qu’ils soient passés' })} avant d’effacer le client`,
  'client.forgotten': ({ clientId }) => `le client ${clientId} a été effacé : sa fiche ne peut plus changer`,
  'privacy.forgottenAppend': ({ clientId }) =>
    `le client ${clientId} a été effacé : aucune donnée personnelle ne peut plus être enregistrée pour lui`,
  'privacy.unreadable': ({ eventId, field }) =>
    `événement ${eventId} : le champ ${field} ne se déchiffre pas (modifié, ou chiffré sous une autre clé) ; lancez epic audit verify`,

  'cli.confirm.forgetClient': ({ id, name }) =>
    `efface pour de bon le client ${id} (${name}) : son nom, son e-mail, son téléphone, sa société et les notes de ses événements deviennent illisibles partout ; ses contrats et paiements restent`,
  'cli.done.forgotClient': ({ id }) =>
    `client ${id} effacé : ses données personnelles sont détruites ; ses contrats, paiements et événements restent, affichés [erased]`,
  'chain.verify.forgotten': ({ count }, f) =>
    count === 0
      ? 'aucun client effacé'
      : `${count} ${f.plural(count, { one: 'client effacé', other: 'clients effacés' })} (données personnelles détruites ; les chaînes restent vérifiées)`,

  'history.value.erased': 'effacé',
  'history.value.notErased': 'non effacé',
  'dossier.title': ({ id }) => `Tout ce qui est conservé sur le client ${id}`,
  'dossier.client': 'Fiche du client',
  'dossier.contracts': ({ count }) => `Contrats (${count})`,
  'dossier.payments': ({ count }) => `Paiements (${count})`,
  'dossier.events': ({ count }) => `Événements (${count})`,
  'dossier.history': ({ kind, id }) => `Historique ${KIND[kind]} ${id}`,
  'dossier.log': ({ count }) => `Entrées du journal des commandes (${count})`,
  'dossier.none': '(aucun)',
  'dossier.payment': ({ contractId, amountCents, at }, f) => `${f.dateTime(at)} : ${f.money(amountCents)} sur le contrat ${contractId}`,

  'help.client forget': 'effacer pour de bon les données personnelles d’un client (droit à l’effacement ; gestion seulement)',
  'help.client forget.details':
    'Détruit la clé du client : son nom, son e-mail, son téléphone, sa société et les notes de ses événements deviennent illisibles dans le journal, le journal des commandes, les tables de lecture, les exports et toute copie du journal faite avant. Ses contrats, paiements et événements restent, le client affiché [erased]. Refusé tant que le client a un événement à venir. Une confirmation est demandée dans un terminal ; --yes confirme depuis un script.',
  'help.client forget.ex1': 'Depuis un script',
  'help.client dossier':
    'tout ce qui est conservé sur un client : fiche, contrats, paiements, événements, leur historique et les entrées du journal (gestion seulement)',
  'help.client dossier.details': 'Le droit d’accès : --json donne un seul document JSON portable.',
  'help.client dossier.ex1': 'Un rapport lisible',
  'help.client dossier.ex2': 'Le document portable',
  'menu.client forget': 'Effacer un client (ses données personnelles)',
  'menu.client dossier': 'Voir tout ce qui est conservé sur un client',
} satisfies Wordings<typeof english>;
