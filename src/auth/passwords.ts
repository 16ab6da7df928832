import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';

const MAX_PASSWORD_BYTES = 72; // bcrypt ignores what lies beyond

/** bcrypt work factor; EPIC_BCRYPT_ROUNDS lowers it for tests (never below 4). */
function rounds(): number {
  const fromEnv = Number(process.env.EPIC_BCRYPT_ROUNDS);
  return Number.isInteger(fromEnv) && fromEnv >= 4 && fromEnv <= 15 ? fromEnv : 12;
}

/** The new password must pass `checkPassword` (password-policy.ts) first; this only keeps bcrypt's limit. */
export async function hashPassword(password: string): Promise<string> {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new InvalidInput(msg('password.tooLong', { max: MAX_PASSWORD_BYTES }));
  const bcrypt = await import('bcrypt');
  return bcrypt.default.hash(password, rounds());
}

// A real hash of a random string: checking an unknown email costs as much as a known one.
const DECOY_HASH = '$2b$12$C6UzMDM.H6dfI/f/IKcEeO6Gq7S0T8yuCqA9QXq4qrl8Ewm0ZJ1fS';

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const bcrypt = await import('bcrypt');
  const ok = await bcrypt.default.compare(password, hash ?? DECOY_HASH);
  return ok && hash !== null;
}
