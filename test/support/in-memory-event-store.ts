/**
 * An EventStore kept in memory: the fast store for decider, handler and
 * projection tests. It follows the port (src/events/event-store.ts) and the
 * behaviour of the SQLite adapter exactly:
 *
 * - a stream's version is its number of events; the first event has version 1;
 * - global positions are positive, grow with commit order, start after 0;
 * - every expected-version mode is enforced (`WrongExpectedVersion`);
 * - an append is atomic: it records all its events or none;
 * - idempotent retries: when the first event's id is already recorded in the
 *   stream as the start of the same batch (same ids, same order), the append
 *   returns the recorded result, whatever the expected version; an id
 *   recorded elsewhere or in another batch is a `Conflict`;
 * - the per-stream hash chain is the keyed one (`keyedLink` from
 *   GENESIS_HASH, with the test audit key unless another is given), over the
 *   texts as every adapter stores them; a new log, so no switch-over;
 * - events are prepared as every adapter prepares them (prepareEvent: data as
 *   it reads back from JSON, metadata as `{actor: {id, role}, at, commandId}`);
 *   stored events are frozen, so a test cannot change the log by mutating
 *   what it read.
 */
import { Conflict } from '../../src/errors.js';
import type { AuditKey } from '../../src/events/audit-key.js';
import {
  type AppendResult,
  type ChainedFields,
  checkStreamAppends,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent as StoredForm,
  type StreamAppend,
  type StreamHead,
  satisfies,
} from '../../src/events/event-store.js';
import { GENESIS_HASH } from '../../src/events/hash-chain.js';
import { toInstant } from '../../src/events/instant.js';
import { chainedFields, keyedHash } from '../../src/events/keyed-chain.js';
import { type PreparedEvent, prepareEvent } from '../../src/events/prepared-event.js';
import { retriedBatch } from '../../src/events/retried-batch.js';
import { WrongExpectedVersion } from '../../src/events/wrong-expected-version.js';
import { msg } from '../../src/i18n/message.js';
import { TEST_AUDIT_KEY } from './audit-key.js';

export interface InMemoryEventStoreOptions {
  /**
   * Distance between consecutive global positions (default 1). A step above 1
   * leaves gaps, as an auto-increment can after a rollback: consumers must
   * not assume positions are contiguous.
   */
  readonly positionStep?: number;
  /** What `kind` reports (the port has no in-memory kind); default 'sqlite'. */
  readonly kind?: EventStore['kind'];
  /** The audit key of the chain; default the test key. */
  readonly key?: AuditKey;
}

interface StoredEvent {
  readonly event: RecordedEvent;
  /** metadata.at as `toISOString()` text, for `until`. */
  readonly instant: string;
  /** What the chain covers, as an adapter stores it. */
  readonly fields: ChainedFields;
}

