import { InvalidInput } from '../../errors.js';

/** A listing's `limit`: a whole number of rows, 0 or more (undefined: no limit). */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new InvalidInput(`limit must be a whole number of 0 or more (got ${limit})`);
  }
  return limit;
}
