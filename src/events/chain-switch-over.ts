/**
 * The switch-over of a log written with the plain chain (hash-chain.ts) to
 * the keyed chain (keyed-chain.ts). Nothing is rewritten: the first write of
 * a release with the keyed chain records, once, in the stream `audit-chain`,
 *
 * - `KeyedChainStarted` (version 1): the scheme, the fingerprint of the key
 *   (so a process holding another key refuses to write), how many streams had
 *   plain links and how many credentials were bound;
 * - `LegacyHeadsRecorded` (versions 2…): where each stream's plain chain
 *   ended, `[streamId, version, hash]`, at most HEADS_PER_EVENT an event.
 *
 * From then on, in each stream, the events up to the recorded head verify as
 * plain links and must end with the recorded hash; every later event, and
 * every event of a stream not recorded, must be a keyed link. A forged plain
 * link appended to a stream after the switch-over therefore fails, and so does
 * one inserted into a plain part (the recorded head no longer matches). These
 * events are themselves keyed links of `audit-chain`.
 *
 * A log started by a release with the keyed chain has no such record: every
 * event of it is a keyed link, and its first event says so.
 */
import type { AuditKey } from './audit-key.js';
import type { EventMetadata, NewEvent, RecordedEvent, StreamHead } from './event-store.js';
import { KEYED_CHAIN } from './keyed-chain.js';
import { nameUuid } from './name-uuid.js';

export const CHAIN_STREAM = 'audit-chain';
export const KEYED_CHAIN_STARTED = 'KeyedChainStarted';
export const LEGACY_HEADS_RECORDED = 'LegacyHeadsRecorded';

/** Heads per LegacyHeadsRecorded event: about 100 KB of JSON, well within what every store takes in one event. */
const HEADS_PER_EVENT = 1_000;

/** What a switch-over record says. */
export interface SwitchOver {
  readonly keyFingerprint: string;
  /** Where each stream's plain chain ended; a stream absent here is keyed from its first event. */
  readonly legacyHeads: ReadonlyMap<string, { readonly version: number; readonly hash: string }>;
}

/**
 * The events that record the switch-over of a log whose stream heads are
 * `heads`, caused by the command whose event `trigger` describes (its actor,
 * time and command id go into the record's metadata).
 */
export function switchOverEvents(
  key: AuditKey,
  heads: readonly StreamHead[],
  trigger: EventMetadata,
  credentialsBound: number,
): NewEvent[] {
  const legacy = heads.filter((head) => head.streamId !== CHAIN_STREAM);
  const chunks: (readonly [string, number, string])[][] = [];
  for (let start = 0; start < legacy.length; start += HEADS_PER_EVENT) {
    chunks.push(legacy.slice(start, start + HEADS_PER_EVENT).map((head) => [head.streamId, head.version, head.hash] as const));
  }
  const metadata: EventMetadata = {
    actor: { id: trigger.actor.id, role: trigger.actor.role },
    at: trigger.at,
    commandId: trigger.commandId,
  };
  // Name-based ids: a retried record carries the same ids, and two processes recording at once collide on them.
  const id = (index: number) => nameUuid(`epic keyed chain started\u0000${key.fingerprint}\u0000${index}`);
  return [
    {
      id: id(0),
      type: KEYED_CHAIN_STARTED,
      schemaVersion: 1,
      data: {
        chain: KEYED_CHAIN,
        keyFingerprint: key.fingerprint,
        legacyStreams: legacy.length,
        legacyHeadEvents: chunks.length,
        credentialsBound,
      },
      metadata,
    },
    ...chunks.map(
      (heads, index): NewEvent => ({
        id: id(index + 1),
        type: LEGACY_HEADS_RECORDED,
        schemaVersion: 1,
        data: { heads: heads.map((head) => [...head]) },
        metadata,
      }),
    ),
  ];
}

/** The fingerprint a log's switch-over record names, from its first event; undefined when `first` is not one. */
export function recordedFingerprint(first: RecordedEvent | undefined): string | undefined {
  if (first?.type !== KEYED_CHAIN_STARTED) return undefined;
  const fingerprint = first.data.keyFingerprint;
  return typeof fingerprint === 'string' ? fingerprint : undefined;
}

/**
 * What the events of `audit-chain` record; undefined when the stream does not
 * start with a KeyedChainStarted. Only the LegacyHeadsRecorded events that
 * KeyedChainStarted counts (versions 2 to 1 + legacyHeadEvents) are read, and
 * no head of `audit-chain` itself: a LegacyHeadsRecorded appended later by
 * someone without the key fails its own link, and must not also declare the
 * plain links forged in other streams legacy ones. Heads that are not
 * `[string, number, string]` are skipped: the record's own links say whether
 * it was altered.
 */
export function readSwitchOver(events: readonly RecordedEvent[]): SwitchOver | undefined {
  const keyFingerprint = recordedFingerprint(events[0]);
  if (keyFingerprint === undefined) return undefined;
  const counted = events[0]?.data.legacyHeadEvents;
  const headEvents = typeof counted === 'number' && Number.isSafeInteger(counted) && counted >= 0 ? counted : events.length - 1;
  const legacyHeads = new Map<string, { version: number; hash: string }>();
  for (const event of events.slice(1, 1 + headEvents)) {
    if (event.type !== LEGACY_HEADS_RECORDED) continue;
    const heads = event.data.heads;
    if (!Array.isArray(heads)) continue;
    for (const head of heads) {
      if (!Array.isArray(head)) continue;
      const [streamId, version, hash] = head;
      if (typeof streamId === 'string' && streamId !== CHAIN_STREAM && typeof version === 'number' && typeof hash === 'string') {
        legacyHeads.set(streamId, { version, hash });
      }
    }
  }
  return { keyFingerprint, legacyHeads };
}
