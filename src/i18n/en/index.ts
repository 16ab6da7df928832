/**
 * The English catalogue: every text a person reads, by key. It is the
 * reference: its type is the `Catalog` every other language implements whole
 * (fr/index.ts), so a key missing in one language does not compile. One
 * module per area keeps each short; this one gathers them.
 */
import type { LocaleInfo } from '../locale.js';
import { policy } from './policy.js';

export const catalog = {
  ...policy,
};

export type Catalog = typeof catalog;

export const locale: LocaleInfo = { tag: 'en-GB', quotes: ['“', '”'] };
