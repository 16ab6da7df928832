/**
 * Crypto-shredding as a decorator of the EventStore port (docs/privacy.md):
 * what goes in is sealed, what comes out is opened, and nothing above sees a
 * ciphertext. Below, every adapter stores and chains the sealed JSON as it
 * would any other (the keyed chain covers the stored bytes), so `audit
 * verify` holds whether a key still exists or not.
 *
 * - Events of a client stream (`client-<id>`): the personal fields of their
 *   type (personal-fields.ts) are sealed under that client's key, created on
 *   first need.
 * - `CommandRecorded`: the personal options of its command are sealed under
 *   the key of the client the command concerned — the client whose stream
 *   the command appended to, else the client its `id` argument names — and
 *   the entry says which (`subject`). A command that concerned no client
 *   keeps none of those values (WITHHELD).
 * - Appending `ClientForgotten` destroys the client's key once the event is
 *   stored.
 * - On reads, a value sealed under a destroyed key, and any personal field of
 *   a forgotten client's events written in plain text before encryption (the
 *   redaction every reader applies: the tombstone, or the stream's own
 *   `ClientForgotten`), read as ERASED.
 * - `readStored` hands the stored texts through untouched: what the chain covers.
 * - What this process sealed it reads back without decrypting (B9: an import
 *   opened each value twice, the appended events and the read side's
 *   catch-up): a bounded memo of the plaintexts it sealed, by sealed text,
 *   used only for the client and the field the value was sealed for, while
 *   the client's key is held; forgetting a client drops its entries.
 */
import { BackendUnavailable } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  JsonObject,
  JsonValue,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoredEvent,
  StreamAppend,
  StreamHead,
} from '../events/event-store.js';
import { msg } from '../i18n/message.js';
import { isEnvelope, open, seal } from './envelope.js';
import type { SubjectKeyStore } from './key-store.js';
import { ERASED, PERSONAL_ARGS, personalFieldsOf, WITHHELD } from './personal-fields.js';

const CLIENT_STREAM_PREFIX = 'client-';
const COMMAND_LOG_STREAM = 'command-log';
const FORGOTTEN_TYPE = 'ClientForgotten';
/** Plaintexts kept by the memo of what this process sealed: an import of 10,000 clients seals 40,000 values. */
const SEALED_MEMO_ENTRIES = 65_536;

/** A value this process sealed: for whom, in which field, and its JSON text (what `open` would parse). */
interface Sealed {
  readonly subject: string;
  readonly field: string;
  readonly text: string;
}

function subjectOfStream(streamId: string): string | null {
  return streamId.startsWith(CLIENT_STREAM_PREFIX) ? streamId.slice(CLIENT_STREAM_PREFIX.length) : null;
}

function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null;
}

export class PrivateEventStore implements EventStore {
  readonly kind: EventStore['kind'];
  readonly #inner: EventStore;
  readonly #keys: SubjectKeyStore;
  /** Keys read or made by this process. */
  readonly #cache = new Map<string, Buffer>();
  #forgotten: Set<string> | undefined;
  /** Where the store below has it (the embedded SQLite store): several streams in one transaction. */
  readonly appendBatch?: (appends: readonly StreamAppend[]) => Promise<AppendResult[]>;
  /** Where the store below has it: stream ids are not personal (a client's is its id, an email's holder stream a digest). */
  readonly streamsWithEvents?: (streamIds: readonly string[]) => Promise<ReadonlySet<string>>;
  /** Which client each command of this process appended to, to seal its log entry under that client's key. */
  readonly #subjectOfCommand = new Map<string, string | null>();
  /** What this process sealed, by sealed text (`$pii`), oldest first; at most #memoEntries. */
  readonly #sealed = new Map<string, Sealed>();
  readonly #memoEntries: number;

  constructor(inner: EventStore, keys: SubjectKeyStore, options: { readonly memoEntries?: number } = {}) {
    this.#inner = inner;
    this.#keys = keys;
    this.#memoEntries = options.memoEntries ?? SEALED_MEMO_ENTRIES;
    this.kind = inner.kind;
    const batch = inner.appendBatch?.bind(inner);
    if (batch !== undefined) this.appendBatch = (appends) => this.#appendAll(appends, batch);
    const present = inner.streamsWithEvents?.bind(inner);
    if (present !== undefined) this.streamsWithEvents = present;
    const follower = inner as Partial<Record<'followAll', unknown>>;
    if (typeof follower.followAll === 'function') {
      // The EventStoreDB follower's subscription only says "there is more": nothing personal passes through it.
      Object.assign(this, { followAll: (follower.followAll as (...args: unknown[]) => unknown).bind(inner) });
    }
  }

  /** The key store, for `client forget` and `audit verify`. */
  get keyStore(): SubjectKeyStore {
    return this.#keys;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.#noteCommands(streamId, events);
    const sealed = await this.#seal(streamId, events);
    const result = await this.#inner.append(streamId, sealed, expected);
    await this.#afterAppend(streamId, events);
    return { ...result, events: await this.#openAll(result.events) };
  }

  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.#appendAll(appends, (sealed) => this.#inner.appendMany(sealed));
  }

