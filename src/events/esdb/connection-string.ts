/**
 * The EventStoreDB connection strings `epic` accepts, checked here before the
 * client sees them, and completed for clusters.
 *
 *     esdb://host:2113?tls=false                      one node, no discovery
 *     esdb://a:2113,b:2113,c:2113?nodePreference=leader   a cluster: gossip on every host
 *     esdb+discover://a:2113,b:2113,c:2113            the same
 *     esdb+discover://cluster.example.com:2113        gossip on every address of one DNS name
 *     esdb://user:password@a:2113,b:2113?tlsCAFile=ca.crt
 *
 * Everything is passed through to `@eventstore/db-client`, with three
 * exceptions, each for a trap of the client (6.x):
 *
 * - An unknown option is refused (InvalidInput, naming the option). The
 *   client would ignore it after printing the whole connection string,
 *   password included, on stderr; a typo (`nodePrefrence`) would go unseen.
 * - `tlsVerifyCert=false` is refused: this client cannot skip certificate
 *   checks (it says so, again with the whole string on stderr); give the CA
 *   with `tlsCAFile` instead.
 * - `esdb+discover://` with several hosts asks every one of them for the
 *   cluster's gossip, as `esdb://` with several hosts does: the client alone
 *   would ask only the first, so the cluster could not be found while that
 *   one node is down.
 *
 * And for a cluster (discovery, or several hosts), two defaults unless the
 * string sets them: `maxDiscoverAttempts=1` (the adapter retries discovery
 * itself, within EPIC_ESDB_TIMEOUT_MS: see connection.ts) and
 * `gossipTimeout` = EPIC_ESDB_TIMEOUT_MS in whole seconds. A discovery the
 * adapter gave up on cannot be cancelled: these keep it from outliving the
 * command by more than one round of gossip.
 *
 * No message quotes the string: it may carry a password.
 */
import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';

/** The options of the client's connection strings (its parseConnectionString), by their flat-case spelling. */
const OPTIONS = [
  'connectionName',
  'defaultDeadline',
  'discoveryInterval',
  'gossipTimeout',
  'keepAliveInterval',
  'keepAliveTimeout',
  'maxDiscoverAttempts',
  'nodePreference',
  'throwOnAppendFailure',
  'tls',
  'tlsCAFile',
  'tlsVerifyCert',
  'userCertFile',
  'userKeyFile',
] as const;
type OptionName = (typeof OPTIONS)[number];

/** How the client compares option names: case-insensitive, `-` and `_` ignored. */
const flat = (name: string) => name.trim().toLowerCase().replace(/[_-]/g, '');
const BY_FLAT_NAME = new Map<string, OptionName>(OPTIONS.map((name) => [flat(name), name]));

export interface EsdbTarget {
  /** What the client is given. */
  readonly connectionString: string;
  /** Discovery through gossip (several hosts or `esdb+discover://`), rather than one node reached directly. */
  readonly cluster: boolean;
  readonly hosts: number;
}

/** Checks and completes a connection string (see the module comment); InvalidInput, never quoting it, when it is not one. */
export function esdbTarget(connectionString: string, timeoutMs: number): EsdbTarget {
  const text = connectionString.trim();
  const scheme = /^(esdb|esdb\+discover):\/\//i.exec(text);
  if (scheme === null) throw new InvalidInput(msg('cluster.urlInvalid', { part: 'scheme' }));
  const rest = text.slice(scheme[0].length);
  // As the client reads them: `user:password@` (the password up to the first @), then hosts, then `?options`.
  const credentials = /^[^:@/?,]+:[^@]+@/.exec(rest)?.[0] ?? '';
  const afterCredentials = rest.slice(credentials.length);
  const queryAt = afterCredentials.indexOf('?');
  const hostList = (queryAt < 0 ? afterCredentials : afterCredentials.slice(0, queryAt)).replace(/\/+$/, '');
  const query = queryAt < 0 ? '' : afterCredentials.slice(queryAt + 1);
  const hosts = hostList.split(',').map((host) => host.trim());
  if (hosts.some((host) => !isHost(host))) throw new InvalidInput(msg('cluster.urlInvalid', { part: 'hosts' }));

  const given = new Set<OptionName>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    const option = BY_FLAT_NAME.get(flat(key));
    // The name only when it is short and plain: it is what the user typed, and it is not the password.
    if (option === undefined) throw new InvalidInput(msg('cluster.urlUnknownOption', { option: /^[\w.-]{1,40}$/.test(key) ? key : '?' }));
    if (option === 'tlsVerifyCert' && value.trim() === 'false') throw new InvalidInput(msg('cluster.urlTlsVerifyCert'));
    given.add(option);
  }

  const discover = scheme[1]?.toLowerCase() === 'esdb+discover';
  const cluster = discover || hosts.length > 1;
  let completed = discover && hosts.length > 1 ? `esdb://${rest}` : text;
  if (cluster) {
    const defaults: string[] = [];
    if (!given.has('maxDiscoverAttempts')) defaults.push('maxDiscoverAttempts=1');
    if (!given.has('gossipTimeout')) defaults.push(`gossipTimeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}`);
    if (defaults.length > 0) completed += `${queryAt < 0 ? '?' : '&'}${defaults.join('&')}`;
  }
  return { connectionString: completed, cluster, hosts: hosts.length };
}

/** `host` or `host:port` with a TCP port (1–65535): the client takes any other and fails only when connecting, as if the server were out of reach (exit 7). */
function isHost(host: string): boolean {
  const match = /^[^\s:/?#@,]+(?::(\d{1,5}))?$/.exec(host);
  if (match === null) return false;
  const port = match[1] === undefined ? undefined : Number(match[1]);
  return port === undefined || (port >= 1 && port <= 65535);
}
