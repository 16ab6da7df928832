import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDateTime } from '../../src/domain/values/date-time.js';
import { formatCents, parseAmount } from '../../src/domain/values/money.js';
import { InvalidInput } from '../../src/errors.js';

const money = suite('money');

money('parses amounts into integer cents, formats them back with two decimals', () => {
  assert.is(parseAmount('1500'), 150000);
  assert.is(parseAmount('1500.5'), 150050);
  assert.is(parseAmount('1500.50'), 150050);
  assert.is(parseAmount('0.01'), 1);
  // As a French user types them, or copies them from a readable table (no-break spaces).
  assert.is(parseAmount('1500,50'), 150050);
  assert.is(parseAmount('1500,5'), 150050);
  assert.is(parseAmount('1 500,50'), 150050);
  assert.is(parseAmount('12 000'), 1200000);
  assert.is(parseAmount('1\u202f234\u202f567,89'), 123456789);
  assert.is(parseAmount(' 1\u00a0500.50 '), 150050);
  assert.is(formatCents(150050), '1500.50');
  assert.is(formatCents(5), '0.05');
  assert.is(formatCents(0), '0.00');
  // Exact where floating point is not: 0.1 + 0.2.
  assert.is(formatCents(parseAmount('0.1') + parseAmount('0.2')), '0.30');
});

money('refuses what is not a plain amount with at most two decimals', () => {
  for (const bad of [
    '',
    '-5',
    '1e3',
    'NaN',
    'Infinity',
    '.5',
    '5.',
    '0x10',
    '99999999999999',
    '1,500.50',
    '1.500,50',
    '15 00',
    '1  500',
    '12 000 000 000 000',
  ]) {
    assert.throws(
      () => parseAmount(bad),
      (error: unknown) => error instanceof InvalidInput,
      bad,
    );
  }
});

money('an amount with three digits after its one separator is ambiguous, and says so', () => {
  for (const ambiguous of ['1,500', '1.500', '1.234', '12 000,500']) {
    assert.throws(
      () => parseAmount(ambiguous, '--total'),
      (error: unknown) => error instanceof InvalidInput && typeof error.text !== 'string' && error.text.key === 'values.amount.ambiguous',
      ambiguous,
    );
  }
});

money.run();

const dates = suite('date-time');

dates('ISO 8601 with an offset, Z, or none (local time) -> UTC', () => {
  assert.is(parseDateTime('2026-06-04T13:00+02:00'), '2026-06-04T11:00:00.000Z');
  assert.is(parseDateTime('2026-06-04 13:00Z'), '2026-06-04T13:00:00.000Z');
  assert.is(parseDateTime('2026-06-04T13:00:30.5-0130'), '2026-06-04T14:30:30.500Z');
  assert.is(parseDateTime('2026-06-04T13:00'), new Date(2026, 5, 4, 13, 0).toISOString());
  assert.is(parseDateTime('2026-06-04'), new Date(2026, 5, 4).toISOString());
});

dates('refuses impossible dates instead of rolling them over', () => {
  for (const bad of [
    '2026-02-30T10:00',
    '2026-13-01',
    '2026-06-04T24:00',
    '2026-06-04T10:60',
    'tomorrow',
    '04/06/2026',
    '2026-06-04T10:00+15:00',
    '',
  ]) {
    assert.throws(
      () => parseDateTime(bad),
      (error: unknown) => error instanceof InvalidInput,
      bad,
    );
  }
  assert.is(parseDateTime('2028-02-29T00:00Z'), '2028-02-29T00:00:00.000Z');
});

dates('without an offset, a date-time is read in the time zone given, across its changes of offset', () => {
  const paris = { timeZone: 'Europe/Paris' };
  assert.is(parseDateTime('2027-03-10 11:00', 'start', paris), '2027-03-10T10:00:00.000Z', 'winter, UTC+1');
  assert.is(parseDateTime('2027-07-10 11:00', 'start', paris), '2027-07-10T09:00:00.000Z', 'summer, UTC+2');
  assert.is(parseDateTime('2027-03-28 03:00', 'start', paris), '2027-03-28T01:00:00.000Z', 'just after spring forward');
  assert.is(parseDateTime('2027-10-31 04:00', 'start', paris), '2027-10-31T03:00:00.000Z', 'just after fall back');
  assert.is(parseDateTime('2027-03-10 11:00', 'start', { timeZone: 'America/New_York' }), '2027-03-10T16:00:00.000Z');
  assert.is(parseDateTime('2027-03-10T11:00Z', 'start', paris), '2027-03-10T11:00:00.000Z', 'an offset wins over the zone');
});

dates('day first (JJ/MM/AAAA HH:MM) when asked for, as French writes it; never otherwise', () => {
  const french = { dayFirst: true, timeZone: 'Europe/Paris' };
  assert.is(parseDateTime('10/03/2027 11:00', 'start', french), '2027-03-10T10:00:00.000Z');
  assert.is(parseDateTime('10/03/2027 11h00', 'start', french), '2027-03-10T10:00:00.000Z');
  assert.is(parseDateTime('10/03/2027 à 11h', 'start', french), '2027-03-10T10:00:00.000Z');
  assert.is(parseDateTime('1/3/2027 9:05', 'start', french), '2027-03-01T08:05:00.000Z');
  assert.is(parseDateTime('10/03/2027', 'start', french), '2027-03-09T23:00:00.000Z', 'midnight, Paris');
  assert.is(parseDateTime('2027-03-10 11:00', 'start', french), '2027-03-10T10:00:00.000Z', 'ISO 8601 still');
  for (const bad of ['31/02/2027 10:00', '10/13/2027', '10/03/2027 24:00', '10/03/2027 11:60', '10/03/27 11:00', '10/03/2027 11']) {
    assert.throws(
      () => parseDateTime(bad, 'start', french),
      (error: unknown) => error instanceof InvalidInput,
      bad,
    );
  }
  assert.throws(
    () => parseDateTime('10/03/2027 11:00', 'start', { timeZone: 'Europe/Paris' }),
    (error: unknown) => error instanceof InvalidInput,
    'not in English: 03/10 could be either',
  );
});

dates.run();
