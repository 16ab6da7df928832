/** Phone numbers as people read them, whatever they were typed with: shown in views, lists and history. */

/**
 * A phone number grouped the way its country writes it, from its digits
 * alone (whatever spaces, dots or dashes it was typed with):
 * - French numbers: `+33 6 12 34 56 78` (also typed `0033…` or `+33 0…`),
 *   and `06 12 34 56 78` for a national one;
 * - North American ones (`+1`): `+1 212 555 0100`.
 * Any other number is shown as it was typed: grouping it would need each
 * country's numbering plan, and a wrong grouping misleads more than none.
 */
export function groupPhone(phone: string): string {
  const typed = phone.trim();
  const digits = typed.replace(/\D/g, '');
  const international = typed.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : undefined;
  if (international === undefined) return /^0[1-9]\d{8}$/.test(digits) ? pairs(digits) : typed;
  const french = /^330?([1-9]\d{8})$/.exec(international)?.[1];
  if (french !== undefined) return `+33 ${french.slice(0, 1)} ${pairs(french.slice(1))}`;
  if (/^1[2-9]\d{9}$/.test(international)) return `+1 ${international.slice(1, 4)} ${international.slice(4, 7)} ${international.slice(7)}`;
  return typed;
}

function pairs(digits: string): string {
  return (digits.match(/\d{2}/g) ?? []).join(' ');
}
