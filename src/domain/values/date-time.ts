import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { truncate } from './money.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `10/03/2027 11:00`, `10/03/2027 11h00`, `10/03/2027 11h`, `10/03/2027`: day first, as French writes it. */
const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:(?:\s+|\s*à\s*|T)(\d{1,2})(?::(\d{2})|h(\d{2})?))?$/i;

/** How a date-time the user typed is read beyond ISO 8601. */
export interface DateTimeInput {
  /** Also `JJ/MM/AAAA HH:MM` (day first), as in French; never in English, where `03/10` could be either. */
  readonly dayFirst?: boolean;
  /** The IANA zone a date-time without an offset is in; the process's local zone (TZ) when absent. */
  readonly timeZone?: string;
}

/**
 * ISO 8601 input ("2026-06-04T13:00", "2026-06-04 13:00", with or without an
 * offset; without one, local time) -> ISO 8601 UTC ("2026-06-04T11:00:00.000Z").
 * With `dayFirst`, also "04/06/2026 13:00" (or 13h00), in local time.
 * Impossible dates (2026-02-30, 25:00) are refused, not rolled over.
 */
export function parseDateTime(input: string, field = 'date', options: DateTimeInput = {}): string {
  const text = input.trim();
  const fail = () => new InvalidInput(msg('values.dateTime.invalid', { field, input: truncate(input) }));
  const dayFirst = options.dayFirst === true ? DAY_FIRST.exec(text) : null;
  if (dayFirst) {
    const [, d, mo, y, h = '00', mi, mh] = dayFirst;
    const parts = {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi ?? mh ?? '0'),
      second: 0,
      millis: 0,
    };
    if (!isValidWallClock(parts)) throw fail();
    return new Date(localInstant(parts, options.timeZone)).toISOString();
  }
  const match = ISO.exec(text);
  if (!match) throw fail();
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', offset] = match;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millis: Number(ms.padEnd(3, '0')),
  };
  if (!isValidWallClock(parts)) throw fail();
  const { year, month, day, hour, minute, second, millis } = parts;
  let time: number;
  if (offset === undefined) {
    time = localInstant(parts, options.timeZone);
  } else if (offset === 'Z') {
    time = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  } else {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const offH = Number(digits.slice(0, 2)),
      offM = Number(digits.slice(2));
    if (offH > 14 || offM > 59) throw fail();
    time = Date.UTC(year, month - 1, day, hour, minute, second, millis) - sign * (offH * 60 + offM) * 60_000;
  }
  if (!Number.isFinite(time)) throw fail();
  return new Date(time).toISOString();
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millis: number;
}

function isValidWallClock({ year, month, day, hour, minute, second }: WallClock): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant a wall-clock time names in `timeZone` (the process's zone when
 * absent). The zone's offset is read at the guess and read again at the
 * corrected guess, so a time just after a change of offset lands right; a
 * time that a spring-forward skips comes out an hour later, as `Date` does.
 */
function localInstant(wall: WallClock, timeZone: string | undefined): number {
  const { year, month, day, hour, minute, second, millis } = wall;
  if (timeZone === undefined) return new Date(year, month - 1, day, hour, minute, second, millis).getTime();
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

const zoneClocks = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  let clock = zoneClocks.get(timeZone);
  if (clock === undefined) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneClocks.set(timeZone, clock);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of clock.formatToParts(instant)) part[type] = Number(value);
  const wall = Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}
