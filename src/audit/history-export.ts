/**
 * A history as auditors' tools take it: CSV (RFC 4180: comma separated, CRLF
 * line ends, every field quoted when it holds a quote, comma or line break)
 * with one row per changed field, and a readable timeline for people.
 * Values are written verbatim (strings as they are, other values as JSON):
 * the export is for tools; a spreadsheet user should import it as text.
 */
import type { HistoryEntry } from './history.js';
import type { FieldValue, RecordView } from './record-views.js';

const HEADER = ['version', 'at', 'type', 'actorId', 'actorName', 'actorRole', 'field', 'from', 'to', 'stream', 'streamVersion', 'eventId'];

export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows: string[][] = [HEADER];
  for (const e of entries) {
    const base = [String(e.version), e.at, e.type, e.actor.id, e.actor.name ?? '', e.actor.role];
    const tail = [e.stream, String(e.streamVersion), e.eventId];
    const fields = Object.entries(e.changes);
    for (const [field, change] of fields) rows.push([...base, field, csvValue(change.from), csvValue(change.to), ...tail]);
  }
  return rows.map(csvLine).join('');
}

/** One record (`history --at`) as a header and one row. */
export function recordCsv(record: RecordView): string {
  const entries = Object.entries(record) as [string, FieldValue][];
  return csvLine(entries.map(([key]) => key)) + csvLine(entries.map(([, value]) => csvValue(value)));
}

function csvValue(value: FieldValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')}\r\n`;
}

/** The timeline for people: one block per change, fields as `from → to`. */
export function historyTimeline(title: string, entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return `${title}: no history\n`;
  const lines = [`${title}: ${entries.length} change${entries.length === 1 ? '' : 's'}`];
  for (const e of entries) {
    lines.push('', `#${e.version}  ${e.at}  ${e.type}  by ${e.actor.name ?? e.actor.id} (${e.actor.role})`);
    const width = Math.max(...Object.keys(e.changes).map((k) => k.length));
    for (const [field, change] of Object.entries(e.changes)) {
      lines.push(`    ${field.padEnd(width)}  ${shown(change.from)} → ${shown(change.to)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function shown(value: FieldValue): string {
  if (value === null) return '-';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // One change per line and no terminal escapes, whatever the data holds.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
