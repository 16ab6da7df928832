/**
 * The keyed hash chain: each event's hash is an HMAC-SHA-256, keyed with the
 * audit key, over the previous event's hash and every field the store keeps
 * for the event, as it keeps them (ChainedFields: the JSON texts as stored,
 * the time the store compares `until` with, the stream, the version, the id,
 * the type, the schema version). Someone who can write the store but does not
 * hold the key cannot make an edited, moved or forged event verify: every
 * such change needs a new HMAC.
 *
 * The input is framed so that no two different events give the same bytes:
 * a label naming the scheme, then each text as `<length>:<text>` and each
 * number in decimal followed by a newline.
 *
 * The same key binds each stored password hash to its user and to the
 * version of the credential change in the log (credentialMac).
 */
import type { AuditKey } from './audit-key.js';
import type { ChainedFields, JsonObject } from './event-store.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';
import type { PreparedEvent } from './prepared-event.js';

/** The scheme the links are made with, recorded by the switch-over. */
export const KEYED_CHAIN = 'hmac-sha256/1';

function text(value: string): string {
  return `${value.length}:${value}`;
}

/** hash = HMAC-SHA-256(key, framed prevHash and fields), hex. */
export function keyedHash(key: AuditKey, prevHash: string, fields: ChainedFields): string {
  return key
    .hmac()
    .update(
      `epic-chain/1\n${text(prevHash)}${text(fields.streamId)}${fields.version}\n${text(fields.id)}${text(fields.type)}${fields.schemaVersion}\n${text(fields.at)}${text(fields.metadata)}${text(fields.data)}`,
    )
    .digest('hex');
}

/** The fields of an event prepared for an append, once its stream and version are known. */
export function chainedFields(prepared: PreparedEvent, streamId: string, version: number): ChainedFields {
  const { event } = prepared;
  return {
    id: event.id,
    streamId,
    version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    at: prepared.instant,
    metadata: prepared.metadataJson,
    data: prepared.dataJson,
  };
}

/** The link of one prepared event after `prevHash`. */
export function keyedLink(key: AuditKey, prevHash: string, prepared: PreparedEvent, streamId: string, version: number): string {
  return keyedHash(key, prevHash, chainedFields(prepared, streamId, version));
}

/** True when `hash` is the keyed link of these fields after `prevHash`. */
export function keyedLinkHolds(key: AuditKey, prevHash: string, fields: ChainedFields, hash: string): boolean {
  return keyedHash(key, prevHash, fields) === hash;
}

/**
 * The plain SHA-256 link (hash-chain.ts, the chain before the keyed one) of
 * these stored fields after `prevHash`, and whether the time the store keeps
 * beside the event is the one its metadata says (the plain chain did not
 * cover that copy). Undefined for texts that are not the JSON an event is
 * stored as.
 */
export function plainLink(prevHash: string, fields: ChainedFields): { readonly hash: string; readonly timeMatches: boolean } | undefined {
  const parsed = parseStored(fields);
  if (parsed === undefined) return undefined;
  const { data, metadata } = parsed;
  const hash = chainHash(prevHash, fields.streamId, fields.version, {
    id: fields.id,
    type: fields.type,
    schemaVersion: fields.schemaVersion,
    data,
    metadata: { actor: { id: metadata.actor.id, role: metadata.actor.role }, at: metadata.at, commandId: metadata.commandId },
  });
  return { hash, timeMatches: instantOf(metadata.at) === fields.at };
}

/** True when `hash` is the plain link of these fields after `prevHash`, and their time matches their metadata. */
export function plainLinkHolds(prevHash: string, fields: ChainedFields, hash: string): boolean {
  const link = plainLink(prevHash, fields);
  return link?.timeMatches === true && link.hash === hash;
}

/** True for the first event of a log written before the keyed chain: a plain link from the genesis hash. */
export function isPlainStart(first: (ChainedFields & { readonly prevHash: string; readonly hash: string }) | undefined): boolean {
  return first !== undefined && first.prevHash === GENESIS_HASH && plainLinkHolds(GENESIS_HASH, first, first.hash);
}

interface StoredMetadata {
  readonly actor: { readonly id: string; readonly role: 'gestion' | 'commercial' | 'support' | 'system' };
  readonly at: string;
  readonly commandId: string;
}

function parseStored(fields: ChainedFields): { data: JsonObject; metadata: StoredMetadata } | undefined {
  try {
    const data: unknown = JSON.parse(fields.data);
    const metadata: unknown = JSON.parse(fields.metadata);
    if (!isObject(data) || !isObject(metadata) || !isObject(metadata.actor)) return undefined;
    const actor = metadata.actor;
    if (typeof actor.id !== 'string' || typeof actor.role !== 'string') return undefined;
    if (typeof metadata.at !== 'string' || typeof metadata.commandId !== 'string') return undefined;
    return { data: data as JsonObject, metadata: metadata as unknown as StoredMetadata };
  } catch {
    return undefined; // not JSON: not what epic stores, so no link of either chain holds
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The instant an ISO 8601 text names, in `toISOString()` form; the text itself when it names none. */
export function instantOf(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/**
 * The MAC a stored password hash carries: HMAC-SHA-256 over the user id, the
 * version (in the stream that records credential changes) of the change that
 * set it, and the hash. A hash copied onto another user's row, or an older
 * row put back, no longer matches what the log says.
 */
export function credentialMac(key: AuditKey, userId: string, version: number, passwordHash: string): string {
  return key
    .hmac()
    .update(`epic-credential/1\n${text(userId)}${version}\n${text(passwordHash)}`)
    .digest('hex');
}
