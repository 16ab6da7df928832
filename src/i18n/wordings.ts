import type { Format } from './format.js';

/**
 * What another language gives for an area of the English catalogue (or the
 * whole of it): the same keys, a text for each text, and for each wording a
 * function of the same params, which may use the Format where English does
 * not need it (French quotes a value with `f.quote`, English with JSON).
 * `satisfies Wordings<typeof english>` makes a missing or extra key, or a
 * param the English entry does not give, a compile error.
 */
export type Wordings<T> = {
  readonly [K in keyof T]: T[K] extends (params: infer P, ...rest: never[]) => string ? (params: P, format: Format) => string : string;
};
