/**
 * How many terminal columns a text takes: wide East Asian characters and
 * emoji count two, combining marks and zero-width characters none. Loaded
 * only to lay out a table or a view on a terminal (the ranges are a module of
 * their own): a pipe and `--json` never need it.
 */
import { eastAsianWidth } from 'get-east-asian-width';

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text)].map((s) => s.segment);
}

const ZERO_WIDTH = /^(?:\p{Default_Ignorable_Code_Point}|\p{Control}|\p{Mark}|\p{Surrogate})+$/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\uFE0F/u;

function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  // An emoji shown as a picture takes two columns; one shown as text (no VS16), its base width.
  if (EMOJI.test(grapheme) && EMOJI_PRESENTATION.test(grapheme)) return 2;
  const codePoint = grapheme.codePointAt(0) ?? 0;
  return eastAsianWidth(codePoint, { ambiguousAsWide: false });
}

/** ASCII without control characters: one column each, the common case, answered without segmenting. */
const PLAIN = /^[\u0020-\u007e]*$/;

export function textWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}

/** `text` cut to at most `width` columns, ending with `…` when something was cut. */
export function cutToWidth(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const grapheme of graphemes(text)) {
    const w = graphemeWidth(grapheme);
    if (used + w > width - 1) break;
    out += grapheme;
    used += w;
  }
  return `${out}…`;
}

/** `text` padded with spaces to `width` columns, on the right (left-aligned) or on the left. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * The spaces a line may break at: any white space but the no-break ones
 * (U+00A0, U+202F, U+2007), which French typography puts before `: ; ? !` and
 * inside `« »` so that the sign never starts a line.
 */
const BREAKABLE = /([^\S\u00a0\u202f\u2007]+)/;
const ONLY_BREAKABLE = /^[^\S\u00a0\u202f\u2007]+$/;

/** Splits `text` into lines of at most `width` columns, at breakable spaces where it can. */
export function wrapToWidth(text: string, width: number): string[] {
  if (textWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(BREAKABLE)) {
    if (word === '') continue;
    const w = textWidth(word);
    if (used + w <= width) {
      line += word;
      used += w;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
    used = 0;
    if (ONLY_BREAKABLE.test(word)) continue;
    // A word longer than the line is cut into pieces.
    let rest = word;
    while (textWidth(rest) > width) {
      let piece = '';
      let pieceWidth = 0;
      for (const grapheme of graphemes(rest)) {
        const gw = graphemeWidth(grapheme);
        if (pieceWidth + gw > width) break;
        piece += grapheme;
        pieceWidth += gw;
      }
      if (piece === '') break;
      lines.push(piece);
      rest = rest.slice(piece.length);
    }
    line = rest;
    used = textWidth(rest);
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length === 0 ? [''] : lines;
}
