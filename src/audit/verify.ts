/**
 * `epic audit verify`: re-computes every stream's chain from the log as stored
 * (ChainedFields: the texts, never parsed or upcast copies) in one pass over
 * the global log, in bounded batches, keeping only each stream's last link in
 * memory; compares what it folded with the store's own list of stream heads;
 * checks each live user's stored password hash against the log; and, given a
 * digest taken earlier, proves that the log extends the one it described.
 *
 * Which link each event must be (see src/events/chain-switch-over.ts):
 * - in a log that switched over, the events of a stream up to the head the
 *   switch-over recorded are plain links (hash-chain.ts) ending with the
 *   recorded hash; every other event is a keyed link (keyed-chain.ts);
 * - in a log started with the keyed chain, every event is a keyed link;
 * - in a log written before the keyed chain and not switched over yet (no
 *   write since the upgrade), every event is a plain link, checked as before.
 *
 * What the chain catches: an edited event, its time included (its link no
 * longer matches), a forged one (its link needs the key; a plain link where a
 * keyed one is due is named as such), a reordered or removed event inside a
 * stream (a version gap or a prevHash that is not the previous hash). What it
 * cannot catch alone: the removal of a stream's LAST events (the shorter chain
 * is still a chain), or a rewrite by someone who holds the key. A digest kept
 * outside catches both (`--since`, log-digest.ts).
 */
import { createHash } from 'node:crypto';
import { usersAggregate } from '../domain/aggregates.js';
import { fold } from '../domain/decider.js';
import { credentialProblem, credentialVersions } from '../domain/users/credential-versions.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import { InvalidInput } from '../errors.js';
import type { AuditKey } from '../events/audit-key.js';
import { holdsKeyedLink } from '../events/chain-keeper.js';
import { CHAIN_STREAM, readSwitchOver, type SwitchOver } from '../events/chain-switch-over.js';
import type { CredentialStore } from '../events/credential-store.js';
import type { EventStore, StoredEvent, StreamHead } from '../events/event-store.js';
import { GENESIS_HASH } from '../events/hash-chain.js';
import { isPlainStart, keyedHash, plainLink } from '../events/keyed-chain.js';
import { msg } from '../i18n/message.js';
import {
  compare,
  compareHeads,
  DIGESTS_STREAM,
  type Digest,
  type DigestDifference,
  type DigestHead,
  digestRoot,
  OrderHash,
  recordedHeads,
} from './log-digest.js';

export type Problem =
  /** The stored hash is not the event's link: it was edited, or forged without the key. */
  | 'hash mismatch'
  /** A plain SHA-256 link where a keyed one is due: forged without the key, or written by a release before the keyed chain. */
  | 'plain link'
  /** In the plain part of a log: the time kept beside the event is not the one its (hashed) metadata says. */
  | 'time mismatch'
  | 'prevHash mismatch'
  | 'version gap'
  /** The plain part of the stream does not end where the switch-over recorded it did. */
  | 'legacy head mismatch'
  /** The store's list of stream heads disagrees with the events. */
  | 'head mismatch';

export interface BrokenLink {
  readonly stream: string;
  /** The version of the first event that does not verify (for a head mismatch: the version the head table names). */
  readonly version: number;
  readonly position: number | null;
  readonly eventId: string | null;
  readonly problem: Problem;
  /**
   * What was expected and what is stored: hashes, or `version:hash` heads, or
   * versions. A keyed link is never shown (null): printed, it would let whoever
   * reads the report make the edited event verify.
   */
  readonly expected: string | null;
  readonly actual: string | null;
}

/** A live user whose stored password hash is not the one the log says they have. */
export interface CredentialFinding {
  readonly userId: string;
  /** `missing`: no hash stored; `unbound`: no MAC, or one for another user or hash (copied, forged); `stale`: bound to another change (an older row put back). */
  readonly problem: 'missing' | 'unbound' | 'stale';
  /** Where the log records the user's last password change: the stream and its version. */
  readonly stream: string;
  readonly version: number;
  /** For `stale`: the version the stored hash is bound to. */
  readonly boundTo: number | null;
}

export interface SinceReport {
  readonly digest: Digest;
  /** True when the log up to the digest's position is the one the digest described. */
  readonly extends: boolean;
  /** Whether the log holds this digest's record, which names what differs: `altered` when it does not match the digest. */
  readonly record: 'found' | 'missing' | 'altered' | 'not needed';
  /** What differs, stream by stream, first stream first; `reordered` when only the order of events did. */
  readonly differences: readonly (DigestDifference | { readonly kind: 'reordered' })[];
}

