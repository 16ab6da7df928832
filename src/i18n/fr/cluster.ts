import type { cluster as english } from '../en/cluster.js';
import type { Format } from '../format.js';
import type { Wordings } from '../wordings.js';

type UrlPart = Parameters<(typeof english)['cluster.urlInvalid']>[0]['part'];

const PART: Readonly<Record<UrlPart, string>> = {
  scheme: 'elle doit commencer par esdb:// ou esdb+discover://',
  hosts: 'les hôtes s’écrivent hôte ou hôte:port, avec un port de 1 à 65535, séparés par des virgules',
  syntax: 'le client ne sait pas la lire',
  files:
    'un fichier de certificat qu’elle nomme, tlsCAFile, userCertFile ou userKeyFile, est introuvable, ou userCertFile est donné sans userKeyFile',
};

/** La connexion à EventStoreDB, un nœud ou une grappe (src/events/esdb). */
export const cluster = {
  'cluster.urlInvalid': ({ part }: { part: UrlPart }) =>
    `l’URL de la base des événements n’est pas une chaîne de connexion EventStoreDB valable (${PART[part]})\u00a0: attendu esdb://hôte:2113?tls=false ou, pour une grappe, esdb+discover://a:2113,b:2113,c:2113`,
  'cluster.urlUnknownOption': ({ option }: { option: string }) =>
    `l’URL de la base des événements porte une option que le client EventStoreDB ne connaît pas\u00a0: ${option} (les options sont dans docs/eventstoredb.md)`,
  'cluster.urlTlsVerifyCert':
    'l’URL de la base des événements demande tlsVerifyCert=false, ce que ce client EventStoreDB ne sait pas faire\u00a0: donnez plutôt l’autorité de certification du serveur avec tlsCAFile=/chemin/vers/ca.crt',
  'cluster.noLeader': ({ ms, attempts }: { ms: number; attempts: number }, f: Format) =>
    `EventStoreDB n’a pas de leader pour prendre la requête\u00a0: ${f.plural(attempts, { one: `${attempts} essai`, other: `${attempts} essais` })} en ${f.number(ms)} ms (une grappe sans quorum, ou des nœuds injoignables)\u00a0; EPIC_ESDB_TIMEOUT_MS fixe la durée des essais`,
  'cluster.noNode':
    'EventStoreDB\u00a0: les nouvelles de la grappe (gossip) ne désignent aucun nœud où se connecter (pas de leader élu, ou aucun nœud joignable)',
  'cluster.leaderless': 'EventStoreDB\u00a0: le nœud joint ne connaît pas de leader (une élection en cours, ou pas de quorum)',
} satisfies Wordings<typeof english>;
