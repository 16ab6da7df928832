/**
 * Where the clients' keys live: apart from the events, so that a copy of the
 * log alone never holds a key (docs/privacy.md). One key per client (the
 * "subject"); forgetting a client destroys its key and leaves a tombstone (the
 * client id and when, nothing else), so readers tell "forgotten" from "never
 * had a key" (a client whose events were all written before encryption).
 *
 * Adapters: SQLite (its own file beside events.db), MySQL (its own table),
 * EventStoreDB (a stream per client with $maxCount 1), and one in memory.
 */
export interface SubjectKeyStore {
  /**
   * The keys held for these subjects (a forgotten one has none); with
   * `create`, a subject without a key and not forgotten gets a new one.
   */
  keys(subjects: readonly string[], create: boolean): Promise<ReadonlyMap<string, Buffer>>;
  /** Every forgotten subject. */
  forgotten(): Promise<ReadonlySet<string>>;
  /**
   * Destroys the subject's key for good and records its tombstone; false
   * when it was already forgotten. On SQLite the freed bytes are zeroed
   * (secure_delete) and the WAL checkpointed and truncated before it returns.
   */
  forget(subject: string, at: string): Promise<boolean>;
  /** The subjects holding a key whose id starts with `prefix` (lower case), at most `limit`. */
  subjectsStartingWith(prefix: string, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Keys in memory: for the in-memory event store of the tests, and `sqlite::memory:`. */
export class MemoryKeyStore implements SubjectKeyStore {
  readonly #keys = new Map<string, Buffer>();
  readonly #forgotten = new Set<string>();

  constructor(private readonly newKey: () => Buffer) {}

  async keys(subjects: readonly string[], create: boolean): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const subject of subjects) {
      let key = this.#keys.get(subject);
      if (key === undefined && create && !this.#forgotten.has(subject)) {
        key = this.newKey();
        this.#keys.set(subject, key);
      }
      if (key !== undefined) found.set(subject, key);
    }
    return found;
  }

  async forgotten(): Promise<ReadonlySet<string>> {
    return new Set(this.#forgotten);
  }

  async forget(subject: string): Promise<boolean> {
    const key = this.#keys.get(subject);
    key?.fill(0);
    this.#keys.delete(subject);
    if (this.#forgotten.has(subject)) return false;
    this.#forgotten.add(subject);
    return true;
  }

  async subjectsStartingWith(prefix: string, limit: number): Promise<string[]> {
    return [...this.#keys.keys()].filter((subject) => subject.startsWith(prefix)).slice(0, limit);
  }

  async close(): Promise<void> {}
}
