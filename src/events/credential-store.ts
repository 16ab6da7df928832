/**
 * Where password hashes live: outside the event log. The log is append-only
 * and copied into audits and exports; a hash there could never be erased and
 * would travel with every copy. The log only records that a password changed
 * (who, when); the hash itself is kept here, overwritten on change and deleted
 * with the account.
 */
export interface CredentialStore {
  /** The user's password hash (bcrypt), or null when none is set. */
  get(userId: string): Promise<string | null>;
  /** Sets or replaces the user's password hash. */
  set(userId: string, passwordHash: string): Promise<void>;
  /** Forgets the user's password hash; nothing happens when there is none. */
  delete(userId: string): Promise<void>;
  close(): Promise<void>;
}
