import { randomBytes, randomFillSync } from 'node:crypto';

/** Bytes drawn from the CSPRNG per refill: one call for hundreds of ids or IVs, not one each (B9). */
const POOL_BYTES = 16 * 1024;
const POOL = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * `size` bytes from the CSPRNG, taken from a pool refilled a whole buffer at
 * a time (short ids, envelope IVs: one `randomBytes` call each was ~8% of an
 * import). Each byte is handed out once. The bytes are a view of the pool,
 * good until the next call: use or copy them at once. A size beyond the pool
 * is drawn on its own.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) return randomBytes(size);
  if (offset + size > POOL_BYTES) {
    randomFillSync(POOL);
    offset = 0;
  }
  const bytes = POOL.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
