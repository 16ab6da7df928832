import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../events/event-store.js';
import type { Database, ReadDialect, TableName } from './read-db/database.js';
import type { SchemaDb, TableNaming } from './read-db/table-ddl.js';

/**
 * A projection turns events of the log into rows of the tables it owns. The
 * projector hands it, inside one transaction per batch, the events of the
 * batch whose type it handles, in log order; it writes their effect (and
 * nothing else: the projector writes the checkpoint in the same transaction).
 *
 * A rebuild (blue/green, src/projections/rebuild/blue-green.ts) runs the same `apply`
 * against shadow tables: the projector renames the tables in its statements,
 * so `apply` always names the live tables.
 */
export interface Projection {
  /** Its checkpoint's key in `projection_state`; what `epic projection rebuild <name>` names. */
  readonly name: string;
  /**
   * Bump when the rows it writes or the shape of its tables change: a stored
   * checkpoint of another version is rebuilt (blue/green) before it is served.
   */
  readonly version: number;
  /** The tables it owns and fills alone: replaced whole by a rebuild. */
  readonly tables: readonly TableName[];
  /** The event types it reads; any other is skipped. */
  readonly handles: readonly string[];
  /**
   * Creates its tables (and their indexes) in this version's shape, under
   * `names`: the DDL of a version lives with its code, so a rebuild can create
   * a shadow of it. (The first migration created version 1 of the five
   * projections for databases that predate this.)
   */
  createTables(db: SchemaDb, dialect: ReadDialect, names: TableNaming): Promise<void>;
  /**
   * The indexes (live names) its `apply` reads through, for its cascades: a
   * rebuild keeps them while it fills the shadow tables; the others are
   * created after the fill (deferred-indexes.ts).
   */
  readonly fillIndexes?: readonly string[];
  apply(trx: Kysely<Database>, events: readonly RecordedEvent[], dialect: ReadDialect): Promise<void>;
}
