import type { Summary } from './stats.js';

/** One line of the table: a figure, its baseline measured in the same run, and the target. */
export interface Row {
  readonly id: string;
  readonly what: string;
  /** 'ms' (lower is better), '/s' (a rate: higher is better), 'MB' (lower is better). */
  readonly unit: 'ms' | '/s' | 'MB';
  readonly value?: Summary;
  readonly baseline?: Summary;
  readonly baselineWhat?: string;
  /**
   * The ratio taken pair by pair (A B A B …: value/baseline of each pair, for
   * rates baseline time / value time), when the figure was measured that way;
   * the row's ratio is then this median, not the ratio of the medians.
   */
  readonly pairs?: Summary;
  /** Human-readable target, e.g. "≤ 1.5×". */
  readonly target: string;
  /** Whether the target is met; undefined when it could not be judged. */
  readonly met?: boolean;
  /** Why nothing was measured, when nothing was. */
  readonly notMeasured?: string;
}

/** The pairwise median when there is one; else value / baseline (for rates too: a rate ≥ 1× its baseline is as fast). */
export function ratio(row: Pick<Row, 'value' | 'baseline' | 'pairs' | 'unit'>): number | undefined {
  if (row.pairs) return row.pairs.median;
  // A size is judged against its bound; its baseline (an idle process) is shown, not divided by.
  if (!row.value || !row.baseline || row.baseline.median === 0 || row.unit === 'MB') return undefined;
  return row.value.median / row.baseline.median;
}

function fmt(value: number, unit: Row['unit']): string {
  if (unit === '/s') return value >= 10_000 ? `${Math.round(value / 1000)}k/s` : `${Math.round(value)}/s`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

function spread(summary: Summary, unit: Row['unit']): string {
  return `${fmt(summary.min, unit)}–${fmt(summary.max, unit)} (n=${summary.samples.length})`;
}

/** "1.23× (1.10–1.41)" for a paired row, "1.23×" otherwise. */
function ratioCell(row: Row): string {
  const r = ratio(row);
  if (r === undefined) return '—';
  return row.pairs ? `${r.toFixed(2)}× (${row.pairs.min.toFixed(2)}–${row.pairs.max.toFixed(2)})` : `${r.toFixed(2)}×`;
}

function metCell(row: Row): string {
  return row.met === undefined ? '—' : row.met ? 'met' : 'missed';
}

const escapePipes = (cell: string) => cell.replace(/\|/g, '\\|');
const table = (lines: readonly (readonly string[])[]) => lines.map((cells) => `| ${cells.map(escapePipes).join(' | ')} |`).join('\n');

export function renderTable(rows: readonly Row[]): string {
  const header = ['id', 'what', 'median', 'spread (min–max)', 'baseline median', 'ratio (pairwise min–max)', 'target', 'met?'];
  const lines = rows.map((row) => {
    if (row.notMeasured !== undefined) return [row.id, row.what, `not measured: ${row.notMeasured}`, '', '', '', row.target, '—'];
    return [
      row.id,
      row.what,
      row.value ? fmt(row.value.median, row.unit) : '',
      row.value ? spread(row.value, row.unit) : '',
      row.baseline ? `${fmt(row.baseline.median, row.unit)} (${row.baselineWhat ?? 'baseline'})` : '—',
      ratioCell(row),
      row.target,
      metCell(row),
    ];
  });
  return table([header, header.map(() => '---'), ...lines]);
}

/** What one Node's cell says of a row: the ratio (or the figure, for a row without a baseline) and met/missed. */
function nodeCells(row: Row | undefined, absent: string): [string, string, string] {
  if (row === undefined) return [absent, '', '—'];
  if (row.notMeasured !== undefined) return [`not measured: ${row.notMeasured}`, '', '—'];
  const figure = row.value ? `${fmt(row.value.median, row.unit)}` : '';
  return [figure, ratio(row) === undefined ? '—' : ratioCell(row), metCell(row)];
}

/**
 * B10: the same rows on two Nodes side by side, matched by id and position
 * among that id's rows. `second` undefined: its column says why (`absent`).
 */
export function renderSideBySide(
  first: { label: string; rows: readonly Row[] },
  second: { label: string; rows?: readonly Row[]; absent: string },
): string {
  const key = (rows: readonly Row[]) => {
    const seen = new Map<string, number>();
    return rows.map((row) => {
      const n = seen.get(row.id) ?? 0;
      seen.set(row.id, n + 1);
      return `${row.id}#${n}`;
    });
  };
  const secondByKey = new Map<string, Row>();
  if (second.rows) {
    const keys = key(second.rows);
    for (const [i, row] of second.rows.entries()) secondByKey.set(keys[i] as string, row);
  }
  const header = [
    'id',
    'what',
    'target',
    `${first.label}: figure`,
    `${first.label}: ratio (pairwise min–max)`,
    `${first.label}`,
    `${second.label}: figure`,
    `${second.label}: ratio (pairwise min–max)`,
    `${second.label}`,
  ];
  const keys = key(first.rows);
  const lines = first.rows.map((row, i) => [
    row.id,
    row.what,
    row.target,
    ...nodeCells(row, ''),
    ...nodeCells(second.rows ? secondByKey.get(keys[i] as string) : undefined, second.rows ? 'not run' : second.absent),
  ]);
  return table([header, header.map(() => '---'), ...lines]);
}
