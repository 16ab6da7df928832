import type { Format } from '../format.js';

/**
 * The read side as a service (docs/scaling.md, docs/projections.md): the
 * follower `epic projection run --follow`, and what commands say when they
 * leave the catching up to it (EPIC_PROJECTIONS=external).
 */
export const readSide = {
  'readSide.followerOutage': ({ reason, retryInMs }: { reason: string; retryInMs: number }, f: Format) =>
    `warning: the follower cannot reach a backend (${reason}); trying again in ${f.number(retryInMs / 1000)} s`,
  'readSide.followerRecovered': ({ failures, ms }: { failures: number; ms: number }, f: Format) =>
    `the follower reaches its backends again, after ${f.plural(failures, { one: `${failures} failed round`, other: `${failures} failed rounds` })} in ${f.number(Math.round(ms / 100) / 10)} s`,
  'readSide.subscriptionEnded': 'the subscription to the log ended without being asked to',
  'readSide.lagging': ({ seconds, limitSeconds }: { seconds: number; limitSeconds: number }, f: Format) =>
    `warning: the read views are ${f.number(seconds)} s behind the log (more than EPIC_PROJECTIONS_MAX_LAG, ${f.number(limitSeconds)} s): listings may miss recent changes; is \`epic projection run --follow\` running?`,
  'readSide.otherVersion': ({ names }: { names: readonly string[] }, f: Format) =>
    `warning: the read views ${f.list(names)} were built by another version of epic than this one: listings may be wrong until the follower (\`epic projection run --follow\`) runs this version`,
  'readSide.heartbeatUnwritable': ({ path }: { path: string }) => `--heartbeat: cannot write in the folder of ${path}`,
  'readSide.modeInvalid': ({ value }: { value: string }) => `EPIC_PROJECTIONS must be inline or external, got ${JSON.stringify(value)}`,
};
