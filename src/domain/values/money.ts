import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';

/** Amounts are integer cents everywhere; this is the one place that parses and formats them. */
export type Cents = number;

/** A space between groups of three digits: as typed, or as Intl writes it (no-break and narrow no-break spaces). */
const GROUP_SPACE = '[ \u00a0\u202f]';
/** Whole units, plain (`12000`) or in groups of three (`12 000`); then a decimal point or comma and one or two digits. */
const AMOUNT = new RegExp(`^(\\d+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+)(?:[.,](\\d{1,2}))?$`);
/** `1,500`, `1.500`, `12 000,500`: thousands in one locale, decimals in another; refused rather than guessed. */
const AMBIGUOUS = new RegExp(`^(\\d+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+)[.,]\\d{3}$`);
const MAX_UNIT_DIGITS = 13;

/**
 * An amount as people type it, in any locale: `1500`, `1500.5`, `1500.50`,
 * `1500,50`, `1 500,50` (spaces only between groups of three) -> 150050
 * cents. At most two decimals; no sign, no exponent, no other separators.
 * Three digits after the one separator (`1,500`) could be 1500 or 1.5: that
 * is refused with its own message.
 */
export function parseAmount(input: string, field = 'amount'): Cents {
  const text = input.trim();
  const match = AMOUNT.exec(text);
  const whole = match?.[1]?.replace(/\D/g, '') ?? '';
  if (!match || whole.length > MAX_UNIT_DIGITS) {
    if (AMBIGUOUS.test(text)) throw new InvalidInput(msg('values.amount.ambiguous', { field, input: truncate(input) }));
    throw new InvalidInput(msg('values.amount.invalid', { field, input: truncate(input) }));
  }
  const decimals = (match[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(decimals);
}

/** 150050 -> "1500.50" */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
