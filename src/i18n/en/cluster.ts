import type { Format } from '../format.js';

/** Which part of an EventStoreDB connection string is wrong. */
type UrlPart = 'scheme' | 'hosts' | 'syntax' | 'files';

const PART: Readonly<Record<UrlPart, string>> = {
  scheme: 'it must start with esdb:// or esdb+discover://',
  hosts: 'the hosts must be host or host:port, with a port from 1 to 65535, separated by commas',
  syntax: 'the client cannot read it',
  files: 'a certificate file it names, tlsCAFile, userCertFile or userKeyFile, is not there, or userCertFile comes without userKeyFile',
};

/** Connecting to EventStoreDB, one node or a cluster (src/events/esdb). */
export const cluster = {
  'cluster.urlInvalid': ({ part }: { part: UrlPart }) =>
    `the event store URL is not a valid EventStoreDB connection string (${PART[part]}): expected esdb://host:2113?tls=false, or for a cluster esdb+discover://a:2113,b:2113,c:2113`,
  'cluster.urlUnknownOption': ({ option }: { option: string }) =>
    `the event store URL has an option the EventStoreDB client does not know: ${option} (see docs/eventstoredb.md for the options)`,
  'cluster.urlTlsVerifyCert':
    'the event store URL sets tlsVerifyCert=false, which this EventStoreDB client cannot do: give the server’s CA with tlsCAFile=/path/to/ca.crt instead',
  'cluster.noLeader': ({ ms, attempts }: { ms: number; attempts: number }, f: Format) =>
    `EventStoreDB has no leader to take the request: ${f.plural(attempts, { one: `${attempts} attempt`, other: `${attempts} attempts` })} in ${f.number(ms)} ms (a cluster without a quorum, or its nodes out of reach); EPIC_ESDB_TIMEOUT_MS sets how long to try`,
  'cluster.noNode': 'EventStoreDB: the cluster’s gossip names no node to connect to (no leader elected, or every node out of reach)',
  'cluster.leaderless': 'EventStoreDB: the node reached knows of no leader (an election under way, or no quorum)',
};
