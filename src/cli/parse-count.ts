import { truncate } from '../domain/values/money.js';
import { InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';

/** A whole number written in plain digits ("120"), for --attendees and --limit. */
export function parseCount(input: string, option: string): number {
  const text = input.trim();
  if (!/^\d{1,9}$/.test(text)) throw new InvalidInput(msg('cli.input.count', { option, got: truncate(input) }));
  return Number(text);
}
