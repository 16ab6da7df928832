import type { Kysely } from 'kysely';
import type { RecordedEvent } from '../events/event-store.js';
import type { Database, ReadDialect, TableName } from './database.js';

/**
 * A projection turns events of the log into rows of the tables it owns. The
 * projector hands it, inside one transaction per batch, the events of the
 * batch whose type it handles, in log order; it writes their effect (and
 * nothing else: the projector writes the checkpoint in the same transaction).
 */
export interface Projection {
  /** Its checkpoint's key in `projection_state`; what `epic projection rebuild <name>` names. */
  readonly name: string;
  /** Bump when the rows it writes change meaning: a stored checkpoint of another version is rebuilt. */
  readonly version: number;
  /** The tables it owns and fills alone: cleared on rebuild. */
  readonly tables: readonly TableName[];
  /** The event types it reads; any other is skipped. */
  readonly handles: readonly string[];
  apply(trx: Kysely<Database>, events: readonly RecordedEvent[], dialect: ReadDialect): Promise<void>;
}
