import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import { truncate } from './money.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO 8601 input ("2026-06-04T13:00", "2026-06-04 13:00", with or without an
 * offset; without one, local time) -> ISO 8601 UTC ("2026-06-04T11:00:00.000Z").
 * Impossible dates (2026-02-30, 25:00) are refused, not rolled over.
 */
export function parseDateTime(input: string, field = 'date'): string {
  const text = input.trim();
  const match = ISO.exec(text);
  const fail = () => new InvalidInput(msg('values.dateTime.invalid', { field, input: truncate(input) }));
  if (!match) throw fail();
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', offset] = match;
  const year = Number(y),
    month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) throw fail();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) throw fail();
  const millis = Number(ms.padEnd(3, '0'));
  let time: number;
  if (offset === undefined) {
    time = new Date(year, month - 1, day, hour, minute, second, millis).getTime();
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
