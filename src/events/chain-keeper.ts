/**
 * What every adapter does before its first append, and to read a credential:
 * find out how the log is chained and which key writes to it.
 *
 * - The log has a switch-over record (chain-switch-over.ts): it is keyed, and
 *   the record names the key's fingerprint; a process holding another key, or
 *   none, refuses to write.
 * - It has none and is empty: a new log, keyed from its first event; when no
 *   key is configured, one is created (this is how `epic init` gets its key).
 * - It has none and its first event is a plain link: a log written before the
 *   keyed chain. The first append records the switch-over (creating a key
 *   when none is configured) and binds the credentials stored so far.
 *   Unless, with the key at hand, it holds a keyed link anywhere: then it is a
 *   keyed log that someone with write access put a plain link in front of
 *   (a forged event at position 1), to have it taken for a log written before
 *   the keyed chain: one that binds no credential, so that a hash copied onto
 *   another user's row would sign in, and that a switch-over would bless.
 * - Otherwise its first event must be a keyed link with the configured key.
 *
 * The adapter supplies the reads and the switch-over itself, which it makes
 * atomic where it can (one transaction in SQLite and MySQL).
 */
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { AuditKey, AuditKeyring } from './audit-key.js';
import { CHAIN_STREAM, recordedFingerprint } from './chain-switch-over.js';
import type { EventMetadata, RecordedEvent, StoredEvent } from './event-store.js';
import { credentialMac, isPlainStart, keyedLinkHolds } from './keyed-chain.js';

/** Events read at a time while looking for a keyed link. */
const SCAN_BATCH = 1_000;

/**
 * Whether a log whose first event is a plain link holds a keyed link under
 * `key` anywhere: read in position order up to the first one (for a keyed log
 * with a plain link put in front, its second event or so; for a log written
 * before the keyed chain, the whole log, which it is only until its first
 * write switches it over).
 */
export async function holdsKeyedLink(read: (after: number, limit: number) => Promise<StoredEvent[]>, key: AuditKey): Promise<boolean> {
  for (let after = 0; ; ) {
    const batch = await read(after, SCAN_BATCH);
    if (batch.some((event) => keyedLinkHolds(key, event.prevHash, event, event.hash))) return true;
    const last = batch.at(-1);
    if (last === undefined || batch.length < SCAN_BATCH) return false;
    after = last.position;
  }
}

export interface ChainBackend {
  /** The first event of `audit-chain` (the switch-over record), if any. */
  switchOverRecord(): Promise<RecordedEvent | undefined>;
  /** The log as stored, in position order: at most `limit` events after position `after` (0: from the start). */
  readStored(after: number, limit: number): Promise<StoredEvent[]>;
  /**
   * Records the switch-over (switchOverEvents) and binds the credentials held
   * so far (bindLegacyCredentials), atomically where the store allows;
   * nothing when the log has a switch-over record by then.
   */
  switchOver(key: AuditKey, trigger: EventMetadata): Promise<void>;
}

/** A credential as a store keeps it: the hash, and the version and MAC it was bound with (null for a row written before the keyed chain). */
export interface CredentialRow {
  readonly userId: string;
  readonly passwordHash: string;
  readonly version: number | null;
  readonly mac: string | null;
}

export class ChainKeeper {
  readonly #keyring: AuditKeyring | undefined;
  readonly #backend: ChainBackend;
  #writer: Promise<AuditKey> | undefined;
  #keyed = false;

  constructor(keyring: AuditKeyring | undefined, backend: ChainBackend) {
    this.#keyring = keyring;
    this.#backend = backend;
  }

