/**
 * Password hashes in EventStoreDB, which has no tables: one stream per user,
 * `credentials-<userId>` (names starting with `$` are reserved for the server).
 *
 * - set(): appends `PasswordHashSet {passwordHash, updatedAt}`;
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
import { BACKWARDS, END, jsonEvent } from '@eventstore/db-client';
import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { CredentialStore } from '../credential-store.js';
import type { EsdbConnection } from './connection.js';
import { CREDENTIALS_STREAM_PREFIX } from './event-codec.js';

export const PASSWORD_HASH_SET = 'PasswordHashSet';
export const PASSWORD_HASH_REMOVED = 'PasswordHashRemoved';

export interface EsdbCredentialStoreOptions {
  /** The clock for `updatedAt`; tests pin it. */
  readonly now?: () => Date;
}

export class EsdbCredentialStore implements CredentialStore {
  readonly #connection: EsdbConnection;
  readonly #now: () => Date;

  /** On a connection it does not own: close() leaves it open. */
  constructor(connection: EsdbConnection, options: EsdbCredentialStoreOptions = {}) {
    this.#connection = connection;
    this.#now = options.now ?? (() => new Date());
  }

  async get(userId: string): Promise<string | null> {
    const last = await this.#last(userId);
    if (last?.type !== PASSWORD_HASH_SET) return null;
    const hash = last.data.passwordHash;
    return typeof hash === 'string' ? hash : null;
  }

  async set(userId: string, passwordHash: string): Promise<void> {
    const stream = streamOf(userId);
    // Run again whole if the leader is lost midway: capping twice, or setting the same hash twice, changes nothing.
    await this.#connection.retrying(async () => {
      if ((await this.#last(userId)) === undefined) {
        // Before the first hash, so that a stream never exists without its cap.
        await this.#connection.call(`cap ${stream}`, (client) =>
          client.setStreamMetadata(stream, { maxCount: 1 }, { requiresLeader: true }),
        );
      }
      await this.#write(stream, PASSWORD_HASH_SET, { passwordHash, updatedAt: this.#now().toISOString() });
    });
  }

  async delete(userId: string): Promise<void> {
    const last = await this.#last(userId);
    if (last === undefined || last.type === PASSWORD_HASH_REMOVED) return;
    await this.#write(streamOf(userId), PASSWORD_HASH_REMOVED, { updatedAt: this.#now().toISOString() });
  }

  /** The connection belongs to the event store, which closes it. */
  async close(): Promise<void> {}

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

  async #write(stream: string, type: string, data: Record<string, string>): Promise<void> {
    await this.#connection.call(`write ${stream}`, (client) =>
      client.appendToStream(stream, jsonEvent({ type, data }), { requiresLeader: true }),
    );
  }
}

function streamOf(userId: string): string {
  if (userId === '') throw new InvalidInput(msg('store.esdb.userIdNeeded'));
  return `${CREDENTIALS_STREAM_PREFIX}${userId}`;
}