export interface VerifyReport {
  readonly ok: boolean;
  /** `keyed`: every link keyed; `switched`: plain links up to the recorded switch-over, keyed ones after; `plain`: written before the keyed chain, not switched over yet. */
  readonly chain: 'keyed' | 'switched' | 'plain';
  readonly events: number;
  readonly streams: number;
  /** Clients forgotten (`ClientForgotten` in their stream): their personal data erased, their chains verified all the same. */
  readonly forgotten: number;
  /** The first broken link of each stream that has one, in stream order. */
  readonly broken: readonly BrokenLink[];
  /** Live users whose stored hash does not verify, by id (empty when the log is not keyed yet: nothing is bound). */
  readonly credentials: readonly CredentialFinding[];
  /** SHA-256 (hex) over the sorted `streamId:version:hash` lines of every stream head (`--expect`). */
  readonly digest: string;
  /** With `since`: whether the log extends that digest's. */
  readonly since?: SinceReport;
  /** With `take`: the digest of the log as read, the heads it commits to and the hash of the log's order (what its record keeps). */
  readonly taken?: { readonly digest: Digest; readonly heads: readonly DigestHead[]; readonly order: string };
}

export interface VerifyOptions {
  readonly batchSize?: number;
  /** The audit key: needed unless the log holds only plain links. */
  readonly key?: AuditKey;
  /** Checks every live user's stored hash (needs the key). */
  readonly credentials?: CredentialStore;
  /** A digest the log must extend. */
  readonly since?: Digest;
  /** Takes the digest of the log as read, stamped with this time (`20261201T093000Z`). */
  readonly take?: string;
}

interface Link {
  version: number;
  hash: string;
  position: number;
  broken: boolean;
}

export const VERIFY_BATCH = 5_000;

/** The event that says a client was forgotten (src/domain/accounts/account-events.ts). */
const FORGOTTEN = 'ClientForgotten';

export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH;
  const switchOver = readSwitchOver(await store.readStream(CHAIN_STREAM));
  const first = (await store.readStored({ after: 0, limit: 1 }))[0];
  // A plain first link does not make a log one written before the keyed chain when it holds a keyed link: it was put in front of it.
  const legacy =
    isPlainStart(first) &&
    (options.key === undefined || !(await holdsKeyedLink((after, limit) => store.readStored({ after, limit }), options.key)));
  const chain = switchOver !== undefined ? 'switched' : legacy ? 'plain' : 'keyed';
  const key = chain === 'plain' || first === undefined ? options.key : keyFor(switchOver, options.key);
  const checker = new ChainChecker(chain, switchOver, key, options);

  let after = 0;
  for (;;) {
    const batch = await store.readStored({ after, limit: batchSize });
    for (const event of batch) checker.check(event);
    const last = batch[batch.length - 1];
    if (last === undefined || batch.length < batchSize) break;
    after = last.position;
  }
  // The store's own heads. A stream that grew since the pass began is read on from where the pass stopped, a few times at most.
  let heads = await store.streamHeads();
  for (let round = 0; round < 3 && checker.behind(heads); round++) {
    for (let batch = await store.readStored({ after: checker.lastPosition, limit: batchSize }); batch.length > 0; ) {
      for (const event of batch) checker.check(event);
      batch = batch.length < batchSize ? [] : await store.readStored({ after: checker.lastPosition, limit: batchSize });
    }
    heads = await store.streamHeads();
  }
  checker.finish(heads);
  if (key !== undefined && checker.keyedChecked > 0 && checker.keyedFailed === checker.keyedChecked && chain === 'keyed') {
    // Not one keyed link holds: the key is not this log's (a tampered log keeps most of its links).
    throw new InvalidInput(msg('chain.keyDoesNotFit'));
  }

  const credentials = chain === 'plain' || options.credentials === undefined ? [] : await checkCredentials(store, options.credentials);
  const since = options.since === undefined ? undefined : await checker.since(store, options.since);
  const taken = options.take === undefined ? undefined : checker.taken(options.take);
  const broken = checker.brokenLinks();
  return {
    ok: broken.length === 0 && credentials.length === 0 && (since?.extends ?? true),
    chain,
    events: checker.events,
    streams: checker.streams,
    forgotten: checker.forgotten.size,
    broken,
    credentials,
    digest: headsDigest(checker.heads()),
    ...(since !== undefined && { since }),
    ...(taken !== undefined && { taken }),
  };
}

/** The key a keyed log needs, once it is known to be the log's (InvalidInput otherwise: a configuration error, not a finding). */
function keyFor(switchOver: SwitchOver | undefined, key: AuditKey | undefined): AuditKey {
  if (key === undefined) {
    throw new InvalidInput(
      switchOver === undefined ? msg('chain.noKey') : msg('chain.noKeyFor', { fingerprint: switchOver.keyFingerprint }),
    );
  }
  if (switchOver !== undefined && switchOver.keyFingerprint !== key.fingerprint) {
    throw new InvalidInput(msg('chain.keyMismatch', { expected: switchOver.keyFingerprint, actual: key.fingerprint }));
  }
  return key;
}

