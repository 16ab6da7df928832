/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage return)
 * as a formula, so a client named `=HYPERLINK(...)` would become a link on the
 * accountant's screen. Exports prefix such a cell with `'`, which spreadsheets
 * read as "this is text" (and show, in a CSV file: hence the exceptions).
 *
 * Two forms are left as they are, because no spreadsheet can run anything in
 * them and both Excel and LibreOffice read them as what they are:
 * - a negative number, `-1500.50` or `-1500,50` (a minus and digits, one
 *   decimal separator): read as the number, as a formula it is the same constant;
 * - a phone number written with spaces, `+33 6 12 34 56 78` (a plus, then
 *   groups of digits separated by single spaces, at least one space).
 * A formula reaches a function, a name, a reference or DDE only through a
 * letter, `(`, `!`, `|`, `:`, `"` or `[`; these forms hold none of them, and
 * no second `+` or `-`, so not even arithmetic (`-2+3`, `+33-6-12`) is
 * possible. A phone without spaces (`+33612345678`) stays guarded: LibreOffice
 * reads it as the number 33612345678, which loses the `+` and the round trip.
 * docs/import-export.md ("Formula injection") gives the rule and what was checked.
 *
 * A cell of digits with a leading zero (`0612345678`) is guarded too: it
 * runs nothing, but both spreadsheets read it as the number 612345678 and
 * the zero is lost, also when the file is saved again and imported.
 *
 * To stay reversible, a cell that already starts with quotes followed by a
 * trigger (`'=x`) gets one more quote too; the import removes exactly one
 * leading quote from a cell of that form. So export -> import gives back the
 * stored value.
 */
const GUARDED = /^'*(?:[=+\-@\t\r]|0\d+$)/;
const NEUTRALISED = /^'+(?:[=+\-@\t\r]|0\d+$)/;
const NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;
const SPACED_PHONE = /^\+\d+(?: \d+)+$/;

export function guardFormula(value: string): string {
  if (NEGATIVE_NUMBER.test(value) || SPACED_PHONE.test(value)) return value;
  return GUARDED.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}
