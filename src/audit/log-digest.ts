/**
 * Digests of the log (`epic audit digest`, `epic audit verify --since`).
 *
 * A digest commits to the whole log up to a position P: for every stream that
 * has an event at or before P, its head there (version, hash, position), plus
 * the number of events up to P and the order they sit in. It is printed as
 * one line to keep outside the system:
 *
 *     epic-digest:1:<P>:<events>:<time, 20261201T093000Z>:<root, 64 hex>
 *
 * where root = SHA-256 of
 *
 *     "epic-digest/1\n" P "\n" events "\n" time "\n" order "\n"
 *     then, one line per stream sorted by id: <length>:<stream id> " " version " " hash " " position "\n"
 *
 * and `order` = SHA-256 over `<position> <length>:<stream id> <version>\n` of
 * every event up to P, in position order. The hashes are the chain's own, so
 * one head commits to every event of its stream up to it.
 *
 * A later log extends the digested one when the same computation over its
 * events up to P gives the same root: every head the digest committed to is
 * still in its stream at the same version with the same hash, no event was
 * inserted at or before P, none removed, none moved. Events after P (every
 * legitimate command since) do not enter it.
 *
 * The root alone cannot say what changed. So the digest is also recorded in
 * the log (stream `audit-digests`: AuditDigestTaken, then its heads in
 * AuditDigestHeads events of at most HEADS_PER_EVENT), and a verify whose root
 * differs compares the heads recorded with today's to name the streams and
 * versions that differ. That record is a keyed link like any other: whoever
 * rewrites the past without the key cannot fake it, and whoever holds the key
 * still cannot make the root kept outside match.
 */
import { createHash, type Hash } from 'node:crypto';
import { InvalidInput } from '../errors.js';
import type { EventActor, NewEvent, RecordedEvent } from '../events/event-store.js';
import { nameUuid } from '../events/name-uuid.js';
import { msg } from '../i18n/message.js';

export const DIGESTS_STREAM = 'audit-digests';
export const AUDIT_DIGEST_TAKEN = 'AuditDigestTaken';
export const AUDIT_DIGEST_HEADS = 'AuditDigestHeads';

const HEADS_PER_EVENT = 1_000;
const FORMAT = /^epic-digest:1:(\d+):(\d+):(\d{8}T\d{6}Z):([0-9a-f]{64})$/i;

/** A stream's head at the digest's position. */
export interface DigestHead {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
  readonly position: number;
}

/** What a digest line says. */
export interface Digest {
  readonly position: number;
  readonly events: number;
  /** When it was taken, `20261201T093000Z`. */
  readonly at: string;
  readonly root: string;
}

/** The digest line. */
export function formatDigest(digest: Digest): string {
  return `epic-digest:1:${digest.position}:${digest.events}:${digest.at}:${digest.root}`;
}

/** Reads a digest line; InvalidInput naming `option` for anything else. */
export function parseDigest(text: string, option: string): Digest {
  const [, position, events, at, root] = FORMAT.exec(text.trim()) ?? [];
  if (position === undefined || events === undefined || at === undefined || root === undefined) {
    throw new InvalidInput(msg('chain.digestMalformed', { option }));
  }
  if (!Number.isSafeInteger(Number(position)) || !Number.isSafeInteger(Number(events)))
    throw new InvalidInput(msg('chain.digestMalformed', { option }));
  return { position: Number(position), events: Number(events), at: at.toUpperCase(), root: root.toLowerCase() };
}