/** The pass over the log: one link per stream, the first problem of each, and what a digest needs. */
class ChainChecker {
  readonly #links = new Map<string, Link>();
  readonly #broken = new Map<string, BrokenLink>();
  readonly #plain: boolean;
  readonly #switchOver: SwitchOver | undefined;
  readonly #key: AuditKey | undefined;
  /** Up to the digest's position: each stream's head there, the number of events and their order. */
  readonly #sincePosition: number | undefined;
  readonly #atSince = new Map<string, DigestHead>();
  readonly #sinceOrder = new OrderHash();
  #sinceEvents = 0;
  /** Of the whole log, for a digest taken now. */
  readonly #takeOrder: OrderHash | undefined;
  events = 0;
  /** The streams that hold a `ClientForgotten`. */
  readonly forgotten = new Set<string>();
  lastPosition = 0;
  keyedChecked = 0;
  keyedFailed = 0;

  constructor(chain: VerifyReport['chain'], switchOver: SwitchOver | undefined, key: AuditKey | undefined, options: VerifyOptions) {
    this.#plain = chain === 'plain';
    this.#switchOver = switchOver;
    this.#key = key;
    this.#sincePosition = options.since?.position;
    this.#takeOrder = options.take === undefined ? undefined : new OrderHash();
  }

  get streams(): number {
    return this.#links.size;
  }

