import type { Writable } from 'node:stream';
import { styleText } from 'node:util';

type Env = Readonly<Record<string, string | undefined>>;

/** A stream that may be a terminal (process.stdout, or a test's stand-in). */
export type OutputStream = Writable & { readonly isTTY?: boolean; readonly columns?: number };

export function isTerminal(stream: Writable): boolean {
  return (stream as OutputStream).isTTY === true;
}

/** The width to fit readable output into: the terminal's columns, 80 when it does not say. */
export function columnsOf(stream: Writable): number {
  const columns = (stream as OutputStream).columns;
  return typeof columns === 'number' && Number.isFinite(columns) && columns >= 20 ? Math.floor(columns) : 80;
}

/**
 * Whether to colour what goes to `stream`: never with NO_COLOR (any value,
 * https://no-color.org), always with FORCE_COLOR (other than `0`), otherwise
 * on a terminal only.
 */
export function colourFor(stream: Writable, env: Env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTerminal(stream);
}

export type Style = Parameters<typeof styleText>[0];

/** Styles text when `enabled` (Node's util.styleText: no module to load); the text itself otherwise. */
export function paint(enabled: boolean, style: Style, text: string): string {
  if (!enabled || text === '') return text;
  // The decision was taken above (colourFor); styleText must not take its own from process.stdout.
  return styleText(style, text, { validateStream: false });
}

/**
 * A notice for people (a warning, a "keep this key" advice) as it should
 * reach `stream`: on a terminal, broken at spaces to fit its width, since a
 * terminal cuts a long line in the middle of a word; into a pipe or a file,
 * one line as it is, for whoever greps it. Widths are counted in code points:
 * the catalogue's words are Latin script (wide characters from stored data
 * may make a line a little longer, never lose a word).
 */
export function noticeFor(stream: Writable, text: string): string {
  if (!isTerminal(stream)) return `${text}\n`;
  const width = columnsOf(stream) - 1;
  const length = (line: string) => [...line].length;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // A line that fits is left as it is (its alignment too); a longer one keeps its indent on every piece.
    if (length(paragraph) <= width) {
      lines.push(paragraph);
      continue;
    }
    const indent = /^ */.exec(paragraph)?.[0] ?? '';
    let line = '';
    for (const word of paragraph.slice(indent.length).split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && length(indent) + length(candidate) > width) {
        lines.push(indent + line);
        line = word;
      } else line = candidate;
    }
    lines.push(indent + line);
  }
  return `${lines.join('\n')}\n`;
}
