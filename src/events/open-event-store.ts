import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { CredentialStore } from './credential-store.js';
import type { EventStore, EventStoreOptions } from './event-store.js';

export interface OpenedEventStore {
  readonly store: EventStore;
  readonly credentials: CredentialStore;
}

type Opener = (url: string, options: EventStoreOptions) => Promise<OpenedEventStore>;

/**
 * One opener per URL scheme (EPIC_EVENT_STORE, docs/cli.md). Each imports
 * its adapter lazily: the drivers are heavy (mysql2, the gRPC client of esdb)
 * and a command should only pay for the one it uses. Add an adapter by adding
 * a line here.
 */
const openers = new Map<string, Opener>([
  [
    'sqlite',
    async (url, options) => {
      const path = url.slice('sqlite:'.length);
      if (path === '') throw new InvalidInput(msg('store.url.sqliteNoPath'));
      const { openSqliteEventStore } = await import('./sqlite/event-store.js');
      const store = await openSqliteEventStore(path, options);
      try {
        return { store, credentials: store.credentials() };
      } catch (error) {
        await store.close();
        throw error;
      }
    },
  ],
  [
    'mysql',
    async (url, options) => {
      const { openMysqlEventStore } = await import('./mysql/event-store.js');
      const store = await openMysqlEventStore(url, options);
      return { store, credentials: store.credentials() };
    },
  ],
  ['esdb', openEsdb],
  // A cluster found through gossip (docs/eventstoredb.md, "Clusters").
  ['esdb+discover', openEsdb],
]);

async function openEsdb(url: string, options: EventStoreOptions): Promise<OpenedEventStore> {
  const { openEsdbEventStore } = await import('./esdb/event-store.js');
  const store = await openEsdbEventStore(url, options);
  return { store, credentials: store.credentials() };
}

/**
 * Opens the event store a URL names, with the credential store that goes
 * with it: `sqlite:<path>`, `mysql://user:pass@host:port/db`, `esdb://host:2113?tls=false`,
 * `esdb+discover://a:2113,b:2113,c:2113` (an EventStoreDB cluster).
 * Error messages name the scheme only, never the URL: it may carry a password.
 *
 * The store comes behind the privacy decorator (src/privacy): personal
 * values are sealed on append and opened on read, with the key store that
 * goes with this log, so nothing above the port ever sees a ciphertext.
 */
export async function openEventStore(url: string, options: EventStoreOptions = {}): Promise<OpenedEventStore> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const opener = scheme === undefined ? undefined : openers.get(scheme);
  if (opener === undefined) {
    throw new InvalidInput(msg('store.url.unsupported', { scheme: scheme ?? null }));
  }
  const opened = await opener(url, options);
  try {
    const { withPrivacy } = await import('../privacy/open-private-store.js');
    return { store: await withPrivacy(url, opened.store), credentials: opened.credentials };
  } catch (error) {
    await Promise.allSettled([opened.credentials.close(), opened.store.close()]);
    throw error;
  }
}
