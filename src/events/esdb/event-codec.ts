/**
 * How one event of the log is stored in EventStoreDB, and read back.
 *
 * - id: the NewEvent's id (a UUID, deterministic per command), so the server
 *   recognises a retried append;
 * - type: the event type; data: the payload as JSON (content type application/json);
 * - metadata (JSON): `{actor, at, commandId, schemaVersion, prevHash, hash}`;
 * - version = stream revision + 1 (revisions are 0-based, versions 1-based);
 * - position: see position.ts.
 *
 * Which events belong to the log: every event except EventStoreDB's own
 * (a stream or an event type starting with `$`: stream metadata, statistics,
 * links) and the credential streams (credential-store.ts).
 */

import type { AllStreamResolvedEvent, EventData, ResolvedEvent } from '@eventstore/db-client';
import { jsonEvent } from '@eventstore/db-client';
import { BackendUnavailable, InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { ActorRole, ChainLink, JsonObject, NewEvent, RecordedEvent, StoredEvent } from '../event-store.js';
import { instantOf } from '../keyed-chain.js';
import { type PreparedEvent, prepareEvent } from '../prepared-event.js';
import { eventPosition } from './position.js';

/** The streams that hold password hashes, one per user; never part of the log. */
export const CREDENTIALS_STREAM_PREFIX = 'credentials-';

/** The streams that hold the clients' keys (src/privacy/esdb-key-store.ts); never part of the log. */
export const KEYS_STREAM_PREFIX = 'subject-key-';

/** True for the events of the log; false for system events, credentials and keys. */
export function isLogEvent(streamId: string, type: string): boolean {
  return !type.startsWith('$') && isLogStream(streamId);
}

/** True when a stream name may hold events of the log. */
export function isLogStream(streamId: string): boolean {
  return (
    streamId !== '' &&
    !streamId.startsWith('$') &&
    !streamId.startsWith(CREDENTIALS_STREAM_PREFIX) &&
    !streamId.startsWith(KEYS_STREAM_PREFIX)
  );
}

export type { PreparedEvent };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The shared preparation (src/events/prepared-event.ts), after EventStoreDB's
 * own limits: the id a UUID, the only ids it accepts, and a type that is not
 * empty or `$`-reserved (InvalidInput).
 */
export function prepareEsdbEvent(event: NewEvent, index: number): PreparedEvent {
  if (!UUID.test(event.id)) throw new InvalidInput(msg('store.esdb.idNotUuid', { index, type: event.type, id: event.id }));
  if (event.type === '' || event.type.startsWith('$')) {
    throw new InvalidInput(msg('store.esdb.typeReserved', { index, type: event.type }));
  }
  return prepareEvent(event, index);
}

/** What the client sends for one prepared event with its chain link. */
export function toEventData({ event }: PreparedEvent, link: ChainLink): EventData {
  const { actor, at, commandId } = event.metadata;
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: {
      actor: { id: actor.id, role: actor.role },
      at,
      commandId,
      schemaVersion: event.schemaVersion,
      prevHash: link.prevHash,
      hash: link.hash,
    },
  });
}

/** The port's global position of an event read from EventStoreDB (see position.ts for the assumptions it checks). */
export function logPosition(resolved: ResolvedEvent | AllStreamResolvedEvent): number {
  const recorded = eventOf(resolved);
  const position = eventPosition(recorded.position);
  if (position === undefined) {
    throw new BackendUnavailable(msg('store.esdb.noPosition', where(recorded)));
  }
  return position;
}

/** A stored event as the port describes it; BackendUnavailable when it was not written by this adapter. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const position = logPosition(resolved);
  const recorded = eventOf(resolved);
  const data = recorded.data;
  const metadata = recorded.metadata;
  if (!recorded.isJson || !isObject(data) || !isStoredMetadata(metadata)) {
    throw new BackendUnavailable(msg('store.esdb.foreignEvent', where(recorded)));
  }
  return {
    id: recorded.id,
    streamId: recorded.streamId,
    type: recorded.type,
    schemaVersion: metadata.schemaVersion,
    version: Number(recorded.revision) + 1,
    position,
    // The JSON parsed by the client is exactly what was stored.
    data: data as JsonObject,
    metadata: {
      actor: { id: metadata.actor.id, role: metadata.actor.role },
      at: metadata.at,
      commandId: metadata.commandId,
      prevHash: metadata.prevHash,
      hash: metadata.hash,
    },
  };
}

/**
 * An event as stored, for `audit verify`: the data and the metadata (without
 * `schemaVersion`, `prevHash` and `hash`, which have fields of their own) as
 * JSON text, serialized again from what the client parsed, in the stored key
 * order: for what epic wrote, the very texts it chained. Never throws on an
 * event epic did not write: what it cannot read comes out as texts no link
 * holds for.
 */
export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent {
  const position = logPosition(resolved);
  const recorded = eventOf(resolved);
  const { schemaVersion, prevHash, hash, ...rest } = isObject(recorded.metadata) ? recorded.metadata : {};
  const data = recorded.data;
  return {
    position,
    id: recorded.id,
    streamId: recorded.streamId,
    version: Number(recorded.revision) + 1,
    type: recorded.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : -1,
    at: typeof rest.at === 'string' ? instantOf(rest.at) : '',
    metadata: isObject(recorded.metadata) ? JSON.stringify(rest) : '',
    data: recorded.isJson && !(data instanceof Uint8Array) && typeof data !== 'string' ? JSON.stringify(data) : '',
    prevHash: typeof prevHash === 'string' ? prevHash : '',
    hash: typeof hash === 'string' ? hash : '',
  };
}

function eventOf<R extends ResolvedEvent | AllStreamResolvedEvent>(resolved: R): NonNullable<R['event']> {
  const recorded = resolved.event;
  if (recorded === undefined || recorded === null) {
    throw new BackendUnavailable(msg('store.esdb.missingLink'));
  }
  return recorded;
}

/** Which stored event a message is about. */
function where(recorded: { readonly id: string; readonly streamId: string; readonly revision: bigint }) {
  return { eventId: recorded.id, streamId: recorded.streamId, revision: String(recorded.revision) };
}

interface StoredMetadata {
  readonly actor: { readonly id: string; readonly role: ActorRole };
  readonly at: string;
  readonly commandId: string;
  readonly schemaVersion: number;
  readonly prevHash: string;
  readonly hash: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isStoredMetadata(value: unknown): value is StoredMetadata {
  if (!isObject(value) || !isObject(value.actor)) return false;
  const actor = value.actor;
  return (
    typeof actor.id === 'string' &&
    typeof actor.role === 'string' &&
    typeof value.at === 'string' &&
    typeof value.commandId === 'string' &&
    typeof value.schemaVersion === 'number' &&
    typeof value.prevHash === 'string' &&
    typeof value.hash === 'string'
  );
}
