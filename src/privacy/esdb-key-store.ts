import { BACKWARDS, END, FORWARDS, jsonEvent, NO_STREAM, START } from '@eventstore/db-client';
import { Conflict, NotFound } from '../errors.js';
import { EsdbConnection } from '../events/esdb/connection.js';
import { KEYS_STREAM_PREFIX } from '../events/esdb/event-codec.js';
import { newKey } from './envelope.js';
import type { SubjectKeyStore } from './key-store.js';

/**
 * The keys of an EventStoreDB log, which has no tables: one stream per client,
 * `subject-key-<clientId>`, capped with `$maxCount: 1` before its key is
 * written; streams with that prefix are not part of the log (readAll,
 * projections, audits and exports never see them). Forgetting appends
 * `SubjectKeyDestroyed` (the cap hides the key from every read at once, and
 * the next scavenge removes it from disk) and then hard-deletes the stream
 * (Tombstone) where the server allows it. The tombstones of forgotten clients
 * are the events of `subject-key-forgotten`.
 */
const KEY_CREATED = 'SubjectKeyCreated';
const KEY_DESTROYED = 'SubjectKeyDestroyed';
const FORGOTTEN_STREAM = `${KEYS_STREAM_PREFIX}forgotten`;

function streamOf(subject: string): string {
  return `${KEYS_STREAM_PREFIX}${subject}`;
}

export class EsdbKeyStore implements SubjectKeyStore {
  readonly #connection: EsdbConnection;

  private constructor(connection: EsdbConnection) {
    this.#connection = connection;
  }

  static async open(url: string): Promise<EsdbKeyStore> {
    return new EsdbKeyStore(new EsdbConnection(url));
  }

  async keys(subjects: readonly string[], create: boolean): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const forgotten = create ? await this.forgotten() : new Set<string>();
    for (const subject of subjects) {
      let key = await this.#read(subject);
      if (key === 'destroyed') continue;
      if (key === undefined && create && !forgotten.has(subject)) key = await this.#create(subject);
      if (key instanceof Buffer) found.set(subject, key);
    }
    return found;
  }

  async forgotten(): Promise<ReadonlySet<string>> {
    const events = await this.#connection.collect(
      `read ${FORGOTTEN_STREAM}`,
      (client) => client.readStream(FORGOTTEN_STREAM, { direction: FORWARDS, fromRevision: START, requiresLeader: true }),
      'empty',
    );
    const subjects = new Set<string>();
    for (const resolved of events) {
      const data = resolved.event?.data as { subject?: unknown } | undefined;
      if (typeof data?.subject === 'string') subjects.add(data.subject);
    }
    return subjects;
  }

  async forget(subject: string, at: string): Promise<boolean> {
    const already = (await this.forgotten()).has(subject);
    const stream = streamOf(subject);
    const key = await this.#read(subject);
    if (key instanceof Buffer) {
      await this.#connection.call(`destroy ${stream}`, (client) =>
        client.appendToStream(stream, jsonEvent({ type: KEY_DESTROYED, data: { at } }), { requiresLeader: true }),
      );
    }
    if (key !== 'destroyed') {
      try {
        await this.#connection.call(`delete ${stream}`, (client) => client.tombstoneStream(stream, { requiresLeader: true }));
      } catch {
        // A server (or the test double) without the Tombstone call: the cap already hides the key; a scavenge removes it.
      }
    }
    if (!already) {
      await this.#connection.call(`write ${FORGOTTEN_STREAM}`, (client) =>
        client.appendToStream(FORGOTTEN_STREAM, jsonEvent({ type: 'SubjectForgotten', data: { subject, at } }), { requiresLeader: true }),
      );
    }
    return !already;
  }

  /** No prefix look-up in EventStoreDB: a whole id only. */
  async subjectsStartingWith(prefix: string): Promise<string[]> {
    return (await this.#read(prefix)) instanceof Buffer ? [prefix] : [];
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  async #read(subject: string): Promise<Buffer | 'destroyed' | undefined> {
    const stream = streamOf(subject);
    let events: Awaited<ReturnType<EsdbConnection['collect']>>;
    try {
      events = await this.#connection.collect(
        `read ${stream}`,
        (client) => client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true }),
        'empty',
      );
    } catch (error) {
      if (error instanceof NotFound) return 'destroyed';
      throw error;
    }
    const event = (events[0] as { event?: { type: string; data: unknown } } | undefined)?.event;
    if (event === undefined) return undefined;
    if (event.type !== KEY_CREATED) return 'destroyed';
    const key = (event.data as { key?: unknown }).key;
    return typeof key === 'string' ? Buffer.from(key, 'base64') : 'destroyed';
  }

  async #create(subject: string): Promise<Buffer | 'destroyed' | undefined> {
    const stream = streamOf(subject);
    await this.#connection.call(`cap ${stream}`, (client) => client.setStreamMetadata(stream, { maxCount: 1 }, { requiresLeader: true }));
    try {
      await this.#connection.call(`write ${stream}`, (client) =>
        client.appendToStream(stream, jsonEvent({ type: KEY_CREATED, data: { key: newKey().toString('base64') } }), {
          expectedRevision: NO_STREAM,
          requiresLeader: true,
        }),
      );
    } catch (error) {
      // Another process made it first: the key is the one in the stream.
      if (!(error instanceof Conflict)) throw error;
    }
    return this.#read(subject);
  }
}
