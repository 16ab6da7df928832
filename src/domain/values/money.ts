import { InvalidInput } from '../../errors.js';
import { msg } from '../../i18n/message.js';

/** Amounts are integer cents everywhere; this is the one place that parses and formats them. */
export type Cents = number;

const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1500", "1500.5", "1500.50" -> 150050. At most two decimals; no sign, no exponent, no separators. */
export function parseAmount(input: string, field = 'amount'): Cents {
  const match = AMOUNT.exec(input.trim());
  if (!match) throw new InvalidInput(msg('values.amount.invalid', { field, input: truncate(input) }));
  const units = Number(match[1]);
  const decimals = (match[2] ?? '').padEnd(2, '0');
  return units * 100 + Number(decimals);
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
