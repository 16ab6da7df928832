/**
 * The widths of a table's columns on a terminal of `available` columns: each
 * column as wide as its widest cell when the table fits; otherwise the
 * columns that may shrink give up width, the most willing first, down to a
 * floor, and what is left over is cut (with `…`) when the table is drawn.
 * When even that does not fit, the columns that may be left out are, the
 * least needed first (an event's end and location on an 80-column terminal);
 * a width of 0 means the column is not shown.
 */

export interface ColumnNeeds {
  /** The widest cell, header included. */
  readonly natural: number;
  /** The header's width: a column is cut below it only when nothing else is left. */
  readonly header: number;
  /** 0: never shrinks (ids, amounts); otherwise the larger, the sooner it gives up width. */
  readonly shrink: number;
  /** 0: always shown; otherwise the column may be left out on a narrow terminal, the larger the sooner. */
  readonly drop?: number;
}

export const GAP = 2;
/** The narrowest a shrinking column is made before the others: enough to recognise a value. */
const FLOOR = 8;
/**
 * Below this, a shrinking column is cut too much to read comfortably: a
 * column that may be left out is left out rather than cutting the others
 * below it.
 */
const COMFORT = 12;

export function fitColumns(columns: readonly ColumnNeeds[], available: number): number[] {
  const shown = columns.map(() => true);
  for (;;) {
    const kept = columns.filter((_, i) => shown[i]);
    const widths = fitShown(kept, available);
    const fits = widths.reduce((sum, w) => sum + w, 0) + GAP * Math.max(0, kept.length - 1) <= available;
    const comfortable = kept.every((c, i) => c.shrink === 0 || (widths[i] ?? 0) >= Math.min(c.natural, Math.max(COMFORT, c.header)));
    const droppable = columns
      .map((c, i) => ({ drop: c.drop ?? 0, i }))
      .filter(({ drop, i }) => drop > 0 && shown[i])
      .sort((a, b) => b.drop - a.drop)[0];
    if ((fits && comfortable) || droppable === undefined) {
      let next = 0;
      return columns.map((_, i) => (shown[i] ? (widths[next++] ?? 0) : 0));
    }
    shown[droppable.i] = false;
  }
}

function fitShown(columns: readonly ColumnNeeds[], available: number): number[] {
  const widths = columns.map((c) => c.natural);
  const total = () => widths.reduce((sum, w) => sum + w, 0) + GAP * Math.max(0, columns.length - 1);
  if (total() <= available) return widths;
  // Rounds by willingness: the most willing columns shrink first, each to its floor, then the next ones.
  const levels = [...new Set(columns.map((c) => c.shrink).filter((s) => s > 0))].sort((a, b) => b - a);
  const shrinkTo = (indexes: number[], floorOf: (i: number) => number) => {
    // Lower a common cap on these columns until the table fits or they reach their floors.
    let excess = total() - available;
    while (excess > 0) {
      const open = indexes.filter((i) => (widths[i] ?? 0) > floorOf(i));
      if (open.length === 0) return;
      const widest = Math.max(...open.map((i) => widths[i] ?? 0));
      const tallest = open.filter((i) => widths[i] === widest);
      const next = Math.max(...open.map((i) => widths[i] ?? 0).filter((w) => w < widest), ...tallest.map(floorOf));
      const step = Math.min(widest - next, Math.ceil(excess / tallest.length));
      for (const i of tallest) {
        if (excess <= 0) break;
        const cut = Math.min(step, (widths[i] ?? 0) - floorOf(i), excess);
        widths[i] = (widths[i] ?? 0) - cut;
        excess -= cut;
      }
    }
  };
  const shrinking: number[] = [];
  for (const level of levels) {
    columns.forEach((c, i) => {
      if (c.shrink === level) shrinking.push(i);
    });
    shrinkTo(shrinking, (i) => Math.min(columns[i]?.natural ?? 0, Math.max(FLOOR, columns[i]?.header ?? 0)));
    if (total() <= available) return widths;
  }
  // Still too wide: every shrinking column down to a few characters, then any column.
  shrinkTo(shrinking, (i) => Math.min(columns[i]?.natural ?? 0, 3));
  if (total() <= available) return widths;
  shrinkTo(
    columns.map((_, i) => i),
    () => 1,
  );
  return widths;
}
