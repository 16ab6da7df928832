import type { DsnProblem } from '../../monitoring/monitor-backend.js';

const DSN: Readonly<Record<DsnProblem, string>> = {
  notUrl: 'is not a URL',
  notHttp: 'must be an http(s) URL',
  noKey: 'has no public key (https://<key>@<host>/<project>)',
  noProject: 'has no project id (https://<key>@<host>/<project>)',
};

/** Error monitoring (Sentry): the warnings a user sees when it cannot run. */
export const monitoring = {
  'monitoring.dsnInvalid': ({ problem }: { problem: DsnProblem }): string => `warning: error monitoring is off: SENTRY_DSN ${DSN[problem]}`,
  /** `detail`: why the SDK could not load, in its own words. */
  'monitoring.sdkFailed': ({ detail }: { detail: string }): string => `warning: error monitoring is off: ${detail}`,
};
