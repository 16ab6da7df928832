import type { engine as english } from '../en/engine.js';
import type { Wordings } from '../wordings.js';

/** Le chemin d’écriture\u00a0: une modification enregistrée dont une étape suivante échoue, et les clés d’idempotence. */
export const engine = {
  'engine.changedMeanwhile':
    'un client ou un événement a été confié à cet utilisateur pendant la commande\u00a0: rien n’a été modifié\u00a0; relancez-la',
  'engine.savedButFailed': ({ reason }) =>
    `avertissement\u00a0: la modification est enregistrée, mais une étape suivante a échoué\u00a0: ${reason}`,
  'engine.idempotencyKeyInvalid': ({ max }) =>
    `--idempotency-key doit compter de 1 à ${max}\u00a0caractères visibles (lettres, chiffres, ponctuation), sans espace`,
} satisfies Wordings<typeof english>;