/** An instant in the digest's basic ISO 8601 form, to the second. */
export function digestTime(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A digest's time (`20261201T093000Z`) in the ISO 8601 form JSON shows (`2026-12-01T09:30:00.000Z`). */
export function digestIso(at: string): string {
  return `${at.slice(0, 4)}-${at.slice(4, 6)}-${at.slice(6, 8)}T${at.slice(9, 11)}:${at.slice(11, 13)}:${at.slice(13, 15)}.000Z`;
}

/** The running hash of the log's order up to a position: feed it every event, in position order. */
export class OrderHash {
  readonly #hash: Hash = createHash('sha256');
  add(position: number, streamId: string, version: number): void {
    this.#hash.update(`${position} ${streamId.length}:${streamId} ${version}\n`);
  }
  digest(): string {
    return this.#hash.digest('hex');
  }
}

/** The root over a log's heads at `position` (see the module comment). */
export function digestRoot(header: { position: number; events: number; at: string; order: string }, heads: readonly DigestHead[]): string {
  const hash = createHash('sha256').update(`epic-digest/1\n${header.position}\n${header.events}\n${header.at}\n${header.order}\n`);
  for (const head of [...heads].sort((a, b) => compare(a.streamId, b.streamId))) {
    hash.update(`${head.streamId.length}:${head.streamId} ${head.version} ${head.hash} ${head.position}\n`);
  }
  return hash.digest('hex');
}

/** The events that record a digest (its heads and `order`, the hash of the log's order up to it) in the log, by `actor` under command `commandId` at `at`. */
export function digestRecord(
  digest: Digest,
  record: { readonly heads: readonly DigestHead[]; readonly order: string },
  meta: { actor: EventActor; at: string; commandId: string },
): NewEvent[] {
  const { heads, order } = record;
  const sorted = [...heads].sort((a, b) => compare(a.streamId, b.streamId));
  const chunks: DigestHead[][] = [];
  for (let start = 0; start < sorted.length; start += HEADS_PER_EVENT) chunks.push(sorted.slice(start, start + HEADS_PER_EVENT));
  const metadata = { actor: meta.actor, at: meta.at, commandId: meta.commandId };
  const id = (index: number) => nameUuid(`epic audit digest\u0000${digest.root}\u0000${index}`);
  return [
    {
      id: id(0),
      type: AUDIT_DIGEST_TAKEN,
      schemaVersion: 1,
      data: {
        digest: formatDigest(digest),
        position: digest.position,
        events: digest.events,
        order,
        root: digest.root,
        headEvents: chunks.length,
      },
      metadata,
    },
    ...chunks.map(
      (chunk, index): NewEvent => ({
        id: id(index + 1),
        type: AUDIT_DIGEST_HEADS,
        schemaVersion: 1,
        data: { root: digest.root, heads: chunk.map((head) => [head.streamId, head.version, head.hash, head.position]) },
        metadata,
      }),
    ),
  ];
}

/**
 * What a digest recorded in the log (events of `audit-digests`), found by its
 * root: its heads, number of events and order hash (to check the record
 * against the root kept outside); undefined when the log holds no record of it.
 */
export function recordedHeads(
  events: readonly RecordedEvent[],
  root: string,
): { heads: DigestHead[]; events: number; order: string } | undefined {
  const taken = events.find((event) => event.type === AUDIT_DIGEST_TAKEN && event.data.root === root);
  if (taken === undefined) return undefined;
  const count = taken.data.events;
  const order = taken.data.order;
  const heads: DigestHead[] = [];
  for (const event of events) {
    if (event.type !== AUDIT_DIGEST_HEADS || event.data.root !== root) continue;
    const list = event.data.heads;
    if (!Array.isArray(list)) continue;
    for (const head of list) {
      if (!Array.isArray(head)) continue;
      const [streamId, version, hash, position] = head;
      if (typeof streamId === 'string' && typeof version === 'number' && typeof hash === 'string' && typeof position === 'number') {
        heads.push({ streamId, version, hash, position });
      }
    }
  }
  return { heads, events: typeof count === 'number' ? count : -1, order: typeof order === 'string' ? order : '' };
}

/** How the log up to a digest's position differs from what the digest recorded, stream by stream. */
export type DigestDifference =
  /** Events at or before the digest's position that it did not have, from `version` on. */
  | { readonly kind: 'inserted'; readonly stream: string; readonly version: number }
  /** Events the digest had, gone from `version` on (or moved after its position). */
  | { readonly kind: 'removed'; readonly stream: string; readonly version: number }
  /** Same head version, another hash: an event up to `version` was rewritten with its chain recomputed. */
  | { readonly kind: 'rewritten'; readonly stream: string; readonly version: number }
  /** Same head, at another position. */
  | { readonly kind: 'moved'; readonly stream: string; readonly version: number }
  /** Same heads, but the event at `version` (at or before the position) no longer matches its link: edited with its stored hash kept (its time, say). */
  | { readonly kind: 'edited'; readonly stream: string; readonly version: number };

/** The streams whose heads differ between what a digest recorded and today's log, in stream order. */
export function compareHeads(recorded: readonly DigestHead[], current: readonly DigestHead[]): DigestDifference[] {
  const before = new Map(recorded.map((head) => [head.streamId, head]));
  const now = new Map(current.map((head) => [head.streamId, head]));
  const streams = [...new Set([...before.keys(), ...now.keys()])].sort(compare);
  const differences: DigestDifference[] = [];
  for (const stream of streams) {
    const was = before.get(stream);
    const is = now.get(stream);
    const wasVersion = was?.version ?? 0;
    const isVersion = is?.version ?? 0;
    if (isVersion < wasVersion) differences.push({ kind: 'removed', stream, version: isVersion + 1 });
    else if (isVersion > wasVersion) differences.push({ kind: 'inserted', stream, version: wasVersion + 1 });
    else if (was !== undefined && is !== undefined && was.hash !== is.hash)
      differences.push({ kind: 'rewritten', stream, version: isVersion });
    else if (was !== undefined && is !== undefined && was.position !== is.position)
      differences.push({ kind: 'moved', stream, version: isVersion });
  }
  return differences;
}

/** Code-unit order, the same on every machine (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
