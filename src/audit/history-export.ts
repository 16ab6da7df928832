/**
 * A history as auditors' tools take it: CSV written as `epic export` writes
 * it (UTF-8 with a BOM, CRLF line ends, every field quoted, the formula
 * guard, the separator and decimal comma of `--delimiter` and the language:
 * src/export/csv-writer.ts, src/export/csv-options.ts), one row per changed
 * field; and a readable timeline for people. Values are written verbatim
 * (strings as they are, other values as JSON) but for the guard's quote and
 * the decimal comma of amounts.
 */
import { parseAmount } from '../domain/values/money.js';
import { type CsvColumn, type CsvOptions, toCsv } from '../export/csv-writer.js';
import { groupPhone } from '../i18n/phone.js';
import type { Translator } from '../i18n/translator.js';
import { terminalSafe } from '../terminal-text.js';
import type { HistoryEntry } from './history.js';
import type { FieldChange, FieldValue, HistoryField, RecordKind, RecordView } from './record-views.js';

const HEADER = ['version', 'at', 'type', 'actorId', 'actorName', 'actorRole', 'field', 'from', 'to', 'stream', 'streamVersion', 'eventId'];
/** The fields whose values are amounts (`"1500.50"`). */
const AMOUNTS: ReadonlySet<HistoryField> = new Set(['totalAmount', 'remainingAmount']);
const FIELD = HEADER.indexOf('field');
const FROM_TO: ReadonlySet<number> = new Set([HEADER.indexOf('from'), HEADER.indexOf('to')]);

/** `from` and `to` hold an amount on the rows of an amount field (`totalAmount`, `remainingAmount`). */
export function historyCsv(entries: readonly HistoryEntry[], options: CsvOptions = {}): string {
  const rows: string[][] = [];
  for (const e of entries) {
    const base = [String(e.version), e.at, e.type, e.actor.id, e.actor.name ?? '', e.actor.role];
    const tail = [e.stream, String(e.streamVersion), e.eventId];
    const fields = Object.entries(e.changes);
    for (const [field, change] of fields) rows.push([...base, field, csvValue(change.from), csvValue(change.to), ...tail]);
  }
  const amountRow = (row: readonly string[]) => AMOUNTS.has(row[FIELD] as HistoryField);
  return toCsv(
    rows,
    columnsOf(HEADER, (i) => (FROM_TO.has(i) ? amountRow : false)),
    options,
  );
}

/** One record (`history --at`) as a header and one row. */
export function recordCsv(record: RecordView, options: CsvOptions = {}): string {
  const entries = Object.entries(record) as [string, FieldValue][];
  const keys = entries.map(([key]) => key);
  return toCsv(
    [entries.map(([, value]) => csvValue(value))],
    columnsOf(keys, (i) => AMOUNTS.has(keys[i] as HistoryField)),
    options,
  );
}

type Row = readonly string[];

/** Rows of text, one column per header; `amount` says which columns hold amounts (or, row by row, when). */
function columnsOf(headers: readonly string[], amount: (i: number) => boolean | ((row: Row) => boolean)): CsvColumn<Row>[] {
  return headers.map((header, i) => ({ header, value: (row) => row[i] ?? '', amount: amount(i) }));
}

function csvValue(value: FieldValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The timeline for people, in the translator's language: one block per
 * change (when, what happened, who), each field by its label with `from → to`,
 * amounts, instants and yes/no values as that language writes them. No
 * internal name reaches it: `--json` and `--format csv` keep the stored types
 * and field names.
 */
export function historyTimeline(
  record: { readonly kind: RecordKind; readonly id: string },
  entries: readonly HistoryEntry[],
  translator: Translator,
): string {
  const { t, format } = translator;
  const { kind, id } = record;
  if (entries.length === 0) return `${t('history.empty', { kind, id })}\n`;
  const lines = [t('history.title', { kind, id, count: entries.length })];
  for (const e of entries) {
    const who = t('history.by', { name: e.actor.name ?? e.actor.id, role: e.actor.role });
    lines.push('', `#${e.version}  ${format.dateTime(e.at)}  ${t(`history.eventType.${e.type}`)}  ${shown(who)}`);
    const changes = Object.entries(e.changes) as [HistoryField, FieldChange][];
    const labels = changes.map(([field]) => t(`history.field.${field}`));
    const width = Math.max(...labels.map((label) => [...label].length));
    changes.forEach(([field, change], i) => {
      const label = labels[i] ?? field;
      const value = (v: FieldValue) => shown(valueText(field, v, translator));
      lines.push(`    ${label}${' '.repeat(width - [...label].length)}  ${value(change.from)} → ${value(change.to)}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

const INSTANTS: ReadonlySet<HistoryField> = new Set(['start', 'end', 'createdAt', 'updatedAt']);

/** A field's value as a person reads it: `12 000,00 €`, a local date and time, `signé`. */
function valueText(field: HistoryField, value: FieldValue, { t, format }: Translator): string {
  if (value === null) return '-';
  if (field === 'erased' && typeof value === 'boolean') return t(value ? 'history.value.erased' : 'history.value.notErased');
  if (typeof value === 'boolean') return t(value ? 'history.value.signed' : 'history.value.unsigned');
  if (typeof value === 'number') return format.number(value);
  if (typeof value === 'object')
    return Object.entries(value)
      .flatMap(([key, part]) => (part === null ? [] : [key === 'phone' ? groupPhone(part) : part]))
      .join(', ');
  if (field === 'phone') return groupPhone(value);
  if (field === 'status' && (value === 'scheduled' || value === 'cancelled')) return t(`cli.status.${value}`);
  if (AMOUNTS.has(field)) return format.money(parseAmount(value));
  if (INSTANTS.has(field)) return format.dateTime(value);
  return value;
}

/** One change per line and no terminal escapes, whatever the data holds. */
function shown(text: string): string {
  return terminalSafe(text);
}
