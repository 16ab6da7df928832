import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';

/** A listing's `limit`: a whole number of rows, 0 or more (undefined: no limit). */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new InvalidInput(msg('values.limit.invalid', { limit }));
  }
  return limit;
}
