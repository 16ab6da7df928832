import { createHmac, createSecretKey, type Hmac, type KeyObject, randomBytes } from 'node:crypto';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';

/** Fewer bytes than this is not a key an attacker cannot guess. */
export const MIN_AUDIT_KEY_BYTES = 32;

/**
 * The key of the keyed hash chain and of the credential MACs
 * (EPIC_AUDIT_KEY, or the `audit.key` file `epic init` writes). The key is
 * its text, trimmed: the file's content and the variable's value are the same
 * key, so a copy of the file can be given as the variable.
 */
export class AuditKey {
  readonly #secret: KeyObject;
  /**
   * A public name for the key: HMAC of a fixed label, 32 hex characters. The
   * switch-over record keeps it, so a process holding another key is told so
   * before it writes a link nobody could verify. It says nothing about the key.
   */
  readonly fingerprint: string;

  private constructor(secret: KeyObject) {
    this.#secret = secret;
    this.fingerprint = createHmac('sha256', secret).update('epic audit key fingerprint').digest('hex').slice(0, 32);
  }

  /** The key a text names; InvalidInput when it is shorter than MIN_AUDIT_KEY_BYTES. `source` names where it came from, for the message. */
  static fromText(text: string, source: string): AuditKey {
    const bytes = Buffer.from(text.trim(), 'utf8');
    if (bytes.length < MIN_AUDIT_KEY_BYTES) throw new InvalidInput(msg('chain.keyTooShort', { source, minBytes: MIN_AUDIT_KEY_BYTES }));
    return new AuditKey(createSecretKey(bytes));
  }

  /** A new random key's text: 32 random bytes, base64url. */
  static generateText(): string {
    return randomBytes(32).toString('base64url');
  }

  /** A fresh HMAC-SHA-256 keyed with this key. */
  hmac(): Hmac {
    return createHmac('sha256', this.#secret);
  }
}

/**
 * Where an event store finds the audit key. Only appends need it (and the
 * checks of credentials and links): a store opened without one reads, and
 * refuses to write.
 */
export interface AuditKeyring {
  /** The configured key; undefined when none is configured. */
  load(): AuditKey | undefined;
  /**
   * Generates a key and keeps it where `load` finds it: called only when no
   * key is configured and the log has none yet (a new log, or one written
   * before the keyed chain, at its switch-over). Two processes creating at
   * once must end up with the same key.
   */
  create(): AuditKey;
}

/** A keyring holding one given key (tests, benchmarks, tools); it never creates one. */
export function fixedKeyring(key: AuditKey): AuditKeyring {
  return {
    load: () => key,
    create: () => key,
  };
}
