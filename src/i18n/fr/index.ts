/** Le catalogue français : le même ensemble de clés que l'anglais (en/index.ts), exigé par le compilateur. */
import type { Catalog } from '../en/index.js';
import type { LocaleInfo } from '../locale.js';
import { policy } from './policy.js';

export const catalog = {
  ...policy,
} satisfies Catalog;

// Guillemets with the no-break spaces French typography puts inside them.
export const locale: LocaleInfo = { tag: 'fr-FR', quotes: ['«\u00a0', '\u00a0»'] };
