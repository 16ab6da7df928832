/**
 * Multi-row writes that read the same on both dialects.
 *
 * - `upsertRows`: the one place that knows MySQL says `ON DUPLICATE KEY
 *   UPDATE col = VALUES(col)` where SQLite says `ON CONFLICT (key) DO UPDATE
 *   SET col = excluded.col` (MariaDB has no row alias, so `VALUES()` it is).
 * - `insertRows`: plain batch inserts.
 *
 * Both cut the rows into statements of at most 500 rows (fewer for wide rows),
 * under SQLite's cap on bound variables and MySQL's packet size. Neither uses
 * RETURNING: MySQL has none.
 */

import type { Insertable, Kysely } from 'kysely';
import { CompiledQuery, sql } from 'kysely';
import type { AnyTables, Database, ReadDialect, TableName } from './database.js';

export const MAX_ROWS_PER_STATEMENT = 500;
/** Below SQLite's default SQLITE_MAX_VARIABLE_NUMBER (32766) and MySQL's 65535 placeholders. */
const MAX_PARAMETERS = 30_000;

type Column<T extends TableName> = keyof Database[T] & string;

export interface UpsertOptions<T extends TableName> {
  /** The primary key or unique columns a conflict is detected on. */
  readonly key: readonly [Column<T>, ...Column<T>[]];
  /**
   * Columns overwritten with the new row's values when the key exists:
   * default every column given except the key; `[]` keeps the existing row as it is.
   */
  readonly update?: readonly Column<T>[];
}

/**
 * Kysely cannot follow a generic table name through `insertInto`: the helpers
 * write through the any-table view, and their public signatures keep the
 * caller's rows typed against that table.
 */
type LooseDb = Kysely<AnyTables>;

/** Inserts rows, or updates the existing rows with the same key. */
export async function upsertRows<T extends TableName>(
  db: Kysely<Database>,
  dialect: ReadDialect,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: UpsertOptions<T>,
): Promise<void> {
  await upsertAnyRows(db, dialect, table, rows, options);
}

/** `upsertRows` for callers generic over the table (the row shapes are theirs to get right). */
export async function upsertAnyRows(
  db: Kysely<Database>,
  dialect: ReadDialect,
  table: TableName,
  rows: readonly object[],
  options: { readonly key: readonly [string, ...string[]]; readonly update?: readonly string[] },
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const key: readonly string[] = options.key;
  const update: readonly string[] = options.update ?? columns.filter((column) => !key.includes(column));
  const loose: LooseDb = db.withTables<AnyTables>();
  const build = (chunk: readonly object[]) => {
    let query = loose.insertInto(table).values([...chunk]);
    if (dialect === 'mysql') {
      // An empty update list becomes a no-op assignment of the key to itself: unlike INSERT IGNORE it hides no other error.
      const assignments = update.length > 0 ? update : key.slice(0, 1);
      query = query.onDuplicateKeyUpdate(Object.fromEntries(assignments.map((column) => [column, sql`values(${sql.ref(column)})`])));
    } else {
      query = query.onConflict((conflict) => {
        const target = conflict.columns([...key]);
        return update.length > 0
          ? target.doUpdateSet(Object.fromEntries(update.map((column) => [column, sql.ref(`excluded.${column}`)])))
          : target.doNothing();
      });
    }
    return query;
  };
  await writeChunks(loose, table, rows, columns, `upsert:${dialect}:${key.join(',')}:${update.join(',')}`, build);
}

/**
 * Compiled statement texts by shape: the table as the executing instance
 * names it (a rebuild's renaming plugin applied), the columns, the number of
 * rows and the statement's kind. Every value of a multi-row insert is a bound
 * parameter, so a text compiled once by Kysely serves any rows of that shape:
 * a rebuild's thousands of statements skip building and compiling one query
 * node per value.
 */
const compiledTexts = new Map<string, string | null>();
const MAX_COMPILED_TEXTS = 256;

/**
 * Runs `build(chunk)` for each chunk of rows, through the cached text when
 * every row has exactly `columns`, in that order, with plain values (what
 * Kysely binds as parameters one for one); through Kysely otherwise.
 */
async function writeChunks(
  db: LooseDb,
  table: string,
  rows: readonly object[],
  columns: readonly string[],
  kind: string,
  build: (chunk: readonly object[]) => { compile(): CompiledQuery<unknown>; execute(): Promise<unknown> },
): Promise<void> {
  // The table as this instance names it: a plugin renaming it changes this text, and so the key.
  const target = db.insertInto(table).compile().sql;
  for (const chunk of chunks(rows, rowsPerStatement(columns.length))) {
    const parameters = plainParameters(chunk, columns);
    if (parameters === undefined) {
      await build(chunk).execute();
      continue;
    }
    const key = `${kind}\u0000${target}\u0000${columns.join(',')}\u0000${chunk.length}`;
    const text = compiledTexts.get(key);
    if (typeof text === 'string') {
      await db.executeQuery(CompiledQuery.raw(text, parameters));
      continue;
    }
    const compiled = build(chunk).compile();
    // Cached only when Kysely bound exactly these parameters in this order (else this shape always goes through Kysely).
    if (text === undefined) {
      if (compiledTexts.size >= MAX_COMPILED_TEXTS) compiledTexts.clear();
      compiledTexts.set(key, sameParameters(compiled.parameters, parameters) ? compiled.sql : null);
    }
    await db.executeQuery(compiled);
  }
}

/** The rows' values in column order; undefined when a row has other keys or a value Kysely would not bind as is. */
function plainParameters(rows: readonly object[], columns: readonly string[]): unknown[] | undefined {
  const parameters: unknown[] = [];
  for (const row of rows) {
    const record = row as Readonly<Record<string, unknown>>;
    const keys = Object.keys(record);
    if (keys.length !== columns.length) return undefined;
    for (let i = 0; i < columns.length; i += 1) {
      const column = columns[i]!;
      if (keys[i] !== column) return undefined;
      const value = record[column];
      if (
        value === undefined ||
        typeof value === 'function' ||
        (typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array))
      ) {
        return undefined;
      }
      parameters.push(value);
    }
  }
  return parameters;
}

function sameParameters(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Inserts rows in multi-row statements. */
export async function insertRows<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const loose: LooseDb = db.withTables<AnyTables>();
  const name: string = table;
  await writeChunks(loose, name, rows, Object.keys(first), 'insert', (chunk) => loose.insertInto(name).values([...chunk]));
}

/** Deletes the rows whose `column` is one of `values`, in statements of at most 500 values. */
export async function deleteWhereIn<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  column: Column<T>,
  values: Iterable<string>,
): Promise<void> {
  const loose: LooseDb = db.withTables<AnyTables>();
  const name: string = table;
  const ref: string = column;
  for (const chunk of chunks([...values], MAX_ROWS_PER_STATEMENT)) {
    await loose.deleteFrom(name).where(ref, 'in', chunk).execute();
  }
}

export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / Math.max(1, columns))));
}

export function* chunks<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
