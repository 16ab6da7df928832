import type { Kysely } from 'kysely';
import type { Database, ReadDialect } from './database.js';
import { chunks, deleteWhereIn, MAX_ROWS_PER_STATEMENT, upsertAnyRows } from './upsert.js';

/** Tables whose rows are folded in memory: keyed by a string `id`. */
export type FoldedTable = 'users' | 'clients' | 'contracts' | 'occasions';

/** Any folded table by name, as far as `load` needs to know: rows keyed by a string `id`. */
type IdKeyedTables = Record<string, { id: string }>;

/** A full row (these tables have no generated columns: what is selected is what is inserted). */
type Row<T extends FoldedTable> = Database[T];

/**
 * The rows one batch of events touches, folded in memory and written once:
 * a record created, updated three times and deleted within a batch costs no
 * statement at all, and a rebuild writes multi-row statements.
 *
 * Use: `load` the rows the batch changes but does not create, fold the events
 * with `get` / `put` / `remove`, then `flush`.
 */
export class RowBatch<T extends FoldedTable> {
  /** Current state of every row seen: null when absent or deleted. */
  readonly #rows = new Map<string, Row<T> | null>();
  /** Ids found in the database when loaded: only those need a DELETE. */
  readonly #stored = new Set<string>();
  /** Ids changed since loaded (or created): only those are written. */
  readonly #dirty = new Set<string>();

  constructor(readonly table: T) {}

  /** Reads the current rows with these ids (those not seen yet) from the database. */
  async load(db: Kysely<Database>, ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#rows.has(id));
    // Kysely cannot follow the generic table name `T` through selectFrom: the rows are read as id-keyed rows of a
    // table named by a string, and they are the full rows of `T`.
    const byId = db.withTables<IdKeyedTables>();
    const table: string = this.table;
    for (const chunk of chunks(missing, MAX_ROWS_PER_STATEMENT)) {
      const rows = (await byId.selectFrom(table).selectAll().where('id', 'in', chunk).execute()) as Row<T>[];
      for (const id of chunk) this.#rows.set(id, null);
      for (const row of rows) {
        this.#rows.set(row.id, row);
        this.#stored.add(row.id);
      }
    }
  }

  /** The row as it stands after the events folded so far; undefined when absent. */
  get(id: string): Row<T> | undefined {
    return this.#rows.get(id) ?? undefined;
  }

  put(row: Row<T>): void {
    this.#rows.set(row.id, row);
    this.#dirty.add(row.id);
  }

  /** Applies `change` to the row when it exists (an event about a row never seen is ignored). */
  update(id: string, change: (row: Row<T>) => Row<T>): void {
    const row = this.get(id);
    if (row) this.put(change(row));
  }

  remove(id: string): void {
    this.#rows.set(id, null);
    this.#dirty.add(id);
  }

  /** The live rows in memory, for changes that apply to every row matching a predicate. */
  *live(): Generator<Row<T>> {
    for (const row of this.#rows.values()) if (row) yield row;
  }

  /** Writes the rows changed: live ones upserted, deleted ones that were stored deleted. */
  async flush(db: Kysely<Database>, dialect: ReadDialect): Promise<void> {
    const live: Row<T>[] = [];
    const gone: string[] = [];
    for (const id of this.#dirty) {
      const row = this.#rows.get(id);
      if (row) live.push(row);
      else if (this.#stored.has(id)) gone.push(id);
    }
    await deleteWhereIn(db, this.table, 'id', gone);
    await upsertAnyRows(db, dialect, this.table, live, { key: ['id'] });
  }
}

/**
 * Ids of the rows a batch must read before folding: those whose first event
 * in the batch is not their creation (a created row is new; the others exist).
 */
export function idsToLoad<E>(events: readonly E[], rowId: (event: E) => string | undefined, creates: (event: E) => boolean): Set<string> {
  const seen = new Set<string>();
  const load = new Set<string>();
  for (const event of events) {
    const id = rowId(event);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    if (!creates(event)) load.add(id);
  }
  return load;
}
