import type { readSide as english } from '../en/read-side.js';
import type { Wordings } from '../wordings.js';

/** Le côté lecture en service\u00a0: le suiveur `epic projection run --follow`, et ce que disent les commandes qui lui laissent la mise à jour. */
export const readSide = {
  'readSide.followerOutage': ({ reason, retryInMs }, f) =>
    `avertissement\u00a0: le suiveur ne joint pas l’une de ses bases (${reason})\u00a0; nouvel essai dans ${f.number(retryInMs / 1000)}\u00a0s`,
  'readSide.followerRecovered': ({ failures, ms }, f) =>
    `le suiveur joint de nouveau ses bases, après ${f.plural(failures, { one: `${failures} tour manqué`, other: `${failures} tours manqués` })} en ${f.number(Math.round(ms / 100) / 10)}\u00a0s`,
  'readSide.subscriptionEnded': 'l’abonnement au journal s’est terminé sans qu’on le lui demande',
  'readSide.lagging': ({ seconds, limitSeconds }, f) =>
    `avertissement\u00a0: les vues de lecture ont ${f.number(seconds)}\u00a0s de retard sur le journal (au-delà d’EPIC_PROJECTIONS_MAX_LAG, ${f.number(limitSeconds)}\u00a0s)\u00a0: les listes peuvent ne pas montrer les derniers changements. Le suiveur \`epic projection run --follow\` tourne-t-il\u202f?`,
  'readSide.otherVersion': ({ names }, f) =>
    `avertissement\u00a0: les vues ${f.list(names)} ont été construites par une autre version d’epic que celle-ci\u00a0: les listes peuvent être fausses tant que le suiveur (\`epic projection run --follow\`) ne tourne pas dans cette version`,
  'readSide.heartbeatUnwritable': ({ path }) => `--heartbeat\u00a0: impossible d’écrire dans le dossier de ${path}`,
  'readSide.modeInvalid': ({ value }, f) => `EPIC_PROJECTIONS vaut inline ou external, et non ${f.quote(value)}`,
} satisfies Wordings<typeof english>;