  /**
   * The key appends are chained with. The first call looks at the log (see
   * the module comment) and may record its switch-over, on behalf of the
   * command `trigger` comes from; a failure is not remembered.
   */
  writerKey(trigger: EventMetadata): Promise<AuditKey> {
    this.#writer ??= this.#prepare(trigger).catch((error: unknown) => {
      this.#writer = undefined;
      throw error;
    });
    return this.#writer;
  }

  /** False while the log holds only plain links (written before the keyed chain, not switched over yet). */
  async isKeyed(): Promise<boolean> {
    if (this.#keyed) return true;
    if ((await this.#backend.switchOverRecord()) === undefined && (await this.#looksLegacy(this.#keyring?.load()))) return false;
    this.#keyed = true;
    return true;
  }

  /** The first event as stored; undefined when the log is empty. */
  async #firstStored(): Promise<StoredEvent | undefined> {
    return (await this.#backend.readStored(0, 1))[0];
  }

  /** True for a log (with no switch-over record) written before the keyed chain: a plain first link, and no keyed link under `key` anywhere. */
  async #looksLegacy(key: AuditKey | undefined): Promise<boolean> {
    if (!isPlainStart(await this.#firstStored())) return false;
    return key === undefined || !(await holdsKeyedLink((after, limit) => this.#backend.readStored(after, limit), key));
  }

  /** What a stored credential's MAC says (CredentialStore.get). Needs the key once the log is keyed. */
  async binding(row: CredentialRow): Promise<{ binding: 'bound' | 'unbound' | 'unkeyed'; version: number | null }> {
    if (!(await this.isKeyed())) return { binding: 'unkeyed', version: null };
    const key = this.#configuredKey();
    if (row.version === null || row.mac === null || credentialMac(key, row.userId, row.version, row.passwordHash) !== row.mac) {
      return { binding: 'unbound', version: null };
    }
    return { binding: 'bound', version: row.version };
  }

  /** The MAC of a credential being written (CredentialStore.set), with the key appends use. */
  async credentialMac(userId: string, version: number, passwordHash: string): Promise<string> {
    const key = await this.writerKey({
      actor: { id: 'system', role: 'system' },
      at: new Date().toISOString(),
      commandId: 'credential-store',
    });
    return credentialMac(key, userId, version, passwordHash);
  }

  #configuredKey(): AuditKey {
    const key = this.#keyring?.load();
    if (key === undefined) throw new InvalidInput(msg('chain.noKey'));
    return key;
  }

  async #prepare(trigger: EventMetadata): Promise<AuditKey> {
    const keyring = this.#keyring;
    if (keyring === undefined) throw new InvalidInput(msg('chain.storeWithoutKey'));
    const record = await this.#backend.switchOverRecord();
    if (record !== undefined) return this.#fitting(keyring, record);
    const first = await this.#firstStored();
    if (first === undefined) {
      this.#keyed = true;
      return keyring.load() ?? keyring.create();
    }
    if (await this.#looksLegacy(keyring.load())) {
      const key = keyring.load() ?? keyring.create();
      await this.#backend.switchOver(key, trigger);
      // Ours, or the one another process recorded first: it must name this key too.
      return this.#fitting(keyring, await this.#backend.switchOverRecord(), key);
    }
    const key = keyring.load();
    if (key === undefined) throw new InvalidInput(msg('chain.noKey'));
    // A plain first link here is one put in front of a keyed log (#looksLegacy found a keyed link after it).
    if (!isPlainStart(first) && !keyedLinkHolds(key, first.prevHash, first, first.hash)) throw new InvalidInput(msg('chain.keyDoesNotFit'));
    this.#keyed = true;
    return key;
  }

  /** The configured key (or `key`), once the switch-over record says it is the log's. */
  #fitting(keyring: AuditKeyring, record: RecordedEvent | undefined, key: AuditKey | undefined = keyring.load()): AuditKey {
    const expected = recordedFingerprint(record);
    if (expected === undefined) throw new InvalidInput(msg('chain.recordUnreadable', { stream: CHAIN_STREAM }));
    if (key === undefined) throw new InvalidInput(msg('chain.noKeyFor', { fingerprint: expected }));
    if (key.fingerprint !== expected) throw new InvalidInput(msg('chain.keyMismatch', { expected, actual: key.fingerprint }));
    this.#keyed = true;
    return key;
  }
}

/**
 * The rows to rewrite so that credentials stored before the keyed chain carry
 * a MAC: each row without one, bound to its user's last credential change in
 * the log (`versions`). A row that has a MAC already is left as it is (it was
 * bound by an earlier attempt, or it is not ours to bless), and so is a row
 * whose user has no change in the log: both are checked as they stand.
 */
export function bindLegacyCredentials(
  key: AuditKey,
  rows: readonly CredentialRow[],
  versions: ReadonlyMap<string, number>,
): { userId: string; passwordHash: string; version: number; mac: string }[] {
  const bound: { userId: string; passwordHash: string; version: number; mac: string }[] = [];
  for (const row of rows) {
    const version = versions.get(row.userId);
    if (version === undefined || row.mac !== null) continue;
    bound.push({
      userId: row.userId,
      passwordHash: row.passwordHash,
      version,
      mac: credentialMac(key, row.userId, version, row.passwordHash),
    });
  }
  return bound;
}
