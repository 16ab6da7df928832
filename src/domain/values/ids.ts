import { randomBytes } from 'node:crypto';

/** Lower-case letters and digits without the look-alikes (0/o, 1/l/i): easy to read aloud and type. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A short id (10 characters, ~49 bits): unique in practice, and any 4+ character prefix can name it. */
export function newId(length = 10): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export const MIN_ID_PREFIX = 4;
