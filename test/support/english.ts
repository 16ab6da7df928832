/**
 * What a domain error says in English, as the CLI words it for an English
 * reader: tests that match a message's wording render it here (an error's
 * `message` is the language-free developer form, its key and params).
 */
import { EpicError } from '../../src/errors.js';
import { isMessage } from '../../src/i18n/message.js';
import { loadTranslator } from '../../src/i18n/translator.js';

const translator = await loadTranslator('en', { timeZone: 'UTC' });

/** The English words of a domain error (or of a message); anything else thrown, its own message. */
export function english(error: unknown): string {
  if (error instanceof EpicError) return translator.render(error.text);
  if (isMessage(error)) return translator.render(error);
  return error instanceof Error ? error.message : String(error);
}
