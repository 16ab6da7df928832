/**
 * What a terminal must never receive raw from stored data: C0 controls and
 * DEL, C1 controls (0x9b is an 8-bit CSI, 0x85 a next-line), the Unicode line
 * and paragraph separators, and the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that would reorder what a line shows. Error
 * lines, tables, record views, histories, the log and every message that
 * quotes a stored value are cleaned with it, one way everywhere.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced
export const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every character of TERMINAL_UNSAFE replaced (a space in tables, `?` in error lines). */
export function terminalSafe(text: string, replacement = ' '): string {
  return text.replace(TERMINAL_UNSAFE, replacement);
}
