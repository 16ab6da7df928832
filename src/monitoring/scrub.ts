/**
 * What leaves the machine for the monitoring service goes through here,
 * whoever built it: no password, token, secret, session content, or personal
 * data (emails, phone numbers, names) of clients or collaborators.
 *
 * Two nets, both applied to every string of the event: fields whose NAME says
 * they hold something sensitive are replaced whole; values that LOOK sensitive
 * (an email, a phone number, a JWT, a bcrypt hash, credentials in a URL, a
 * long random token, or one of the literal secrets of this installation) are
 * replaced wherever they appear inside a string. Pure: no I/O, no SDK import.
 */

import { isSecretKeyName } from '../auth/secret-key-name.js';

export const REDACTED = '[redacted]';

/** Personal data, by key fragment: a key containing one of these is redacted whole. */
const PERSONAL_IN_KEY = ['email', 'phone'];
/** Personal data, or what may hold anything typed, by key word (camelCase or snake_case parts): `clientName`, `full_name`, `argv`... */
const PERSONAL_KEY_WORDS = new Set([
  'mail',
  'tel',
  'mobile',
  'name',
  'fullname',
  'firstname',
  'lastname',
  'surname',
  'address',
  'company',
  'contact',
  'argv',
  'env',
  'ip',
  'username',
  'hostname',
  'host',
]);

/** A secret (the one rule the command log follows too: src/auth/secret-key-name.ts) or personal data. */
export function isSensitiveKey(key: string): boolean {
  if (isSecretKeyName(key)) return true;
  const lower = key.toLowerCase();
  if (PERSONAL_IN_KEY.some((fragment) => lower.includes(fragment))) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => PERSONAL_KEY_WORDS.has(word));
}

const VALUE_PATTERNS: readonly [RegExp, string | ((match: string) => string)][] = [
  // Credentials inside a URL (mysql://user:pass@host): keep the scheme and host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, '$1[redacted]@'],
  [/\beyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g, '[jwt]'],
  [/\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g, '[bcrypt-hash]'],
  [/\bBearer\s+\S+/gi, 'Bearer [redacted]'],
  // Quoted literals in messages are often values someone typed (`Duplicate entry 'Kevin Casey'`), and a
  // name cannot be recognized by its shape: whatever a message quotes is withheld, except a lower-case
  // identifier (`reading 'clientId'`), which is what makes a TypeError worth reading.
  [
    /'[^'\n]{1,200}'|"[^"\n]{1,200}"|`[^`\n]{1,200}`/g,
    (match) => (/^.[a-z_$][\w$]*.$/.test(match) ? match : `${match[0]}${REDACTED}${match[0]}`),
  ],
  [/[^\s@"'<>()[\]{},;:]+@[^\s@"'<>()[\]{},;:]+\.[a-z]{2,}/gi, '[email]'],
  // Phone numbers: 7 to 20 digits with + ( ) spaces dots dashes, not glued to a word (hex ids stay).
  [
    /(?<![\w.+-])\+?\(?\d[\d\s().-]{5,}\d(?![\w])/g,
    (match) => {
      const digits = match.replace(/\D/g, '').length;
      if (digits < 7 || digits > 20) return match;
      if (/^\d{4}-\d{2}-\d{2}/.test(match)) return match; // a date, not a phone
      return '[phone]';
    },
  ],
];

/** Long random-looking strings (keys, tokens): 32+ base64url characters mixing letters and digits. */
const TOKEN_LIKE = /(?<![\w-])[A-Za-z0-9_-]{32,}={0,2}(?![\w-])/g;

/** Redacts every sensitive-looking value inside a string. */
export function scrubString(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of VALUE_PATTERNS) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out.replace(TOKEN_LIKE, (match) => (/[0-9]/.test(match) && /[A-Za-z]/.test(match) ? '[token]' : match));
}

/** Walks any JSON-like value: sensitive keys are redacted, every string is scrubbed. */
export function scrubValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 20) return REDACTED; // deeper than any event we build: refuse rather than guess
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) ? REDACTED : scrubValue(item, secrets, depth + 1);
  }
  return out;
}

