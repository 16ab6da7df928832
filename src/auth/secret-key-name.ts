/**
 * Fragments that mark a field as holding a secret wherever they stand in its
 * name, in any case: `newPassword`, `passphrase`, `client_secret`,
 * `sessionToken`, `prevHash`, `apiKey`, `x-auth`. Wide on purpose: a harmless
 * field mistaken for a secret (`monkey`) loses a value in a log, a secret
 * mistaken for a harmless field leaks.
 */
const SECRET_FRAGMENTS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'hash',
  'key',
  'cookie',
  'auth',
  'jwt',
  'bearer',
  'credential',
  'dsn',
  'session',
];

/**
 * The one rule for "this field name says it holds a secret". The command log
 * drops such fields from what it records; the monitor redacts them (and
 * personal data besides) from what it sends.
 */
export function isSecretKeyName(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_FRAGMENTS.some((fragment) => lower.includes(fragment));
}
