/** Ce que dit la ligne de commande elle-même (src/cli), en français. */
import type { cli as english } from '../en/cli.js';
import type { Format } from '../format.js';
import type { Wordings } from '../wordings.js';

const KINDS: Readonly<Record<string, string>> = { user: 'utilisateur', client: 'client', contract: 'contrat', event: 'événement' };
const kindOf = (kind: string) => KINDS[kind] ?? kind;
const ROLES: Readonly<Record<string, string>> = { gestion: 'gestion', commercial: 'commercial', support: 'support' };
const roleOf = (role: string) => ROLES[role] ?? role;

export const cli = {
  // Erreurs et avertissements
  'cli.missingOption': ({ option }: { option: string }) => `option obligatoire manquante : ${option}`,
  'cli.notLoggedIn': 'vous n’êtes pas connecté : lancez epic login',
  'cli.accountGone': 'votre compte n’existe plus',
  'cli.passwordNeeded': 'il faut un mot de passe : passez-le par --password-stdin, ou lancez la commande dans un terminal',
  'cli.noPasswordOnStdin': 'aucun mot de passe sur l’entrée standard',
  'cli.cancelled': 'annulé',
  'cli.backendUnavailable': ({ code }: { code: string }) => `base de données indisponible (${code})`,
  'cli.internalError': ({ detail }: { detail: string }) =>
    `erreur interne : ${detail} (un bogue : relancez avec EPIC_DEBUG=1 pour obtenir la pile d’appels et signalez-le)`,
  'cli.internalErrorReported': ({ detail, eventId }: { detail: string; eventId: string }) =>
    `erreur interne : ${detail} (un bogue : signalé à Sentry sous l’identifiant ${eventId} ; relancez avec EPIC_DEBUG=1 pour obtenir la pile d’appels)`,
  'cli.warning.notRecorded': ({ reason }: { reason: string }) =>
    `cette tentative n’a pas pu être inscrite au journal des commandes : ${reason}`,
  'cli.notFound.contract': ({ id }: { id: string }) => `aucun contrat ${id}`,
  'cli.notFound.event': ({ id }: { id: string }) => `aucun événement ${id}`,
  'cli.notFound.user': ({ id }: { id: string }) => `aucun utilisateur ${id}`,
  'cli.notFound.userEmail': 'aucun utilisateur n’a cette adresse e-mail',
  'cli.input.count': ({ option, got }: { option: string; got: string }, f: Format) =>
    `${option} doit être un nombre entier positif ou nul (reçu : ${f.quote(got)})`,
  'cli.input.role': ({ option }: { option: string }) => `${option} doit valoir gestion, commercial ou support`,
  'cli.input.choice': ({ option, choices, got }: { option: string; choices: readonly string[]; got: string }, f: Format) =>
    `${option} doit valoir ${f.alternatives(choices)} (reçu : ${f.quote(got)})`,

  // Erreurs d’utilisation
  'cli.usage.unknownOption': ({ option, command }: { option: string; command: string }) =>
    command === '' ? `option inconnue : ${option}` : `epic ${command} n’a pas d’option ${option} (voir epic ${command} --help)`,
  'cli.usage.extraArgument': ({ argument, command }: { argument: string; command: string }, f: Format) =>
    command === ''
      ? `argument inattendu : ${f.quote(argument)}`
      : `argument inattendu : ${f.quote(argument)} (voir epic ${command} --help)`,
  'cli.usage.missingArgument': ({ command }: { command: string }) =>
    command === '' ? 'il manque un argument' : `il manque un argument (voir epic ${command} --help)`,
  'cli.usage.optionNeedsValue': ({ option }: { option: string }) => `${option} attend une valeur`,
  'cli.usage.invalid': ({ command }: { command: string }) =>
    command === '' ? 'ligne de commande invalide (voir epic --help)' : `ligne de commande invalide (voir epic ${command} --help)`,
  'cli.usage.unknownCommand': ({ words, suggestions }: { words: string; suggestions: readonly string[] }, f: Format) =>
    suggestions.length === 0
      ? `commande inconnue : ${f.quote(words)} (voir epic --help)`
      : `commande inconnue : ${f.quote(words)} ; vouliez-vous dire ${suggestions.map((s) => `epic ${s}`).join(', ')} ?`,

  // Questions
  'cli.prompt.empty': 'une réponse est nécessaire',
  'cli.prompt.invalidName': 'il faut un nom (200 caractères au plus, sans caractère de contrôle)',
  'cli.prompt.invalidEmail': 'adresse e-mail invalide (par exemple nom@exemple.fr)',
  'cli.prompt.invalidPhone':
    'un numéro de téléphone compte de 7 à 20 chiffres, avec éventuellement un +, des espaces, des points ou des tirets',
  'cli.prompt.dateFormat': 'JJ/MM/AAAA HH:MM ou AAAA-MM-JJ HH:MM',
  'cli.prompt.amountFormat': 'par exemple 1500 ou 1 500,50',
  'cli.prompt.password': 'mot de passe',
  'cli.prompt.newPassword': 'nouveau mot de passe',
  'cli.prompt.newPasswordAgain': 'le même mot de passe, une seconde fois',
  'cli.prompt.passwordsDiffer': 'les deux mots de passe ne sont pas identiques',
  'cli.prompt.nothingToChoose': ({ option }: { option: string }) => `aucun choix possible pour ${option}`,
  'cli.prompt.instructions': '↑↓ pour se déplacer, Entrée pour choisir',
  'cli.prompt.instructionsMore': '↑↓ pour se déplacer (la liste continue), Entrée pour choisir',
  'cli.prompt.searchInstructions': 'tapez pour chercher, ↑↓ pour se déplacer, Entrée pour choisir',
  'cli.prompt.searchInstructionsMore': 'tapez pour chercher, ↑↓ pour se déplacer (la liste continue), Entrée pour choisir',
  'cli.prompt.keyNavigate': 'se déplacer',
  'cli.prompt.keySelect': 'choisir',
  'cli.prompt.noResults': 'aucun résultat',
  'cli.prompt.hidden': '(la saisie ne s’affiche pas)',

  // Confirmations
  'cli.confirm.question': 'Continuer ? (o/N)',
  'cli.confirm.yesWords': 'o|oui|y|yes',
  'cli.confirm.needsYes': ({ command }: { command: string }) =>
    `epic ${command} est irréversible : confirmez avec --yes hors d’un terminal`,
  'cli.confirm.deleteClient': ({ id, name, company }: { id: string; name: string; company: string | null }) =>
    `supprime le client ${id} (${company === null ? name : `${name}, ${company}`})`,
  'cli.confirm.deleteContract': (
    { id, client, totalCents, signed }: { id: string; client: string; totalCents: number; signed: boolean },
    f: Format,
  ) => `supprime le contrat ${id} (${client}, ${f.money(totalCents)}, ${signed ? 'signé' : 'non signé'})`,
  'cli.confirm.deleteUser': ({ id, name, email, role }: { id: string; name: string; email: string; role: string }) =>
    `supprime l’utilisateur ${id} (${name}, ${email}, ${roleOf(role)})`,

  // Ce qu’une modification a fait
  'cli.init.already': 'déjà initialisé : des utilisateurs existent ; connectez-vous plutôt',
  'cli.init.done': ({ home, name }: { home: string; name: string }) => `${home} initialisé ; connecté en tant que ${name} (gestion)`,
  'cli.login.done': ({ name, role, until }: { name: string; role: string; until: string }, f: Format) =>
    `connecté en tant que ${name} (${roleOf(role)}) jusqu’au ${f.dateTime(until)}`,
  'cli.logout.done': ({ name }: { name: string }) => `${name} est déconnecté`,
  'cli.logout.none': 'aucune session ouverte',
  'cli.done.deletedClient': ({ id, name }: { id: string; name: string }) => `client ${id} supprimé (${name})`,
  'cli.done.deletedContract': ({ id, client }: { id: string; client: string }) => `contrat ${id} supprimé (${client})`,
  'cli.done.createdUser': ({ name, role }) => `${name} (${role}) créé\u00a0: peut se connecter dès maintenant`,
  'cli.done.createdClient': ({ name }) => `client ${name} créé`,
  'cli.done.createdContract': ({ client, totalCents }, f) => `contrat rédigé pour ${client}, ${f.money(totalCents)}`,
  'cli.done.createdEvent': ({ name }) => `événement ${name} créé`,
  'cli.done.deletedUser': ({ id, name }: { id: string; name: string }) => `utilisateur ${id} supprimé (${name})`,
  'cli.done.updatedClient': ({ id, fields }: { id: string; fields: readonly string[] }, f: Format) =>
    fields.length === 0 ? `client ${id} : rien n’a changé` : `client ${id} modifié : ${f.list(fields)}`,
  'cli.done.updatedEvent': ({ id, fields }: { id: string; fields: readonly string[] }, f: Format) =>
    fields.length === 0 ? `événement ${id} : rien n’a changé` : `événement ${id} modifié : ${f.list(fields)}`,
  'cli.done.updatedUser': ({ id, name, fields }: { id: string; name: string; fields: readonly string[] }, f: Format) =>
    fields.length === 0 ? `utilisateur ${id} (${name}) : rien n’a changé` : `utilisateur ${id} (${name}) modifié : ${f.list(fields)}`,
  'cli.done.updatedContract': ({ id, totalCents, remainingCents }: { id: string; totalCents: number; remainingCents: number }, f: Format) =>
    `contrat ${id} modifié : total ${f.money(totalCents)} ; reste dû ${f.money(remainingCents)}`,
  'cli.done.paid': ({ amountCents, remainingCents }: { id: string; amountCents: number; remainingCents: number }, f: Format) =>
    `${f.money(amountCents)} payés ; reste dû ${f.money(remainingCents)}`,
  'cli.done.signed': ({ id, client, totalCents }: { id: string; client: string; totalCents: number }, f: Format) =>
    `contrat ${id} signé (${client}, ${f.money(totalCents)})`,
  'cli.done.assigned': ({ support, event }: { support: string; event: string }, f: Format) => `${support} est affecté à ${f.quote(event)}`,
  'cli.done.unassigned': ({ support, event }: { support: string; event: string }, f: Format) =>
    `${support} n’est plus affecté à ${f.quote(event)}`,
  'cli.done.unassignedNobody': ({ event }: { event: string }, f: Format) => `aucun support n’était affecté à ${f.quote(event)}`,

  // Listes
  'cli.column.id': 'id',
  'cli.column.name': 'nom',
  'cli.column.email': 'e-mail',
  'cli.column.phone': 'téléphone',
  'cli.column.company': 'entreprise',
  'cli.column.commercial': 'commercial',
  'cli.column.client': 'client',
  'cli.column.total': 'total',
  'cli.column.remaining': 'reste dû',
  'cli.column.signed': 'signé',
  'cli.column.start': 'début',
  'cli.column.end': 'fin',
  'cli.column.location': 'lieu',
  'cli.column.attendees': 'participants',
  'cli.column.support': 'support',
  'cli.column.role': 'rôle',
  'cli.column.at': 'date',
  'cli.column.who': 'qui',
  'cli.column.command': 'commande',
  'cli.column.outcome': 'résultat',
  'cli.column.reason': 'motif',
  'cli.column.events': 'faits',
  'cli.column.projection': 'projection',
  'cli.column.version': 'version',
  'cli.column.checkpoint': 'position',
  'cli.column.behind': 'en retard',
  'cli.column.lastRebuilt': 'reconstruite le',
  'cli.column.state': 'état',
  'cli.empty.clients': 'aucun client',
  'cli.empty.contracts': 'aucun contrat',
  'cli.empty.events': 'aucun événement',
  'cli.empty.users': 'aucun utilisateur',
  'cli.empty.log': 'aucune entrée',
  'cli.empty.projections': 'aucune projection',
  'cli.outcome.accepted': 'acceptée',
  'cli.outcome.rejected': 'rejetée',
  'cli.outcome.denied': 'refusée',
  'cli.outcome.failed': 'échouée',
  'cli.yes': 'oui',
  'cli.no': 'non',
  'cli.unassigned': '(non affecté)',

  // Champs d’une fiche, et ce qui est demandé
  'cli.field.id': 'id',
  'cli.field.name': 'nom',
  'cli.field.fullName': 'nom complet',
  'cli.field.email': 'e-mail',
  'cli.field.phone': 'téléphone',
  'cli.field.company': 'entreprise',
  'cli.field.commercial': 'commercial',
  'cli.field.client': 'client',
  'cli.field.clientContact': 'contact du client',
  'cli.field.contract': 'contrat',
  'cli.field.total': 'total',
  'cli.field.remaining': 'reste dû',
  'cli.field.remainingDefault': 'reste dû (Entrée : le total)',
  'cli.field.payment': ({ remainingCents }: { remainingCents: number }, f: Format) =>
    `montant payé (reste dû : ${f.money(remainingCents)})`,
  'cli.field.signed': 'signé',
  'cli.field.eventName': 'nom de l’événement',
  'cli.field.start': 'début',
  'cli.field.end': 'fin',
  'cli.field.location': 'lieu',
  'cli.field.attendees': 'participants',
  'cli.field.notes': 'notes',
  'cli.field.support': 'support',
  'cli.field.role': 'rôle',
  'cli.field.password': 'mot de passe',
  'cli.field.reassignTo': 'commercial qui reprend les clients',
  'cli.field.createdAt': 'créé le',
  'cli.field.updatedAt': 'modifié le',

  // Fiches dans une liste où choisir
  'cli.pick.client': ({ name, company }: { name: string; company: string | null }) => (company === null ? name : `${name} — ${company}`),
  'cli.pick.contract': (
    { client, totalCents, remainingCents, signed }: { client: string; totalCents: number; remainingCents: number; signed: boolean },
    f: Format,
  ) =>
    `${client} — ${f.money(totalCents)} (${remainingCents === 0 ? 'payé' : `reste dû ${f.money(remainingCents)}`}, ${signed ? 'signé' : 'non signé'})`,
  'cli.pick.event': ({ start, name, client }: { start: string; name: string; client: string }, f: Format) =>
    `${f.dateTime(start)} — ${name} (${client})`,
  'cli.pick.user': ({ name, email, role }: { name: string; email: string; role: string }) => `${name} <${email}> (${roleOf(role)})`,

  // history
  'cli.history.kind': ({ kinds, got }: { kinds: readonly string[]; got: string }, f: Format) =>
    `l’historique de quoi ? Attendu : ${kinds.join(', ')} ; reçu : ${f.quote(got)}`,
  'cli.history.notYet': ({ kind, id, at }: { kind: string; id: string; at: string }, f: Format) =>
    `${kindOf(kind)} ${id} : n’existait pas le ${f.dateTime(at)}`,
  'cli.history.none': ({ kind, id }: { kind: string; id: string }) => `${kindOf(kind)} ${id} : absent du journal`,

  // audit verify
  'cli.verify.badDigest': '--expect doit être une empreinte affichée par epic audit verify (64 caractères hexadécimaux)',

  // projections
  'cli.projection.rebuilt': ({
    names,
    events,
    seconds,
    position,
  }: {
    names: readonly string[];
    events: number;
    seconds: string;
    position: number;
  }) =>
    `reconstruit ${names.join(', ')} : ${events} ${events === 1 ? 'fait' : 'faits'} en ${seconds.replace('.', ',')}${'\u00a0'}s, à la position ${position}`,
  'cli.projection.applied': ({ events, position }: { events: number; position: number }, f: Format) =>
    `${events} ${f.plural(events, { one: 'fait appliqué', other: 'faits appliqués' })} ; position ${position}`,
  'cli.projection.stopped': ({ events, position }: { events: number; position: number }, f: Format) =>
    `arrêté : ${events} ${f.plural(events, { one: 'fait appliqué', other: 'faits appliqués' })} ; position ${position}`,
  'cli.projection.interval': '--interval doit être un nombre entier de millisecondes, au moins 10',
  'cli.projection.versions': ({ version, stored }: { version: number; stored: number | null }) =>
    `${version} (tables : ${stored ?? 'aucune'})`,
  'cli.projection.rebuilding': ({ pid, host, since }: { pid: number; host: string; since: string }, f: Format) =>
    `en reconstruction (pid ${pid} sur ${host} depuis le ${f.dateTime(since)})`,
  'cli.projection.due': 'à reconstruire',
  'cli.projection.upToDate': 'à jour',
  'cli.projection.behind': 'en retard',

  // import
  'cli.import.done': (c: { created: number; updated: number; unchanged: number; refused: number; rows: number }, f: Format) =>
    `créés : ${c.created}, mis à jour : ${c.updated}, inchangés : ${c.unchanged}, refusés : ${c.refused} (sur ${c.rows} ${f.plural(c.rows, { one: 'ligne', other: 'lignes' })})`,
  'cli.import.dryRun': (c: { created: number; updated: number; unchanged: number; refused: number; rows: number }, f: Format) =>
    `essai à blanc, rien n’a été écrit : auraient été créés ${c.created}, mis à jour ${c.updated}, laissés inchangés ${c.unchanged}, refusés ${c.refused} (sur ${c.rows} ${f.plural(c.rows, { one: 'ligne', other: 'lignes' })})`,
  'cli.import.ignoredColumns': ({ columns }: { columns: readonly string[] }) => `colonnes ignorées : ${columns.join(', ')}`,
  'cli.import.lineRefused': ({ line, reason }: { line: number; reason: string }) => `ligne ${line} : ${reason}`,
  'cli.import.duplicate': ({ line, sameEmailAsLine }: { line: number; sameEmailAsLine: number }) =>
    `ligne ${line} : même e-mail qu’à la ligne ${sameEmailAsLine}, le client importé par cette ligne a été mis à jour`,
  'cli.import.refusedImported': ({ refused, rows, lines }: { refused: number; rows: number; lines: string }, f: Format) =>
    `${f.plural(refused, { one: `${refused} ligne sur ${rows} refusée`, other: `${refused} lignes sur ${rows} refusées` })} (${f.plural(refused, { one: 'ligne', other: 'lignes' })} ${lines}) ; les autres ont été importées`,
  'cli.import.refusedChecked': ({ refused, rows, lines }: { refused: number; rows: number; lines: string }, f: Format) =>
    `${f.plural(refused, { one: `${refused} ligne sur ${rows} refusée`, other: `${refused} lignes sur ${rows} refusées` })} (${f.plural(refused, { one: 'ligne', other: 'lignes' })} ${lines}) ; les autres ont été vérifiées`,
} satisfies Wordings<typeof english>;
