import type { DsnProblem } from '../../monitoring/monitor-backend.js';
import type { monitoring as english } from '../en/monitoring.js';
import type { Wordings } from '../wordings.js';

const DSN: Readonly<Record<DsnProblem, string>> = {
  notUrl: 'n’est pas une URL',
  notHttp: 'doit être une URL http(s)',
  noKey: 'n’a pas de clé publique (https://<clé>@<hôte>/<projet>)',
  noProject: 'n’a pas d’identifiant de projet (https://<clé>@<hôte>/<projet>)',
};

export const monitoring = {
  'monitoring.dsnInvalid': ({ problem }) => `attention : la surveillance des erreurs est désactivée (SENTRY_DSN ${DSN[problem]})`,
  'monitoring.sdkFailed': ({ detail }) => `attention : la surveillance des erreurs est désactivée (${detail})`,
} satisfies Wordings<typeof english>;
