import type { EventStore } from '../events/event-store.js';
import { newKey } from './envelope.js';
import { MemoryKeyStore, type SubjectKeyStore } from './key-store.js';
import { PrivateEventStore } from './private-event-store.js';

/** The key store that goes with the log at `url` (EPIC_EVENT_STORE): see each adapter for where. */
export async function openKeyStore(url: string): Promise<SubjectKeyStore> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    if (path === ':memory:') return new MemoryKeyStore(newKey);
    const { SqliteKeyStore, keyStorePath } = await import('./sqlite-key-store.js');
    return new SqliteKeyStore(keyStorePath(path));
  }
  if (scheme === 'mysql') {
    const { MysqlKeyStore } = await import('./mysql-key-store.js');
    return MysqlKeyStore.open(url);
  }
  const { EsdbKeyStore } = await import('./esdb-key-store.js');
  return EsdbKeyStore.open(url);
}

/** The log at `url`, opened, behind the decorator that seals and opens personal values (private-event-store.ts). */
export async function withPrivacy(url: string, store: EventStore): Promise<PrivateEventStore> {
  return new PrivateEventStore(store, await openKeyStore(url));
}
