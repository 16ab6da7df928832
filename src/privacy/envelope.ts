/**
 * One personal value as stored: AES-256-GCM under its client's key, through
 * node:crypto. The stored JSON keeps the field's place with an object no
 * domain value can be (domain fields are strings, numbers or null):
 *
 *   {"$pii": "<base64 of iv (12) ‖ tag (16) ‖ ciphertext>", "s": "<client id>"}
 *
 * The plaintext is the value's JSON text. The additional authenticated data
 * is the client id and the field's name, so a ciphertext moved to another
 * field or another client does not decrypt. The envelope names its client, so
 * any reader (a stream, the command log, a rebuild) knows which key opens it
 * without knowing the event type.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pooledRandomBytes } from '../domain/values/random-pool.js';
import type { JsonObject, JsonValue } from '../events/event-store.js';

export interface Envelope {
  readonly $pii: string;
  readonly s: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function isEnvelope(value: JsonValue | undefined): value is Envelope & JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $pii?: unknown }).$pii === 'string' &&
    typeof (value as { s?: unknown }).s === 'string'
  );
}

export function seal(key: Buffer, subject: string, field: string, value: JsonValue): Envelope {
  // Copied into the envelope at once (Buffer.concat below; the cipher keeps its own copy).
  const iv = pooledRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${subject}\u0000${field}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $pii: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64'), s: subject };
}

/** The value, or throws when the key, the client or the field is not the one it was sealed with (or a byte changed). */
export function open(key: Buffer, field: string, envelope: Envelope): JsonValue {
  const bytes = Buffer.from(envelope.$pii, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(`${envelope.s}\u0000${field}`, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as JsonValue;
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
