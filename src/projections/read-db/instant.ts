/**
 * An ISO 8601 date-time as `toISOString()` text: UTC, milliseconds, 24
 * characters. Stored this way, instants compare and sort as text on both
 * dialects. A value that is not a date-time is a bug upstream: RangeError.
 */
export function toInstant(value: string): string {
  // Already in that form (what the log stores): returned as is, without the Date round trip (a rebuild calls this per event).
  if (isCanonical(value)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
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
