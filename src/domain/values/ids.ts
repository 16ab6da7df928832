import { pooledRandomBytes } from './random-pool.js';

/** Lower-case letters and digits without the look-alikes (0/o, 1/l/i): easy to read aloud and type. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/**
 * The bytes that map onto the alphabet evenly: 248 = 8 × 31. A byte from 248
 * up is drawn again (rejection sampling); folding it with `% 31` would make
 * the first 8 letters come up 9 times in 256 instead of 8, 12% more often.
 */
const UNBIASED_BYTES = 256 - (256 % ALPHABET.length);

/** `size` random bytes; injected by tests. */
type ByteSource = (size: number) => Uint8Array;

/** A short id (10 characters, ~49 bits): unique in practice, and any 4+ character prefix can name it. */
export function newId(length = 10, bytes: ByteSource = pooledRandomBytes): string {
  let id = '';
  while (id.length < length) {
    for (const byte of bytes(length - id.length)) {
      if (byte < UNBIASED_BYTES) id += ALPHABET[byte % ALPHABET.length];
    }
  }
  return id;
}

export const MIN_ID_PREFIX = 4;