  check(event: StoredEvent): void {
    if (event.position <= this.lastPosition) return; // already read (a stream read on after the pass)
    this.events += 1;
    this.lastPosition = event.position;
    if (event.type === FORGOTTEN) this.forgotten.add(event.streamId);
    let link = this.#links.get(event.streamId);
    if (!link) {
      link = { version: 0, hash: GENESIS_HASH, position: 0, broken: false };
      this.#links.set(event.streamId, link);
    }
    if (!link.broken) {
      const problem = this.#problem(event, link);
      if (problem) {
        link.broken = true;
        this.#broken.set(event.streamId, {
          stream: event.streamId,
          version: event.version,
          position: event.position,
          eventId: event.id,
          ...problem,
        });
      }
    }
    // The stored hash is the head, verified or not: the digests name what the log holds.
    link.version = event.version;
    link.hash = event.hash;
    link.position = event.position;
    if (this.#sincePosition !== undefined && event.position <= this.#sincePosition) {
      this.#sinceEvents += 1;
      this.#sinceOrder.add(event.position, event.streamId, event.version);
      this.#atSince.set(event.streamId, { streamId: event.streamId, version: event.version, hash: event.hash, position: event.position });
    }
    this.#takeOrder?.add(event.position, event.streamId, event.version);
  }

  #problem(event: StoredEvent, link: Link): Pick<BrokenLink, 'problem' | 'expected' | 'actual'> | undefined {
    if (event.version !== link.version + 1) {
      return { problem: 'version gap', expected: String(link.version + 1), actual: String(event.version) };
    }
    if (event.prevHash !== link.hash) return { problem: 'prevHash mismatch', expected: link.hash, actual: event.prevHash };
    const legacyHead = this.#switchOver?.legacyHeads.get(event.streamId);
    if (this.#plain || (legacyHead !== undefined && event.version <= legacyHead.version)) {
      const plain = plainLink(event.prevHash, event);
      if (plain?.hash !== event.hash) return { problem: 'hash mismatch', expected: plain?.hash ?? null, actual: event.hash };
      if (!plain.timeMatches) return { problem: 'time mismatch', expected: null, actual: event.at };
      if (legacyHead !== undefined && event.version === legacyHead.version && event.hash !== legacyHead.hash) {
        return {
          problem: 'legacy head mismatch',
          expected: `${legacyHead.version}:${legacyHead.hash}`,
          actual: `${event.version}:${event.hash}`,
        };
      }
      return undefined;
    }
    this.keyedChecked += 1;
    if (this.#key !== undefined && keyedHash(this.#key, event.prevHash, event) === event.hash) return undefined;
    this.keyedFailed += 1;
    const plain = plainLink(event.prevHash, event);
    return { problem: plain?.hash === event.hash ? 'plain link' : 'hash mismatch', expected: null, actual: event.hash };
  }

  /** True when the store's heads say some stream has events the pass has not read. */
  behind(heads: readonly StreamHead[]): boolean {
    return heads.some((head) => head.version > (this.#links.get(head.streamId)?.version ?? 0));
  }

  /** The checks that need the whole pass: where the plain parts end, and the store's own heads. */
  finish(heads: readonly StreamHead[]): void {
    for (const [stream, recorded] of this.#switchOver?.legacyHeads ?? []) {
      const link = this.#links.get(stream);
      if (this.#broken.has(stream) || (link !== undefined && link.version >= recorded.version)) continue;
      this.#broken.set(stream, {
        stream,
        version: (link?.version ?? 0) + 1,
        position: null,
        eventId: null,
        problem: 'legacy head mismatch',
        expected: `${recorded.version}:${recorded.hash}`,
        actual: link === undefined ? null : `${link.version}:${link.hash}`,
      });
    }
    const headOf = new Map<string, StreamHead>(heads.map((h) => [h.streamId, h]));
    for (const [stream, link] of this.#links) {
      const head = headOf.get(stream);
      if ((head && head.version === link.version && head.hash === link.hash) || this.#broken.has(stream)) continue;
      this.#broken.set(stream, {
        stream,
        version: head?.version ?? link.version,
        position: null,
        eventId: null,
        problem: 'head mismatch',
        expected: `${link.version}:${link.hash}`,
        actual: head ? `${head.version}:${head.hash}` : null,
      });
    }
  }

  brokenLinks(): BrokenLink[] {
    return [...this.#broken.values()].sort((a, b) => compare(a.stream, b.stream));
  }

  heads(): StreamHead[] {
    return [...this.#links].map(([streamId, link]) => ({ streamId, version: link.version, hash: link.hash }));
  }

  /** Whether the log up to the digest's position is the one it described, and if not, what differs. */
  async since(store: EventStore, digest: Digest): Promise<SinceReport> {
    const current = [...this.#atSince.values()];
    const order = this.#sinceOrder.digest();
    const root = digestRoot({ position: digest.position, events: this.#sinceEvents, at: digest.at, order }, current);
    if (root === digest.root) {
      // Every head is the one the digest committed to; an event up to them that fails its own link changed all the same
      // (its time or payload edited, its stored hash kept): the log up to the position is not the one the digest described.
      const edited = this.brokenLinks()
        .filter((b) => b.position !== null && b.position <= digest.position)
        .map((b): DigestDifference => ({ kind: 'edited', stream: b.stream, version: b.version }));
      return { digest, extends: edited.length === 0, record: 'not needed', differences: edited };
    }
    const record = recordedHeads(await store.readStream(DIGESTS_STREAM), digest.root);
    if (record === undefined) return { digest, extends: false, record: 'missing', differences: [] };
    if (
      digestRoot({ position: digest.position, events: record.events, at: digest.at, order: record.order }, record.heads) !== digest.root
    ) {
      return { digest, extends: false, record: 'altered', differences: [] };
    }
    const differences = compareHeads(record.heads, current);
    return { digest, extends: false, record: 'found', differences: differences.length > 0 ? differences : [{ kind: 'reordered' }] };
  }

  /** The digest of the log as read: its last position, its number of events, every stream's head. */
  taken(at: string): { digest: Digest; heads: DigestHead[]; order: string } {
    const heads = [...this.#links].map(([streamId, link]) => ({
      streamId,
      version: link.version,
      hash: link.hash,
      position: link.position,
    }));
    const header = { position: this.lastPosition, events: this.events, at, order: this.#takeOrder?.digest() ?? '' };
    return {
      digest: { position: header.position, events: header.events, at, root: digestRoot(header, heads) },
      heads,
      order: header.order,
    };
  }
}

/** Each live user's stored hash against their last password change in the log. */
async function checkCredentials(store: EventStore, credentials: CredentialStore): Promise<CredentialFinding[]> {
  const events = await store.readStream(USERS_STREAM);
  const users = fold(usersAggregate, events);
  const versions = credentialVersions(events);
  const findings: CredentialFinding[] = [];
  for (const user of Object.values(users.users).sort((a, b) => compare(a.id, b.id))) {
    if (user.deleted) continue;
    const problem = credentialProblem(await credentials.get(user.id), versions.get(user.id));
    if (problem === undefined) continue;
    findings.push({
      userId: user.id,
      problem: problem.kind,
      stream: USERS_STREAM,
      version: problem.logVersion,
      boundTo: problem.kind === 'stale' ? problem.boundTo : null,
    });
  }
  return findings;
}

/** SHA-256 over `streamId:version:hash\n` lines sorted by stream id: the same heads always give the same digest. */
export function headsDigest(heads: readonly StreamHead[]): string {
  const hash = createHash('sha256');
  for (const h of [...heads].sort((a, b) => compare(a.streamId, b.streamId))) hash.update(`${h.streamId}:${h.version}:${h.hash}\n`);
  return hash.digest('hex');
}
