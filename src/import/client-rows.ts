/**
 * From a parsed CSV to client rows: the header row is mapped by name, in
 * French or English, whatever the case, accents, spaces, `_`, `-` or `.`
 * (`Nom complet`, `nom_complet`, `NAME`, `Téléphone`...). Columns nobody maps
 * (an export's `id`, `createdAt`...) are ignored and listed in the report.
 */

import { type EpicError, InvalidInput } from '../errors.js';
import { unguardFormula } from '../export/formula-guard.js';
import { msg } from '../i18n/message.js';
import type { CsvRecord, ParsedCsv } from './csv.js';
import type { ClientField } from './import-problems.js';

const ALIASES: Readonly<Record<string, ClientField>> = {
  nomcomplet: 'name',
  nom: 'name',
  name: 'name',
  fullname: 'name',
  email: 'email',
  mail: 'email',
  courriel: 'email',
  adresseemail: 'email',
  telephone: 'phone',
  tel: 'phone',
  phone: 'phone',
  entreprise: 'company',
  societe: 'company',
  company: 'company',
  commercial: 'commercial',
  commercialemail: 'commercial',
  emailcommercial: 'commercial',
};

/** Lower case, no accents, no spaces or `_ - .`: `Téléphone` and `telephone` are one header. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_.-]/g, '');
}

/** One data row. A field is undefined when the file has no such column (an update leaves it alone). */
export interface ClientRow {
  readonly line: number;
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly company?: string;
  /** A user's email. */
  readonly commercial?: string;
}

export interface RefusedRow {
  readonly line: number;
  /** The row's email as written, when it could be read. */
  readonly email: string | null;
  /** Why, before it is put into words (a Message, as every domain error's text): the CLI renders it in the reader's language. */
  readonly reason: EpicError['text'];
}

export interface ClientRows {
  readonly rows: readonly ClientRow[];
  /** Rows refused before any decision (malformed CSV, too many cells). */
  readonly refused: readonly RefusedRow[];
  /** Header cells that map to no client field, as written. */
  readonly ignoredColumns: readonly string[];
  /** Whether the header has a commercial column (`import clients --commercial` is for files without one). */
  readonly hasCommercialColumn: boolean;
}

/** Maps the header and reads every data row; refuses the whole file when the header cannot be used. */
export function readClientRows(csv: ParsedCsv): ClientRows {
  const [header, ...data] = csv.records;
  if (!header) throw new InvalidInput(msg('transfer.emptyFile'));
  if (header.problem !== undefined) throw new InvalidInput(msg('transfer.headerProblem', { line: header.line, problem: header.problem }));
  const { columns, ignored } = mapHeader(header);
  const rows: ClientRow[] = [];
  const refused: RefusedRow[] = [];
  for (const record of data) {
    const cell = (field: ClientField): string | undefined => {
      const index = columns.get(field);
      return index === undefined ? undefined : unguardFormula(record.fields[index] ?? '');
    };
    const email = cell('email') ?? '';
    if (record.problem !== undefined) {
      refused.push({ line: record.line, email: email || null, reason: msg('transfer.csvProblem', { problem: record.problem }) });
      continue;
    }
    // Fewer cells than headers is common (trailing empty cells dropped); more is a shifted row.
    const extra = record.fields.slice(header.fields.length);
    if (extra.some((value) => value.trim() !== '')) {
      refused.push({
        line: record.line,
        email: email || null,
        reason: msg('transfer.tooManyCells', { cells: record.fields.length, expected: header.fields.length }),
      });
      continue;
    }
    const row: { -readonly [K in keyof ClientRow]: ClientRow[K] } = { line: record.line, name: cell('name') ?? '', email };
    const phone = cell('phone');
    const company = cell('company');
    const commercial = cell('commercial');
    if (phone !== undefined) row.phone = phone;
    if (company !== undefined) row.company = company;
    if (commercial !== undefined) row.commercial = commercial;
    rows.push(row);
  }
  return { rows, refused, ignoredColumns: ignored, hasCommercialColumn: columns.has('commercial') };
}

function mapHeader(header: CsvRecord): { columns: Map<ClientField, number>; ignored: string[] } {
  const columns = new Map<ClientField, number>();
  const ignored: string[] = [];
  header.fields.forEach((cell, index) => {
    const field = ALIASES[normalizeHeader(cell)];
    if (field === undefined) {
      if (cell.trim() !== '') ignored.push(cell);
      return;
    }
    const previous = columns.get(field);
    if (previous !== undefined) {
      throw new InvalidInput(msg('transfer.duplicateColumn', { first: header.fields[previous] ?? '', second: cell, field }));
    }
    columns.set(field, index);
  });
  const missing = (['name', 'email'] as const).filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw new InvalidInput(msg('transfer.missingColumns', { missing, found: header.fields }));
  }
  return { columns, ignored };
}
