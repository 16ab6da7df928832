/**
 * Where password hashes live: outside the event log. The log is append-only
 * and copied into audits and exports; a hash there could never be erased and
 * would travel with every copy. The log only records that a password changed
 * (who, when); the hash itself is kept here, overwritten on change and deleted
 * with the account.
 *
 * Each hash is stored with a MAC keyed with the audit key over the user id,
 * the hash and the version, in the log, of the credential change that set it
 * (keyed-chain.ts, credentialMac): a hash copied onto another user's row, or
 * an older row put back, is refused at login and reported by `audit verify`.
 */
export interface CredentialStore {
  /** The user's password hash and what its MAC says, or null when none is set. */
  get(userId: string): Promise<StoredCredential | null>;
  /**
   * Sets or replaces the user's password hash, bound to `version`: the
   * version, in the credential log's stream, of the event that records this
   * change (written before the hash).
   */
  set(userId: string, passwordHash: string, version: number): Promise<void>;
  /** Forgets the user's password hash; nothing happens when there is none. */
  delete(userId: string): Promise<void>;
  close(): Promise<void>;
}

export interface StoredCredential {
  readonly passwordHash: string;
  /**
   * - `bound`: its MAC holds for this user, this hash and `version`;
   * - `unbound`: it has no MAC, or one made for another user, hash or version
   *   (a copied, restored or forged row);
   * - `unkeyed`: the log was written before the keyed chain and has not
   *   switched over yet, so no credential carries a MAC.
   */
  readonly binding: 'bound' | 'unbound' | 'unkeyed';
  /** The version the MAC names; null unless `bound`. */
  readonly version: number | null;
}
