/**
 * Password hashes in EventStoreDB, which has no tables: one stream per user,
 * `credentials-<userId>` (names starting with `$` are reserved for the server).
 *
 * - set(): appends `PasswordHashSet {passwordHash, updatedAt, version, mac}`
 *   (`version` and `mac` bind the hash, credential-store.ts; absent in events
 *   written before the keyed chain);
 * - delete(): appends `PasswordHashRemoved {updatedAt}`;
 * - get(): reads the stream's last event.
 *
 * Before a user's first hash is written, the stream gets the metadata
 * `$maxCount: 1`: reads only ever see the last event, and a scavenge removes
 * the older ones from disk, so a replaced or deleted hash does not linger
 * (until the next scavenge it is still in the files: schedule scavenges).
 * The credential streams are not part of the log: readAll, headPosition,
 * streamHeads and followAll skip them, so projections, audits and exports
 * never see a hash. They are still in `$all` for EventStoreDB tools: restrict
 * access to the server as you would to the hashes themselves.
 */
import { BACKWARDS, END, FORWARDS, jsonEvent, type Position, START } from '@eventstore/db-client';
import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { ChainKeeper, CredentialRow } from '../chain-keeper.js';
import type { CredentialStore, StoredCredential } from '../credential-store.js';
import type { EsdbConnection } from './connection.js';
import { CREDENTIALS_STREAM_PREFIX } from './event-codec.js';

export const PASSWORD_HASH_SET = 'PasswordHashSet';
export const PASSWORD_HASH_REMOVED = 'PasswordHashRemoved';

/** Events per `$all` page when the switch-over looks for every credential stream. */
const PAGE_SIZE = 256;

export interface EsdbCredentialStoreOptions {
  /** The event store's chain: the key the MACs are made and checked with. */
  readonly keeper: ChainKeeper;
  /** The clock for `updatedAt`; tests pin it. */
  readonly now?: () => Date;
}

export class EsdbCredentialStore implements CredentialStore {
  readonly #connection: EsdbConnection;
  readonly #keeper: ChainKeeper;
  readonly #now: () => Date;

  /** On a connection it does not own: close() leaves it open. */
  constructor(connection: EsdbConnection, options: EsdbCredentialStoreOptions) {
    this.#connection = connection;
    this.#keeper = options.keeper;
    this.#now = options.now ?? (() => new Date());
  }

  async get(userId: string): Promise<StoredCredential | null> {
    const row = await this.#row(userId);
    if (row === undefined) return null;
    return { passwordHash: row.passwordHash, ...(await this.#keeper.binding(row)) };
  }

  async set(userId: string, passwordHash: string, version: number): Promise<void> {
    const mac = await this.#keeper.credentialMac(userId, version, passwordHash);
    await this.#put(userId, { passwordHash, updatedAt: this.#now().toISOString(), version, mac });
  }

  async delete(userId: string): Promise<void> {
    const last = await this.#last(userId);
    if (last === undefined || last.type === PASSWORD_HASH_REMOVED) return;
    await this.#write(streamOf(userId), PASSWORD_HASH_REMOVED, { updatedAt: this.#now().toISOString() });
  }

  /** The connection belongs to the event store, which closes it. */
  async close(): Promise<void> {}

  /** Every credential held, for the switch-over: the credential streams found in `$all`, each read at its last event. */
  async rows(): Promise<CredentialRow[]> {
    const userIds = new Set<string>();
    let from: 'start' | Position = START;
    for (;;) {
      const page = await this.#connection.collect('look for the credential streams in $all', (client) =>
        client.readAll({ fromPosition: from, maxCount: PAGE_SIZE, direction: FORWARDS, requiresLeader: true }),
      );
      for (const resolved of page) {
        const streamId = resolved.event?.streamId;
        if (streamId?.startsWith(CREDENTIALS_STREAM_PREFIX)) userIds.add(streamId.slice(CREDENTIALS_STREAM_PREFIX.length));
      }
      const last = page[page.length - 1]?.event?.position;
      if (page.length < PAGE_SIZE || last === undefined) break;
      from = last;
    }
    const rows: CredentialRow[] = [];
    for (const userId of [...userIds].sort()) {
      const row = await this.#row(userId);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }

  /** Writes the MACs a switch-over binds (each as a new PasswordHashSet of the same hash). */
  async writeBindings(bindings: readonly { userId: string; passwordHash: string; version: number; mac: string }[]): Promise<void> {
    for (const { userId, passwordHash, version, mac } of bindings) {
      await this.#put(userId, { passwordHash, updatedAt: this.#now().toISOString(), version, mac });
    }
  }

  async #put(userId: string, data: { passwordHash: string; updatedAt: string; version: number; mac: string }): Promise<void> {
    const stream = streamOf(userId);
    // Run again whole if the leader is lost midway: capping twice, or setting the same hash twice, changes nothing.
    await this.#connection.retrying(async () => {
      if ((await this.#last(userId)) === undefined) {
        // Before the first hash, so that a stream never exists without its cap.
        await this.#connection.call(`cap ${stream}`, (client) =>
          client.setStreamMetadata(stream, { maxCount: 1 }, { requiresLeader: true }),
        );
      }
      await this.#write(stream, PASSWORD_HASH_SET, data);
    });
  }

  async #row(userId: string): Promise<CredentialRow | undefined> {
    const last = await this.#last(userId);
    if (last?.type !== PASSWORD_HASH_SET) return undefined;
    const { passwordHash, version, mac } = last.data;
    if (typeof passwordHash !== 'string') return undefined;
    return {
      userId,
      passwordHash,
      version: typeof version === 'number' && Number.isSafeInteger(version) ? version : null,
      mac: typeof mac === 'string' ? mac : null,
    };
  }

  async #last(userId: string): Promise<{ type: string; data: Record<string, unknown> } | undefined> {
    const stream = streamOf(userId);
    const [resolved] = await this.#connection.collect(
      `read ${stream}`,
      // The leader's: a password just changed must not be checked against the one before.
      (client) => client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true }),
      'empty',
    );
    const event = resolved?.event;
    if (event === undefined) return undefined;
    const data = event.data;
    return {
      type: event.type,
      data: typeof data === 'object' && data !== null && !(data instanceof Uint8Array) && !Array.isArray(data) ? data : {},
    };
  }

  async #write(stream: string, type: string, data: Record<string, string | number>): Promise<void> {
    await this.#connection.call(`write ${stream}`, (client) =>
      client.appendToStream(stream, jsonEvent({ type, data }), { requiresLeader: true }),
    );
  }
}

function streamOf(userId: string): string {
  if (userId === '') throw new InvalidInput(msg('store.esdb.userIdNeeded'));
  return `${CREDENTIALS_STREAM_PREFIX}${userId}`;
}
