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
  /** Human-readable target, e.g. "≤ 1.5×". */
  readonly target: string;
  /** Whether the target is met; undefined when it could not be judged. */
  readonly met?: boolean;
  /** Why nothing was measured, when nothing was. */
  readonly notMeasured?: string;
}

/** value / baseline for times and sizes; for rates too (a rate ≥ 1× its baseline is as fast). */
export function ratio(row: Pick<Row, 'value' | 'baseline'>): number | undefined {
  if (!row.value || !row.baseline || row.baseline.median === 0) return undefined;
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

export function renderTable(rows: readonly Row[]): string {
  const header = ['id', 'what', 'median', 'spread (min–max)', 'baseline median', 'ratio', 'target', 'met?'];
  const lines = rows.map((row) => {
    if (row.notMeasured !== undefined) return [row.id, row.what, `not measured: ${row.notMeasured}`, '', '', '', row.target, '—'];
    const r = ratio(row);
    return [
      row.id,
      row.what,
      row.value ? fmt(row.value.median, row.unit) : '',
      row.value ? spread(row.value, row.unit) : '',
      row.baseline ? `${fmt(row.baseline.median, row.unit)} (${row.baselineWhat ?? 'baseline'})` : '—',
      r === undefined ? '—' : `${r.toFixed(2)}×`,
      row.target,
      row.met === undefined ? '—' : row.met ? 'yes' : 'NO',
    ];
  });
  const escapePipes = (cell: string) => cell.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.map(escapePipes).join(' | ')} |`).join('\n');
}