export class InMemoryEventStore implements EventStore {
  readonly kind: EventStore['kind'];
  readonly #step: number;
  readonly #key: AuditKey;
  /** The whole log in position order. */
  readonly #log: StoredEvent[] = [];
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #byId = new Map<string, RecordedEvent>();
  #closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    const step = options.positionStep ?? 1;
    if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`positionStep must be a positive integer, got ${step}`);
    this.#step = step;
    this.kind = options.kind ?? 'sqlite';
    this.#key = options.key ?? TEST_AUDIT_KEY;
  }

  async init(): Promise<void> {
    this.#open();
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return this.#appendNow(streamId, events, expected);
  }

  /** All or nothing, as one transaction would: every expected version is checked before anything is recorded. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.#open();
    checkStreamAppends(appends);
    const writing = appends.find((entry) => entry.events.length > 0);
    const retry = writing !== undefined && this.#byId.has(writing.events[0]?.id ?? '');
    if (!retry) {
      for (const { streamId, expected } of appends) {
        const actual = this.#streams.get(streamId)?.length ?? 0;
        if (!satisfies(expected, actual)) throw new WrongExpectedVersion(streamId, expected, actual);
      }
    }
    // Synchronous from here on: nothing else runs between the entries.
    return appends.map(({ streamId, events, expected }) =>
      this.#appendNow(streamId, events, retry && events.length === 0 ? 'any' : expected),
    );
  }

  #appendNow(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): AppendResult {
    this.#open();
    if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
      throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
    }
    const prepared = events.map(prepareEvent);
    const stream = this.#streams.get(streamId) ?? [];
    const head = stream[stream.length - 1]?.event;
    const actual = head?.version ?? 0;

    if (!satisfies(expected, actual)) {
      const retried = this.#recordedBatch(streamId, prepared);
      if (retried) return retried;
      throw new WrongExpectedVersion(streamId, expected, actual);
    }
    // An empty batch only checks the expected version.
    if (prepared.length === 0) return { version: actual, position: head?.position ?? 0, events: [] };

    // Everything is checked and built before anything is recorded: all or nothing.
    const recorded: StoredEvent[] = [];
    const ids = new Set<string>();
    let prevHash = head?.metadata.hash ?? GENESIS_HASH;
    let version = actual;
    let position = this.#headPosition();
    for (const [index, item] of prepared.entries()) {
      const { event, instant } = item;
      const existing = this.#byId.get(event.id);
      if (existing || ids.has(event.id)) {
        if (index === 0) {
          const retried = this.#recordedBatch(streamId, prepared);
          if (retried) return retried;
        }
        throw new Conflict(
          existing
            ? msg('store.eventRecorded', { eventId: event.id, streamId: existing.streamId, version: existing.version })
            : msg('store.eventTwiceInBatch', { eventId: event.id }),
        );
      }
      ids.add(event.id);
      version += 1;
      position += this.#step;
      const fields = chainedFields(item, streamId, version);
      const hash = keyedHash(this.#key, prevHash, fields);
      recorded.push({
        instant,
        fields,
        event: deepFreeze({
          id: event.id,
          streamId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          version,
          position,
          data: event.data,
          metadata: { ...event.metadata, prevHash, hash },
        }),
      });
      prevHash = hash;
    }

    for (const stored of recorded) {
      this.#log.push(stored);
      this.#byId.set(stored.event.id, stored.event);
    }
    this.#streams.set(streamId, [...stream, ...recorded]);
    return { version, position, events: recorded.map((stored) => stored.event) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#open();
    const fromVersion = options.fromVersion ?? 1;
    const until = options.until === undefined ? undefined : toInstant(options.until, 'until');
    const stream = this.#streams.get(streamId) ?? [];
    const selected: RecordedEvent[] = [];
    // Versions are 1..n in order, so the slice starts at index fromVersion - 1.
    for (let index = Math.max(0, fromVersion - 1); index < stream.length; index += 1) {
      // A negative limit means no limit, as in SQLite.
      if (options.limit !== undefined && options.limit >= 0 && selected.length >= options.limit) break;
      const stored = stream[index];
      if (!stored) break;
      if (until !== undefined && stored.instant > until) continue;
      selected.push(stored.event);
    }
    return selected;
  }

  /** `types: []` selects no type, so it returns no events. */
  async readAll({ after, limit, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.#open();
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`readAll: after must be a non-negative integer, got ${after}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
    if (types !== undefined && types.length === 0) return [];
    const wanted = types === undefined ? undefined : new Set(types);
    const selected: RecordedEvent[] = [];
    for (let index = this.#firstIndexAfter(after); index < this.#log.length && selected.length < limit; index += 1) {
      const stored = this.#log[index];
      if (stored && (wanted === undefined || wanted.has(stored.event.type))) selected.push(stored.event);
    }
    return selected;
  }

  async headPosition(): Promise<number> {
    this.#open();
    return this.#headPosition();
  }

  async streamHeads(): Promise<StreamHead[]> {
    this.#open();
    const heads: StreamHead[] = [];
    for (const [streamId, stream] of this.#streams) {
      const head = stream[stream.length - 1]?.event;
      if (head) heads.push({ streamId, version: head.version, hash: head.metadata.hash });
    }
    return heads.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  }

  async readStored({ after, limit }: Pick<ReadAllOptions, 'after' | 'limit'>): Promise<StoredForm[]> {
    this.#open();
    const selected: StoredForm[] = [];
    for (let index = this.#firstIndexAfter(after); index < this.#log.length && selected.length < limit; index += 1) {
      const stored = this.#log[index];
      if (!stored) break;
      const { position, metadata } = stored.event;
      selected.push({ ...stored.fields, position, prevHash: metadata.prevHash, hash: metadata.hash });
    }
    return selected;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  /** Every recorded event in position order (a test convenience, not part of the port). */
  get events(): readonly RecordedEvent[] {
    return this.#log.map((stored) => stored.event);
  }

  #headPosition(): number {
    return this.#log[this.#log.length - 1]?.event.position ?? 0;
  }

  /** Index in the log of the first event whose position is above `after` (binary search: positions grow). */
  #firstIndexAfter(after: number): number {
    let low = 0;
    let high = this.#log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const position = this.#log[middle]?.event.position ?? Number.POSITIVE_INFINITY;
      if (position <= after) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The earlier result of this same batch when it is a retry (src/events/retried-batch.ts); undefined when its first id is new. */
  #recordedBatch(streamId: string, prepared: readonly PreparedEvent[]): AppendResult | undefined {
    const first = prepared[0]?.event.id;
    const at = first === undefined ? undefined : this.#byId.get(first);
    const found = at && {
      streamId: at.streamId,
      events: (this.#streams.get(at.streamId) ?? []).slice(at.version - 1, at.version - 1 + prepared.length).map((stored) => stored.event),
    };
    return retriedBatch(streamId, prepared, found);
  }

  #open(): void {
    if (this.#closed) throw new Error('the in-memory event store is closed');
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
