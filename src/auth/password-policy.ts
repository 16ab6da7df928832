/**
 * The password policy of docs/cli.md: at least 12 characters, not the email
 * nor containing its local part, not a commonly used password. Pure; throws
 * InvalidInput with the rule broken. Imported only where a password is set
 * (init, user create, user edit --password-stdin, passwd), never at login.
 */
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt ignores what lies beyond. */
export const MAX_PASSWORD_BYTES = 72;

const KEYBOARD_ROWS = [
  '1234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  'abcdefghijklmnopqrstuvwxyz',
];

export function checkPassword(password: string, email: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new InvalidInput(msg('password.tooShort', { min: MIN_PASSWORD_LENGTH }));
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new InvalidInput(msg('password.tooLong', { max: MAX_PASSWORD_BYTES }));
  const folded = password.toLowerCase();
  const address = email.trim().toLowerCase();
  if (folded === address) throw new InvalidInput(msg('password.isEmail'));
  const localPart = address.slice(0, Math.max(0, address.indexOf('@')));
  if (localPart.length > 0 && folded.includes(localPart)) throw new InvalidInput(msg('password.hasLocalPart'));
  if (isCommon(folded)) throw new InvalidInput(msg('password.common'));
}

/** One of the list, or made of one short piece repeated, or a run along a keyboard row or the digits (either way). */
function isCommon(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  const compact = folded.replace(/[\s._-]+/g, '');
  if (COMMON_PASSWORDS.has(compact)) return true;
  for (let size = 1; size <= 4; size++) {
    if (compact.length % size === 0 && compact === compact.slice(0, size).repeat(compact.length / size)) return true;
  }
  return KEYBOARD_ROWS.some((row) => isRunOf(compact, row) || isRunOf(compact, [...row].reverse().join('')));
}

/** Whether `text` walks along `row` (wrapping around), one key after the next. */
function isRunOf(text: string, row: string): boolean {
  const start = row.indexOf(text[0] ?? '');
  if (start === -1) return false;
  return [...text].every((char, i) => row[(start + i) % row.length] === char);
}
