/** The one reading of an instant that every adapter and projection shares (src/events/instant.ts). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidInput } from '../../src/errors.js';
import { instantMs, toInstant } from '../../src/events/instant.js';
import { english } from '../support/english.js';

const test = suite('instants');

test('any ISO 8601 date-time becomes toISOString() text; that text is returned as it is', () => {
  assert.is(toInstant('2026-06-04T13:00:00.000Z', 'at'), '2026-06-04T13:00:00.000Z');
  assert.is(toInstant('2026-06-04T13:00:00+02:00', 'at'), '2026-06-04T11:00:00.000Z');
  assert.is(toInstant('2026-06-04T13:00Z', 'at'), '2026-06-04T13:00:00.000Z');
  assert.is(toInstant('2024-02-29T00:00:00.000Z', 'at'), '2024-02-29T00:00:00.000Z');
  // A day past the month's end is not in the canonical form: it goes through Date and rolls over, as before.
  assert.is(toInstant('2026-02-29T00:00:00.000Z', 'at'), '2026-03-01T00:00:00.000Z');
  assert.is(instantMs('2026-06-04T11:00:00.000Z', 'until'), Date.UTC(2026, 5, 4, 11));
});

test('anything else is InvalidInput naming the field, from both functions', () => {
  for (const value of ['', 'yesterday', '2026-13-01T00:00:00.000Z', '2026-06-04T13:00:00.000Zjunk']) {
    for (const read of [toInstant, instantMs]) {
      let error: unknown;
      try {
        read(value, 'start');
      } catch (caught) {
        error = caught;
      }
      assert.instance(error, InvalidInput, `${read.name}(${JSON.stringify(value)})`);
      assert.is(english(error), `start must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
    }
  }
});

test.run();
