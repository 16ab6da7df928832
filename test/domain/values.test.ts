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
  assert.is(formatCents(150050), '1500.50');
  assert.is(formatCents(5), '0.05');
  assert.is(formatCents(0), '0.00');
  // Exact where floating point is not: 0.1 + 0.2.
  assert.is(formatCents(parseAmount('0.1') + parseAmount('0.2')), '0.30');
});

money('refuses what is not a plain amount with at most two decimals', () => {
  for (const bad of ['', '1.234', '-5', '1e3', 'NaN', 'Infinity', '1,50', '12 000', '.5', '5.', '0x10', '99999999999999']) {
    assert.throws(
      () => parseAmount(bad),
      (error: unknown) => error instanceof InvalidInput,
      bad,
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

dates.run();
