import type { AccountEvent } from '../domain/accounts/account-events.js';
import { ACCOUNT_STREAM_PREFIX } from '../domain/accounts/account-events.js';
import { assertNever } from '../domain/assert-never.js';
import { asDomainEvent, typeList } from '../domain/decider.js';
import type { UserEvent } from '../domain/users/user-events.js';
import type { RecordedEvent } from '../events/event-store.js';
import { toInstant } from '../events/instant.js';
import type { Projection } from './projection.js';
import { PROJECTION_VERSIONS } from './projection-versions.js';
import type { ReadDialect } from './read-db/database.js';
import { idsToLoad, RowBatch } from './read-db/row-batch.js';
import type { SchemaDb, TableNaming } from './read-db/table-ddl.js';
import { columnTypes } from './read-db/table-ddl.js';
import { chunks, deleteWhereIn, MAX_ROWS_PER_STATEMENT } from './read-db/upsert.js';

type OccasionEvent =
  | Extract<
      AccountEvent,
      {
        type:
          | 'OccasionScheduled'
          | 'OccasionUpdated'
          | 'SupportAssigned'
          | 'SupportUnassigned'
          | 'OccasionCancelled'
          | 'ContractDeleted'
          | 'ClientDeleted'
          | 'ClientForgotten';
      }
    >
  | Extract<UserEvent, { type: 'UserDeleted' }>;

const OCCASION_EVENT_TYPES = typeList<OccasionEvent['type']>({
  OccasionScheduled: true,
  OccasionUpdated: true,
  SupportAssigned: true,
  SupportUnassigned: true,
  OccasionCancelled: true,
  ContractDeleted: true,
  ClientDeleted: true,
  ClientForgotten: true,
  UserDeleted: true,
});

/**
 * `occasions` (the CLI's events), with the client they belong to. No row
 * outlives its contract or client, and none points at a deleted user: the
 * command side removes or unassigns first with its own events, and this
 * projection cascades anyway (a deleted support's occasions become
 * unassigned).
 */
export const occasionsProjection: Projection = {
  name: 'occasions',
  version: PROJECTION_VERSIONS.occasions,
  tables: ['occasions'],
  handles: OCCASION_EVENT_TYPES,
  createTables: createOccasionsTable,
  // The cascades of a deleted contract, client or support.
  fillIndexes: ['occasions_contract_idx', 'occasions_client_idx', 'occasions_support_idx'],
  async apply(trx, events, dialect) {
    const batch = events.flatMap((recorded) => {
      const event = asDomainEvent<OccasionEvent>(recorded, OCCASION_EVENT_TYPES);
      return event ? [{ event, recorded, at: toInstant(recorded.metadata.at, 'metadata.at') }] : [];
    });
    const rows = new RowBatch('occasions');
    await rows.load(
      trx,
      idsToLoad(
        batch,
        ({ event }) => occasionIdOf(event),
        ({ event }) => event.type === 'OccasionScheduled',
      ),
    );
    const deletedClients = new Set<string>();
    const deletedContracts = new Set<string>();
    const deletedUsers = new Set<string>();
    const forgottenClients = new Set<string>();
    for (const { event, recorded, at } of batch) {
      switch (event.type) {
        case 'OccasionScheduled': {
          const d = event.data;
          rows.put({
            id: d.occasionId,
            contract_id: d.contractId,
            client_id: clientIdOf(recorded),
            name: d.name,
            start_at: toInstant(d.start, 'start'),
            end_at: toInstant(d.end, 'end'),
            location: d.location,
            attendees: d.attendees,
            notes: d.notes,
            support_id: null,
            cancelled: 0,
            cancel_reason: null,
            created_at: at,
            updated_at: at,
          });
          break;
        }
        case 'OccasionUpdated': {
          const { name, start, end, location, attendees, notes } = event.data;
          rows.update(event.data.occasionId, (row) => ({
            ...row,
            ...(name !== undefined && { name }),
            ...(start !== undefined && { start_at: toInstant(start, 'start') }),
            ...(end !== undefined && { end_at: toInstant(end, 'end') }),
            ...(location !== undefined && { location }),
            ...(attendees !== undefined && { attendees }),
            ...(notes !== undefined && { notes }),
            updated_at: at,
          }));
          break;
        }
        case 'SupportAssigned':
          rows.update(event.data.occasionId, (row) => ({ ...row, support_id: event.data.supportId, updated_at: at }));
          break;
        case 'SupportUnassigned':
          rows.update(event.data.occasionId, (row) => ({ ...row, support_id: null, updated_at: at }));
          break;
        case 'OccasionCancelled':
          rows.update(event.data.occasionId, (row) => ({ ...row, cancelled: 1, cancel_reason: event.data.reason, updated_at: at }));
          break;
        case 'ContractDeleted': {
          const { contractId } = event.data;
          deletedContracts.add(contractId);
          for (const row of [...rows.live()]) if (row.contract_id === contractId) rows.remove(row.id);
          break;
        }
        case 'ClientDeleted': {
          const { clientId } = event.data;
          deletedClients.add(clientId);
          for (const row of [...rows.live()]) if (row.client_id === clientId) rows.remove(row.id);
          break;
        }
        case 'ClientForgotten': {
          // The notes and the cancel reason are the client's personal data (src/privacy/personal-fields.ts): erased with it.
          const { clientId } = event.data;
          forgottenClients.add(clientId);
          for (const row of [...rows.live()]) {
            if (row.client_id === clientId && (row.notes !== null || row.cancel_reason !== null))
              rows.put({ ...row, notes: null, cancel_reason: null });
          }
          break;
        }
        case 'UserDeleted': {
          // Not a change of the occasion's own record (its stream says nothing): updated_at stays.
          const { userId } = event.data;
          deletedUsers.add(userId);
          for (const row of [...rows.live()]) if (row.support_id === userId) rows.put({ ...row, support_id: null });
          break;
        }
        default:
          assertNever(event);
      }
    }
    // Rows not in memory were untouched by this batch: the cascades apply to them as they are.
    await deleteWhereIn(trx, 'occasions', 'contract_id', deletedContracts);
    await deleteWhereIn(trx, 'occasions', 'client_id', deletedClients);
    for (const chunk of chunks([...forgottenClients], MAX_ROWS_PER_STATEMENT)) {
      await trx.updateTable('occasions').set({ notes: null, cancel_reason: null }).where('client_id', 'in', chunk).execute();
    }
    for (const chunk of chunks([...deletedUsers], MAX_ROWS_PER_STATEMENT)) {
      await trx.updateTable('occasions').set({ support_id: null }).where('support_id', 'in', chunk).execute();
    }
    await rows.flush(trx, dialect);
  },
};

