/**
 * Date-times as the user types them in this invocation: ISO 8601 in every
 * language, and `JJ/MM/AAAA HH:MM` in French too, read in the local time
 * zone (TZ) when no offset is given. Amounts need nothing of the language
 * (parseAmount takes a decimal comma or point in every locale).
 */
import { parseDateTime } from '../domain/values/date-time.js';
import { currentFormat, currentLanguage } from '../i18n/translator.js';

/** A typed date-time -> ISO 8601 UTC; refused (exit 2) with the forms this language accepts. */
export function parseTypedDateTime(text: string, option: string): string {
  const { timeZone } = currentFormat();
  return parseDateTime(text, option, { dayFirst: currentLanguage() === 'fr', ...(timeZone !== undefined && { timeZone }) });
}