  /** Several streams in one call: the client streams are noted first, so the command log's entry in the same call is sealed under their key. */
  async #appendAll(appends: readonly StreamAppend[], write: (sealed: StreamAppend[]) => Promise<AppendResult[]>): Promise<AppendResult[]> {
    for (const { streamId, events } of appends) this.#noteCommands(streamId, events);
    // The keys of every client of the call at once: one key-store transaction (one fsync), not one per new client (B9).
    await this.#keysFor(
      appends.flatMap(({ streamId, events }) => {
        const subject = subjectOfStream(streamId);
        return subject !== null && events.some((event) => personalFieldsOf(event.type).some((field) => isSet(event.data[field])))
          ? [subject]
          : [];
      }),
    );
    const sealed: StreamAppend[] = [];
    for (const entry of appends) sealed.push({ ...entry, events: await this.#seal(entry.streamId, entry.events) });
    const results = await write(sealed);
    for (const { streamId, events } of appends) await this.#afterAppend(streamId, events);
    return Promise.all(results.map(async (result) => ({ ...result, events: await this.#openAll(result.events) })));
  }

  /** A stored `ClientForgotten` destroys its client's key. */
  async #afterAppend(streamId: string, events: readonly NewEvent[]): Promise<void> {
    const subject = subjectOfStream(streamId);
    const forgotten = events.find((event) => event.type === FORGOTTEN_TYPE);
    if (subject !== null && forgotten) await this.forgetKey(subject, forgotten.metadata.at);
  }

  #noteCommands(streamId: string, events: readonly NewEvent[]): void {
    const subject = subjectOfStream(streamId);
    if (subject !== null) for (const event of events) this.#noteCommand(event.metadata.commandId, subject);
  }

  /** Destroys a client's key (idempotent); true the first time. */
  async forgetKey(subject: string, at: string): Promise<boolean> {
    this.#cache.get(subject)?.fill(0);
    this.#cache.delete(subject);
    for (const [sealed, value] of this.#sealed) if (value.subject === subject) this.#sealed.delete(sealed);
    (await this.#forgottenSet()).add(subject);
    return this.#keys.forget(subject, at);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.#inner.readStream(streamId, options);
    const subject = subjectOfStream(streamId);
    // A stream that says it was forgotten is redacted whole, whatever the key store holds.
    if (subject !== null && events.some((event) => event.type === FORGOTTEN_TYPE)) (await this.#forgottenSet()).add(subject);
    return this.#openAll(events);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.#openAll(await this.#inner.readAll(options));
  }

  headPosition(): Promise<number> {
    return this.#inner.headPosition();
  }

  streamHeads(): Promise<StreamHead[]> {
    return this.#inner.streamHeads();
  }

  readStored(options: Pick<ReadAllOptions, 'after' | 'limit'>): Promise<StoredEvent[]> {
    return this.#inner.readStored(options);
  }

  async close(): Promise<void> {
    for (const key of this.#cache.values()) key.fill(0);
    this.#cache.clear();
    this.#sealed.clear();
    const results = await Promise.allSettled([this.#inner.close(), this.#keys.close()]);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  #noteCommand(commandId: string, subject: string): void {
    const known = this.#subjectOfCommand.get(commandId);
    // A command that appended to several clients' streams (an import) concerns no single one.
    this.#subjectOfCommand.set(commandId, known === undefined || known === subject ? subject : null);
  }

  async #forgottenSet(): Promise<Set<string>> {
    this.#forgotten ??= new Set(await this.#keys.forgotten());
    return this.#forgotten;
  }

  async #key(subject: string, create: boolean): Promise<Buffer | undefined> {
    const cached = this.#cache.get(subject);
    if (cached !== undefined) return cached;
    const key = (await this.#keys.keys([subject], create)).get(subject);
    if (key !== undefined) this.#cache.set(subject, key);
    return key;
  }

  /** Reads or makes the keys of `subjects` not cached yet, in one call of the key store (a forgotten client gets none). */
  async #keysFor(subjects: readonly string[]): Promise<void> {
    const missing = [...new Set(subjects)].filter((subject) => !this.#cache.has(subject));
    if (missing.length < 2) return;
    for (const [subject, key] of await this.#keys.keys(missing, true)) this.#cache.set(subject, key);
  }

  async #seal(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    const subject = subjectOfStream(streamId);
    const sealed: NewEvent[] = [];
    for (const event of events) {
      if (subject !== null) {
        const fields = personalFieldsOf(event.type).filter((field) => isSet(event.data[field]));
        if (fields.length === 0) {
          sealed.push(event);
          continue;
        }
        const key = await this.#key(subject, true);
        if (key === undefined) throw new BackendUnavailable(msg('privacy.forgottenAppend', { clientId: subject }));
        const data: JsonObject = { ...event.data };
        for (const field of fields) data[field] = this.#sealValue(key, subject, field, data[field] as JsonValue);
        sealed.push({ ...event, data });
      } else if (streamId === COMMAND_LOG_STREAM && event.type === 'CommandRecorded') {
        sealed.push(await this.#sealCommand(event));
      } else {
        sealed.push(event);
      }
    }
    return sealed;
  }

  async #sealCommand(event: NewEvent): Promise<NewEvent> {
    const command = typeof event.data.command === 'string' ? event.data.command : '';
    const args = event.data.args;
    const personal = PERSONAL_ARGS[command] ?? [];
    if (typeof args !== 'object' || args === null || Array.isArray(args)) return event;
    const fields = personal.filter((field) => isSet(args[field]));
    if (fields.length === 0) return event;
    const subject = await this.#subjectOfEntry(String(event.data.commandId ?? event.metadata.commandId), args);
    const key = subject === null ? undefined : await this.#key(subject, true);
    const sealedArgs: JsonObject = { ...args };
    for (const field of fields) {
      sealedArgs[field] =
        subject === null || key === undefined ? WITHHELD : this.#sealValue(key, subject, `args.${field}`, args[field] as JsonValue);
    }
    return { ...event, data: { ...event.data, args: sealedArgs, subject: key === undefined ? null : subject } };
  }

  /** Seals one value and keeps its plaintext in the memo (the oldest entry goes beyond the bound). */
  #sealValue(key: Buffer, subject: string, field: string, value: JsonValue): JsonObject {
    const envelope = seal(key, subject, field, value);
    if (this.#memoEntries > 0) {
      if (this.#sealed.size >= this.#memoEntries) {
        const oldest = this.#sealed.keys().next();
        if (oldest.done !== true) this.#sealed.delete(oldest.value);
      }
      this.#sealed.set(envelope.$pii, { subject, field, text: JSON.stringify(value) });
    }
    return { ...envelope };
  }

  /** The client a log entry concerns: the one its command appended to, else the one its `id` names (a whole id, or a prefix of one only). */
  async #subjectOfEntry(commandId: string, args: JsonObject): Promise<string | null> {
    const appended = this.#subjectOfCommand.get(commandId);
    if (appended !== undefined) return appended;
    const id = args.id;
    if (typeof id !== 'string' || id.length < 4) return null;
    const matches = await this.#keys.subjectsStartingWith(id.toLowerCase(), 2);
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }

  async #openAll(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const forgotten = await this.#forgottenSet();
    // One look-up for the keys a batch needs and this process has not seen yet.
    const wanted = new Set<string>();
    for (const event of events) {
      if (event.type === FORGOTTEN_TYPE) {
        const subject = subjectOfStream(event.streamId);
        if (subject !== null) forgotten.add(subject);
      }
      forEachEnvelope(event, (envelope) => {
        if (!this.#cache.has(envelope.s) && !forgotten.has(envelope.s)) wanted.add(envelope.s);
      });
    }
    if (wanted.size > 0) for (const [subject, key] of await this.#keys.keys([...wanted], false)) this.#cache.set(subject, key);
    return events.map((event) => this.#open(event, forgotten));
  }

  #open(event: RecordedEvent, forgotten: ReadonlySet<string>): RecordedEvent {
    const subject = subjectOfStream(event.streamId);
    if (subject !== null) {
      const fields = personalFieldsOf(event.type);
      if (fields.length === 0) return event;
      const erased = forgotten.has(subject);
      let data: JsonObject | undefined;
      for (const field of fields) {
        const value = event.data[field];
        if (!isSet(value)) continue;
        if (!erased && !isEnvelope(value)) continue;
        data ??= { ...event.data };
        data[field] = erased ? ERASED : this.#openValue(event, field, value as JsonValue);
      }
      return data === undefined ? event : { ...event, data };
    }
    if (event.type !== 'CommandRecorded') return event;
    const args = event.data.args;
    if (typeof args !== 'object' || args === null || Array.isArray(args)) return event;
    const entrySubject = typeof event.data.subject === 'string' ? event.data.subject : null;
    let opened: JsonObject | undefined;
    for (const [field, value] of Object.entries(args)) {
      if (!isEnvelope(value)) continue;
      opened ??= { ...args };
      opened[field] = entrySubject !== null && forgotten.has(entrySubject) ? ERASED : this.#openValue(event, `args.${field}`, value);
    }
    return opened === undefined ? event : { ...event, data: { ...event.data, args: opened } };
  }

  #openValue(event: RecordedEvent, field: string, value: JsonValue): JsonValue {
    if (!isEnvelope(value)) return value;
    const key = this.#cache.get(value.s);
    if (key === undefined) return ERASED;
    // Sealed by this process for this client and this field: what decrypting it would give.
    const sealed = this.#sealed.get(value.$pii);
    if (sealed !== undefined && sealed.subject === value.s && sealed.field === field) return JSON.parse(sealed.text) as JsonValue;
    try {
      return open(key, field, value);
    } catch (error) {
      throw new BackendUnavailable(msg('privacy.unreadable', { eventId: event.id, field }), { cause: error });
    }
  }
}

function forEachEnvelope(event: RecordedEvent, visit: (envelope: { readonly s: string }) => void): void {
  const values = event.type === 'CommandRecorded' ? event.data.args : event.data;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return;
  for (const value of Object.values(values)) if (isEnvelope(value)) visit(value);
}
