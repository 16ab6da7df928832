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
 */
export async function openEventStore(url: string, options: EventStoreOptions = {}): Promise<OpenedEventStore> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const opener = scheme === undefined ? undefined : openers.get(scheme);
  if (opener === undefined) {
    throw new InvalidInput(msg('store.url.unsupported', { scheme: scheme ?? null }));
  }
  return opener(url, options);
}