function occasionIdOf(event: OccasionEvent): string | undefined {
  switch (event.type) {
    case 'OccasionScheduled':
    case 'OccasionUpdated':
    case 'SupportAssigned':
    case 'SupportUnassigned':
    case 'OccasionCancelled':
      return event.data.occasionId;
    case 'ContractDeleted':
    case 'ClientDeleted':
    case 'ClientForgotten':
    case 'UserDeleted':
      return undefined;
    default:
      return assertNever(event);
  }
}

/** An occasion belongs to the client whose account stream records it. */
function clientIdOf(recorded: RecordedEvent): string {
  if (!recorded.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) {
    throw new Error(`${recorded.type} ${recorded.id} is in stream ${recorded.streamId}, not a client account stream`);
  }
  return recorded.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
}

/**
 * Version 2 of `occasions`: the first migration's shape, with the cancellation.
 * Listings walk the start index and skip the cancelled rows (few, and the
 * same walk serves `--cancelled`, which shows them too).
 */
async function createOccasionsTable(db: SchemaDb, dialect: ReadDialect, names: TableNaming): Promise<void> {
  const t = columnTypes(dialect);
  const occasions = names.table('occasions');
  await db.schema
    .createTable(occasions)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('contract_id', t.id, (c) => c.notNull())
    .addColumn('client_id', t.id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_at', t.instant, (c) => c.notNull())
    .addColumn('end_at', t.instant, (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('notes', t.bigText)
    .addColumn('support_id', t.id)
    .addColumn('cancelled', 'integer', (c) => c.notNull())
    .addColumn('cancel_reason', t.bigText)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .$call(t.options)
    .execute();
  await db.schema.createIndex(names.index('occasions_contract_idx')).on(occasions).column('contract_id').execute();
  await db.schema.createIndex(names.index('occasions_client_idx')).on(occasions).column('client_id').execute();
  await db.schema.createIndex(names.index('occasions_support_idx')).on(occasions).columns(['support_id', 'start_at']).execute();
  await db.schema.createIndex(names.index('occasions_start_idx')).on(occasions).columns(['start_at', 'id']).execute();
}
