import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';

/**
 * Instants as the log keeps them (an event's `metadata.at`, a `until` bound,
 * an occasion's start and end in the read tables): ISO 8601 text in
 * `toISOString()` form, UTC with milliseconds, 24 characters. Stored this
 * way, instants compare and sort as text on every backend. One reading of
 * "an ISO 8601 date-time" for every adapter and projection: whatever
 * `Date.parse` reads, and an InvalidInput naming the field for anything else.
 */
export function toInstant(value: string, field: string): string {
  // Already in that form (what the log stores): returned as is, without the Date round trip (a rebuild calls this per event).
  if (isCanonical(value)) return value;
  return new Date(instantMs(value, field)).toISOString();
}

/** The instant `value` names, in epoch milliseconds (what MySQL's `at_ms` and EventStoreDB filters compare). */
export function instantMs(value: string, field: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidInput(msg('values.instant.invalid', { field, input: value }));
  return time;
}

const CANONICAL = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `toISOString()` of the instant `value` names is `value` itself (a day past its month's end is not: it rolls over). */
function isCanonical(value: string): boolean {
  const match = CANONICAL.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0));
}
