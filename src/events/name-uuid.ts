import { createHash } from 'node:crypto';

/**
 * A name-based UUID from SHA-256: the same name always gives the same id, so
 * an append retried with the same names is recognised. Version 8 (RFC 9562,
 * section 5.8; version 5 means SHA-1): the hash's first 128 bits, with the
 * version nibble set to 8 and the variant to 10.
 */
export function nameUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
