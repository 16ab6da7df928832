/** Validation of the contact details users and clients carry (docs/cli.md, "Business rules"). */

// Pragmatic address check: one @, no spaces or control characters, a dot in the domain.
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/** Emails compare case-insensitively. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits with optional leading +, spaces, dots and dashes; 7 to 20 digits. */
export function isValidPhone(phone: string): boolean {
  if (!/^\+?[0-9 .-]+$/.test(phone)) return false;
  const digits = phone.replace(/[^0-9]/g, '').length;
  return digits >= 7 && digits <= 20;
}

/** A name is required, printable, and of a sane length. */
export function isValidName(name: string): boolean {
  return name.trim().length > 0 && name.length <= 200 && !/\p{Cc}/u.test(name);
}
