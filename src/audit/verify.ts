/**
 * `epic audit verify`: re-computes every stream's hash chain from the raw log
 * (the stored events, never upcast copies) in one pass over the global log,
 * in bounded batches, keeping only each stream's last link in memory. Then
 * compares what it folded with the store's own list of stream heads, and
 * prints a digest of all heads that an auditor keeps outside the system.
 *
 * What a chain catches: an edited event (its hash no longer matches), a
 * reordered or removed event inside a stream (a version gap or a prevHash that
 * is not the previous event's hash). What it cannot catch alone: the removal
 * of a stream's LAST events (the shorter chain is still a valid chain), or a
 * rewrite that recomputes every hash after it. The digest catches both: keep
 * it, and compare it later (`--expect`); any removed, edited or re-hashed
 * event changes some stream's head, hence the digest.
 */
import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent, StreamHead } from '../events/event-store.js';
import { chainHash, GENESIS_HASH } from '../events/hash-chain.js';

export type Problem = 'hash mismatch' | 'prevHash mismatch' | 'version gap' | 'head mismatch';

export interface BrokenLink {
  readonly stream: string;
  /** The version of the first event that does not verify (for a head mismatch: the version the head table names). */
  readonly version: number;
  readonly position: number | null;
  readonly eventId: string | null;
  readonly problem: Problem;
  readonly expected: string;
  readonly actual: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  /** The first broken link of each stream that has one, in stream order. */
  readonly broken: readonly BrokenLink[];
  /** SHA-256 (hex) over the sorted `streamId:version:hash` lines of every stream head. */
  readonly digest: string;
}

interface Link {
  version: number;
  hash: string;
  broken: boolean;
}

export const VERIFY_BATCH = 5_000;

export async function verifyLog(store: EventStore, options: { batchSize?: number } = {}): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH;
  const links = new Map<string, Link>();
  const broken = new Map<string, BrokenLink>();
  let events = 0;

  const check = (event: RecordedEvent): void => {
    events += 1;
    let link = links.get(event.streamId);
    if (!link) {
      link = { version: 0, hash: GENESIS_HASH, broken: false };
      links.set(event.streamId, link);
    }
    if (!link.broken) {
      const problem = firstProblem(event, link);
      if (problem) {
        link.broken = true;
        broken.set(event.streamId, {
          stream: event.streamId,
          version: event.version,
          position: event.position,
          eventId: event.id,
          ...problem,
        });
      }
    }
    // The stored hash is the head, verified or not: the digest names what the log holds.
    link.version = event.version;
    link.hash = event.metadata.hash;
  };

  const head = await store.headPosition();
  for (let after = 0; after < head; ) {
    const batch = await store.readAll({ after, limit: batchSize });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (event.position > head) break;
      check(event);
    }
    after = batch[batch.length - 1]!.position;
  }

  // The store's own heads. A stream that grew since the pass began is read on (and checked) from where the pass stopped.
  const heads = await store.streamHeads();
  const headOf = new Map<string, StreamHead>(heads.map((h) => [h.streamId, h]));
  for (const h of heads) {
    const link = links.get(h.streamId);
    if (!link || h.version > link.version) {
      for (const event of await store.readStream(h.streamId, { fromVersion: (link?.version ?? 0) + 1 })) check(event);
    }
  }
  for (const [streamId, link] of links) {
    const h = headOf.get(streamId);
    if (h && h.version === link.version && h.hash === link.hash) continue;
    if (broken.has(streamId)) continue;
    broken.set(streamId, {
      stream: streamId,
      version: h?.version ?? link.version,
      position: null,
      eventId: null,
      problem: 'head mismatch',
      expected: `head ${link.version}:${link.hash} (from the log)`,
      actual: h ? `head ${h.version}:${h.hash} (head table)` : 'no head in the head table',
    });
  }

  const digest = headsDigest([...links].map(([streamId, link]) => ({ streamId, version: link.version, hash: link.hash })));
  const list = [...broken.values()].sort((a, b) => compare(a.stream, b.stream));
  return { ok: list.length === 0, events, streams: links.size, broken: list, digest };
}

function firstProblem(event: RecordedEvent, link: Link): Pick<BrokenLink, 'problem' | 'expected' | 'actual'> | undefined {
  if (event.version !== link.version + 1) {
    return { problem: 'version gap', expected: `version ${link.version + 1}`, actual: `version ${event.version}` };
  }
  if (event.metadata.prevHash !== link.hash) {
    return { problem: 'prevHash mismatch', expected: link.hash, actual: event.metadata.prevHash };
  }
  const { actor, at, commandId } = event.metadata;
  const recomputed = chainHash(event.metadata.prevHash, event.streamId, event.version, {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: { actor, at, commandId },
  });
  if (recomputed !== event.metadata.hash) {
    return { problem: 'hash mismatch', expected: `${recomputed} (recomputed)`, actual: `${event.metadata.hash} (stored)` };
  }
  return undefined;
}

/** SHA-256 over `streamId:version:hash\n` lines sorted by stream id: the same heads always give the same digest. */
export function headsDigest(heads: readonly StreamHead[]): string {
  const hash = createHash('sha256');
  for (const h of [...heads].sort((a, b) => compare(a.streamId, b.streamId))) hash.update(`${h.streamId}:${h.version}:${h.hash}\n`);
  return hash.digest('hex');
}

/** Code-unit order, the same on every machine (no locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
