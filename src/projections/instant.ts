/**
 * An ISO 8601 date-time as `toISOString()` text: UTC, milliseconds, 24
 * characters. Stored this way, instants compare and sort as text on both
 * dialects. A value that is not a date-time is a bug upstream: RangeError.
 */
export function toInstant(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}
