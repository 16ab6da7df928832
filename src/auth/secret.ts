import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { readPrivateFile, writePrivateFile } from '../config/private-files.js';
import { InvalidInput, NotAuthenticated } from '../errors.js';
import { msg } from '../i18n/message.js';

export const MIN_SECRET_BYTES = 32;

export function secretPath(config: Config): string {
  return join(config.home, 'secret.key');
}

/** The HS256 key: EPIC_SECRET, or the key `epic init` generated into EPIC_HOME. */
export function loadSecret(config: Config): Uint8Array {
  if (config.secret !== undefined) {
    const bytes = new TextEncoder().encode(config.secret);
    if (bytes.length < MIN_SECRET_BYTES) throw new InvalidInput(msg('secret.envTooShort', { min: MIN_SECRET_BYTES }));
    return bytes;
  }
  const text = readPrivateFile(secretPath(config), 'secretKey');
  if (text === undefined) throw new NotAuthenticated(msg('secret.missing', { home: config.home }));
  const bytes = Buffer.from(text.trim(), 'base64url');
  if (bytes.length < MIN_SECRET_BYTES) throw new InvalidInput(msg('secret.fileInvalid', { path: secretPath(config) }));
  return new Uint8Array(bytes);
}

/** Creates secret.key (0600) unless EPIC_SECRET is set or a key already exists. */
export function ensureSecret(config: Config): void {
  if (config.secret !== undefined) return;
  if (readPrivateFile(secretPath(config), 'secretKey') !== undefined) return;
  writePrivateFile(secretPath(config), `${randomBytes(48).toString('base64url')}\n`);
}
