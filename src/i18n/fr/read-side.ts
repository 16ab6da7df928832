import type { readSide as english } from '../en/read-side.js';
import type { Wordings } from '../wordings.js';

/** Le côté lecture en service\u00a0: le suiveur `epic projection run --follow`, et ce que disent les commandes qui lui laissent la mise à jour. */
export const readSide = {
  'readSide.followerOutage': ({ reason, retryInMs }, f) =>
    `avertissement\u00a0: le suiveur ne joint pas l’une de ses bases (${reason})\u00a0; nouvel essai dans ${f.number(retryInMs / 1000)}\u00a0s`,
  'readSide.followerRecovered': ({ failures, ms }, f) =>
    `le suiveur joint de nouveau ses bases, après ${f.plural(failures, { one: `${failures} tour manqué`, other: `${failures} tours manqués` })} en ${f.number(Math.round(ms / 100) / 10)}\u00a0s`,
  'readSide.subscriptionEnded': 'l’abonnement au journal s’est terminé sans qu’on le lui demande',
  'readSide.heartbeatUnwritable': ({ path }) => `--heartbeat\u00a0: impossible d’écrire dans le dossier de ${path}`,
} satisfies Wordings<typeof english>;
