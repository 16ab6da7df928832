import type { auditChain as english } from '../en/audit-chain.js';

const PROBLEMS = {
  'hash mismatch': 'empreinte différente',
  'plain link':
    'maillon simple (un maillon SHA-256 là où un maillon à clé est dû\u00a0: forgé sans la clé, ou écrit par une ancienne version)',
  'time mismatch': 'heure différente (l’heure gardée à côté de l’événement n’est pas celle avec laquelle il a été haché)',
  'prevHash mismatch': 'empreinte précédente différente',
  'version gap': 'version manquante',
  'legacy head mismatch': 'fin de la partie simple différente (elle ne s’arrête pas là où le passage à la clé l’a enregistrée)',
  'head mismatch': 'tête de flux différente',
} as const;

const DIFFERENCES = {
  inserted: 'inséré jusqu’à cette position',
  removed: 'supprimé (ou déplacé après cette position)',
  rewritten: 'réécrit, sa chaîne recalculée avec la clé',
  moved: 'déplacé à une autre position',
  edited: 'modifié (il ne correspond plus à son maillon, son empreinte stockée inchangée)',
} as const;

export const auditChain = {
  'chain.keyTooShort': ({ source, minBytes }) =>
    `${source} ne peut pas servir de clé d’audit\u00a0: il faut au moins ${minBytes}\u00a0octets`,
  'chain.keyCreated': ({ path }) =>
    `clé d’audit créée\u00a0: ${path}\u00a0; gardez-en une copie hors de cette machine (un gestionnaire de mots de passe, un coffre)\u00a0: sans elle, personne ne peut vérifier que le journal n’a pas été falsifié, et les autres machines qui écrivent dans ce journal en ont besoin aussi (EPIC_AUDIT_KEY)`,
  'chain.noKey':
    'aucune clé d’audit\u00a0: ce journal est chaîné avec une clé\u00a0; définissez EPIC_AUDIT_KEY ou placez la clé dans audit.key, dans EPIC_HOME (copiez-la depuis l’endroit où elle est conservée)',
  'chain.noKeyFor': ({ fingerprint }) =>
    `aucune clé d’audit\u00a0: ce journal est chaîné avec la clé d’empreinte ${fingerprint}\u00a0; définissez EPIC_AUDIT_KEY ou placez cette clé dans audit.key, dans EPIC_HOME`,
  'chain.keyMismatch': ({ expected, actual }) =>
    `la clé d’audit n’est pas celle de ce journal\u00a0: son empreinte est ${actual}, celle du journal ${expected}\u00a0; rien n’a été écrit`,
  'chain.keyDoesNotFit':
    'la clé d’audit ne vérifie pas le premier événement de ce journal\u00a0: ce n’est pas la clé du journal, ou le journal a été modifié\u00a0; lancez epic audit verify',
  'chain.storeWithoutKey': 'ce magasin d’événements a été ouvert sans clé d’audit\u00a0: il ne peut rien ajouter',
  'chain.recordUnreadable': ({ stream }) =>
    `l’enregistrement du passage à la chaîne à clé (flux ${stream}) n’a pas été écrit par epic\u00a0; lancez epic audit verify`,
  'chain.digestMalformed': ({ option }) =>
    `${option} attend un condensé affiché par epic audit digest (epic-digest:1:<position>:<événements>:<heure>:<64 caractères hexadécimaux>)`,
  'chain.verify.counts': ({ events, streams }, f) =>
    `${f.number(events)}\u00a0${f.plural(events, { one: 'événement', other: 'événements' })} dans ${f.number(streams)}\u00a0${f.plural(streams, { one: 'flux', other: 'flux' })}`,
  'chain.verify.chain': ({ chain }) =>
    chain === 'keyed'
      ? 'chaque maillon est calculé avec la clé d’audit'
      : chain === 'switched'
        ? 'maillons SHA-256 simples jusqu’au passage enregistré dans audit-chain, maillons à clé ensuite'
        : 'maillons SHA-256 simples\u00a0: le journal a été écrit avant la chaîne à clé, et sa prochaine écriture le fera passer à la clé',
  'chain.verify.broken': ({ stream, version, position, problem }) =>
    `ROMPU ${stream} à la version ${version}${position === null ? '' : ` (position ${position})`}\u00a0: ${PROBLEMS[problem]}`,
  'chain.verify.expected': ({ value }) =>
    `attendu ${value ?? 'le maillon à clé des champs stockés (jamais affiché\u00a0: il permettrait à qui le lit de faire passer la modification)'}`,
  'chain.verify.actual': ({ value }) => `trouvé ${value ?? 'rien'}`,
  'chain.verify.credential': ({ userId, problem, stream, version, boundTo }) =>
    problem === 'missing'
      ? `MOT DE PASSE de l’utilisateur ${userId}\u00a0: aucun n’est stocké, alors que ${stream} version ${version} en a défini un`
      : problem === 'unbound'
        ? `MOT DE PASSE de l’utilisateur ${userId}\u00a0: le mot de passe stocké n’est pas lié à cet utilisateur (copié d’une autre ligne, ou forgé)\u00a0; ${stream} version ${version} l’a défini`
        : `MOT DE PASSE de l’utilisateur ${userId}\u00a0: le mot de passe stocké a été défini à ${stream} version ${boundTo ?? 0}, mais le dernier changement du journal est la version ${version} (une ancienne ligne remise en place)`,
  'chain.verify.chainsOk': 'chaque chaîne d’empreintes est vérifiée',
  'chain.verify.credentialsOk': 'chaque mot de passe stocké est lié à son utilisateur et à son dernier changement dans le journal',
  'chain.verify.digest': ({ digest }) => `empreinte ${digest}`,
  'chain.verify.expectMatches': 'correspond à l’empreinte attendue',
  'chain.verify.expectDiffers': ({ expected }) => `attendu ${expected}\u00a0: DIFFÉRENT`,
  'chain.verify.sinceExtends': ({ position, at }, f) =>
    `prolonge le condensé de la position ${position}, pris le ${f.dateTime(at)}\u00a0: rien n’a changé jusqu’à cette position`,
  'chain.verify.sinceDiffers': ({ position, at }, f) =>
    `ne prolonge PAS le condensé de la position ${position}, pris le ${f.dateTime(at)}\u00a0:`,
  'chain.verify.difference': ({ kind, stream, version }) => `${stream} à partir de la version ${version}\u00a0: ${DIFFERENCES[kind]}`,
  'chain.verify.reordered':
    'des événements situés jusqu’à cette position ont été déplacés à d’autres positions (la tête de chaque flux est la même)',
  'chain.verify.recordMissing': 'le journal ne garde pas non plus la trace de ce condensé\u00a0: ce qui a changé ne peut être nommé',
  'chain.verify.recordAltered':
    'la trace de ce condensé dans le journal a été modifiée elle aussi\u00a0: ce qui a changé ne peut être nommé',
  'chain.verify.failedChain': ({ count, stream, version }, f) =>
    `le journal n’est pas vérifié\u00a0: ${f.plural(count, { one: `${count}\u00a0flux dont un maillon est rompu`, other: `${count}\u00a0flux dont un maillon est rompu` })}, le premier ${stream} à la version ${version}`,
  'chain.verify.failedCredentials': ({ count, userId, stream, version }, f) =>
    `le journal n’est pas vérifié\u00a0: ${f.plural(count, { one: `${count}\u00a0mot de passe stocké n’est pas celui qu’enregistre le journal`, other: `${count}\u00a0mots de passe stockés ne sont pas ceux qu’enregistre le journal` })}, le premier de l’utilisateur ${userId} (${stream} version ${version})`,
  'chain.verify.failedSince': ({ position, stream, version }) =>
    `le journal ne prolonge pas le condensé de la position ${position}\u00a0: il en diffère d’abord dans ${stream} à la version ${version}`,
  'chain.verify.failedSinceUnnamed': ({ position }) =>
    `le journal ne prolonge pas le condensé de la position ${position}\u00a0: ce qui a changé avant elle ne peut être nommé (voir le rapport)`,
  'chain.verify.failedExpect': 'l’empreinte diffère de celle attendue\u00a0: le journal a changé depuis qu’elle a été prise',
  'chain.digest.keep':
    'gardez cette ligne hors du système (un ticket, une autre machine, du papier)\u00a0: epic audit verify --since <ligne> prouve que le journal la prolonge toujours',
  'chain.digest.notTaken': ({ stream, version }) =>
    `le journal n’est pas vérifié (${stream} à la version ${version})\u00a0: aucun condensé pris\u00a0; lancez epic audit verify`,
} satisfies typeof english;
