/**
 * Values in readable output (tables, views), as the reader's language writes
 * them, through the invocation's Format (src/i18n/format.ts, Intl): instants
 * in the local time zone (`mer. 10 mars 2027, 11:00`), amounts with the
 * currency (`12 000,00 €`), a contract's state in words (`signé`), phone
 * numbers grouped (`+33 6 12 34 56 78`). `--json` and exports never go
 * through here: they keep ISO 8601 UTC, `"1500.50"` and the phone as typed.
 */
import { parseAmount } from '../domain/values/money.js';
import { groupPhone } from '../i18n/phone.js';
import { currentFormat } from '../i18n/translator.js';
import { t } from './say.js';

/** An instant: `mer. 10 mars 2027, 11:00` / `Wed 10 Mar 2027, 11:00`, in the local time zone; null stays null. */
export function readableDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  if (Number.isNaN(Date.parse(iso))) return iso;
  return currentFormat().dateTime(iso);
}

/** An instant and how far it is from now: `mer. 10 mars 2027, 11:00 (dans 3 jours)`. */
export function readableWhen(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  return t('readable.withRelative', { at: iso });
}

/** A stored amount (`"12000.00"`) with the currency, in the locale's digits: `12 000,00 €`. */
export function readableAmount(amount: string): string {
  return currentFormat().money(parseAmount(amount));
}

/** A contract's state, the same words in lists, views and history: `signé` / `non signé`. */
export function readableSigned(signed: boolean): string {
  return signed ? t('readable.signed') : t('readable.unsigned');
}

/** A phone number grouped as it is read aloud (see groupPhone); null stays null. */
export function readablePhone(phone: string | null): string | null {
  return phone === null ? null : groupPhone(phone);
}
