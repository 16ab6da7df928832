/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage return)
 * as a formula, so a client named `=HYPERLINK(...)` would become a link on the
 * accountant's screen. Exports prefix such a cell with `'`, which spreadsheets
 * read as "this is text".
 *
 * To stay reversible, a cell that already starts with quotes followed by a
 * trigger (`'=x`) gets one more quote too; the import removes exactly one
 * leading quote from a cell of that form. So export -> import gives back the
 * stored value, and a phone `+33 1 23 45 67 89` survives the round trip.
 */
const GUARDED = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}