/**
 * Fields of a Sentry event that carry the SDK's own identifiers and settings
 * (ids, timestamps, SDK name, environment, release): left as they are, since
 * the token and phone patterns would mangle hex ids. Everything else — message,
 * exception values, extra, contexts, tags, breadcrumbs, user — is walked.
 */
const STRUCTURAL = new Set([
  'event_id',
  'timestamp',
  'start_timestamp',
  'platform',
  'level',
  'logger',
  'environment',
  'release',
  'dist',
  'sdk',
  'type',
  'fingerprint',
  // The SDK's in-process bookkeeping (scopes, capture state): removed before the envelope is written.
  'sdkProcessingMetadata',
]);
/** Never sent: a CLI serves no HTTP request; the host name identifies a person's machine. */
const DROPPED = new Set(['request', 'server_name', 'modules', 'debug_meta']);

/** Returns a scrubbed copy of a Sentry event (error, message or transaction). */
export function scrubEvent<E extends object>(event: E, secrets: readonly string[] = []): E {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (DROPPED.has(key) || value === undefined) continue;
    if (STRUCTURAL.has(key)) out[key] = value;
    else if (key === 'user') out[key] = scrubUser(value);
    else if (key === 'contexts') out[key] = scrubContexts(value, secrets);
    else if (key === 'exception') out[key] = scrubException(value, secrets);
    else out[key] = scrubValue(value, secrets);
  }
  // Same shape as the input, with strings replaced: the cast only restores the caller's type.
  return out as E;
}

/** Only an opaque id survives: never an email, a name, a username or an IP address. */
function scrubUser(user: unknown): unknown {
  const id = (user as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? { id } : undefined;
}

/** The trace context holds the SDK's hex ids, the runtime context Node's name and version; every other context is walked. */
function scrubContexts(contexts: unknown, secrets: readonly string[]): unknown {
  if (contexts === null || typeof contexts !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(contexts)) {
    if (name === 'trace') out[name] = pick(value, ['trace_id', 'span_id', 'parent_span_id'], /^[0-9a-f]{8,64}$/);
    else if (name === 'runtime') out[name] = pick(value, ['name', 'version'], /^[\w.-]{1,40}$/);
    else if (isSensitiveKey(name)) out[name] = REDACTED;
    else out[name] = scrubValue(value, secrets);
  }
  return out;
}

/** Only the named keys, and only when their value has the expected shape. */
function pick(value: unknown, keys: readonly string[], shape: RegExp): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = (value as Record<string, unknown> | null)?.[key];
    if (typeof item === 'string' && shape.test(item)) out[key] = item;
  }
  return out;
}

/** Exception values and mechanisms are walked; stack frames keep a path relative to the package. */
function scrubException(exception: unknown, secrets: readonly string[]): unknown {
  const scrubbed = scrubValue(exception, secrets) as { values?: { stacktrace?: { frames?: Record<string, unknown>[] } }[] } | undefined;
  for (const value of scrubbed?.values ?? []) {
    for (const frame of value.stacktrace?.frames ?? []) {
      for (const key of ['filename', 'abs_path']) if (typeof frame[key] === 'string') frame[key] = packagePath(frame[key] as string);
      // Source lines and local variables can hold anything a user typed.
      delete frame.vars;
      delete frame.pre_context;
      delete frame.context_line;
      delete frame.post_context;
    }
  }
  return scrubbed;
}

/** `/home/ada/crm/dist/cli/main.js` → `dist/cli/main.js`: the home folder names a person. */
export function packagePath(path: string): string {
  const normalized = path.replace(/^file:\/\//, '').replace(/\\/g, '/');
  if (normalized.startsWith('node:') || !normalized.includes('/')) return normalized;
  for (const anchor of ['/node_modules/', '/dist/', '/src/', '/test/']) {
    const at = normalized.lastIndexOf(anchor);
    if (at >= 0) return `app:///${normalized.slice(at + 1)}`;
  }
  return `app:///${normalized.slice(normalized.lastIndexOf('/') + 1)}`;
}
