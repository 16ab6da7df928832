import type { AccountEvent } from '../domain/accounts/account-events.js';
import { assertNever } from '../domain/assert-never.js';
import { asDomainEvent, typeList } from '../domain/decider.js';
import { toInstant } from '../events/instant.js';
import type { Projection } from './projection.js';
import { PROJECTION_VERSIONS } from './projection-versions.js';
import type { ContractsTable, ReadDialect } from './read-db/database.js';
import { idsToLoad, RowBatch } from './read-db/row-batch.js';
import type { SchemaDb, TableNaming } from './read-db/table-ddl.js';
import { columnTypes } from './read-db/table-ddl.js';
import { deleteWhereIn } from './read-db/upsert.js';

type ContractEvent = Extract<
  AccountEvent,
  {
    type:
      | 'ContractCreated'
      | 'ContractAmended'
      | 'ContractSigned'
      | 'PaymentRecorded'
      | 'RefundRecorded'
      | 'ContractDeleted'
      | 'ClientDeleted';
  }
>;

const CONTRACT_EVENT_TYPES = typeList<ContractEvent['type']>({
  ContractCreated: true,
  ContractAmended: true,
  ContractSigned: true,
  PaymentRecorded: true,
  RefundRecorded: true,
  ContractDeleted: true,
  ClientDeleted: true,
});

/**
 * `contracts`: the live contracts. The commercial is not stored: it is the
 * client's, joined at query time. A deleted contract's row is removed, and so
 * are a deleted client's contracts (the command side refuses that deletion
 * while contracts exist; the projection does not rely on it).
 */
export const contractsProjection: Projection = {
  name: 'contracts',
  version: PROJECTION_VERSIONS.contracts,
  tables: ['contracts'],
  handles: CONTRACT_EVENT_TYPES,
  createTables: createContractsTable,
  // The cascade of a deleted client (DELETE ... WHERE client_id IN ...).
  fillIndexes: ['contracts_client_idx'],
  async apply(trx, events, dialect) {
    const batch = events.flatMap((recorded) => {
      const event = asDomainEvent<ContractEvent>(recorded, CONTRACT_EVENT_TYPES);
      return event ? [{ event, at: toInstant(recorded.metadata.at, 'metadata.at') }] : [];
    });
    const rows = new RowBatch('contracts');
    await rows.load(
      trx,
      idsToLoad(
        batch,
        ({ event }) => (event.type === 'ClientDeleted' ? undefined : event.data.contractId),
        ({ event }) => event.type === 'ContractCreated',
      ),
    );
    const deletedClients = new Set<string>();
    for (const { event, at } of batch) {
      switch (event.type) {
        case 'ContractCreated': {
          const { contractId, clientId, totalCents, remainingCents, signed } = event.data;
          rows.put(
            withUnpaid({
              id: contractId,
              client_id: clientId,
              total_cents: totalCents,
              remaining_cents: remainingCents,
              signed: signed ? 1 : 0,
              unpaid: 0,
              created_at: at,
              updated_at: at,
            }),
          );
          break;
        }
        case 'ContractAmended': {
          const { totalCents, remainingCents } = event.data;
          rows.update(event.data.contractId, (row) =>
            withUnpaid({
              ...row,
              ...(totalCents !== undefined && { total_cents: totalCents }),
              ...(remainingCents !== undefined && { remaining_cents: remainingCents }),
              updated_at: at,
            }),
          );
          break;
        }
        case 'ContractSigned':
          rows.update(event.data.contractId, (row) => ({ ...row, signed: 1, updated_at: at }));
          break;
        case 'PaymentRecorded':
          rows.update(event.data.contractId, (row) =>
            withUnpaid({ ...row, remaining_cents: Number(row.remaining_cents) - event.data.amountCents, updated_at: at }),
          );
          break;
        case 'RefundRecorded':
          rows.update(event.data.contractId, (row) =>
            withUnpaid({ ...row, remaining_cents: Number(row.remaining_cents) + event.data.amountCents, updated_at: at }),
          );
          break;
        case 'ContractDeleted':
          rows.remove(event.data.contractId);
          break;
        case 'ClientDeleted': {
          const { clientId } = event.data;
          deletedClients.add(clientId);
          for (const row of [...rows.live()]) if (row.client_id === clientId) rows.remove(row.id);
          break;
        }
        default:
          assertNever(event);
      }
    }
    // Rows not in memory were untouched by this batch: the cascade applies to them as they are.
    await deleteWhereIn(trx, 'contracts', 'client_id', deletedClients);
    await rows.flush(trx, dialect);
  },
};

/** The `unpaid` flag follows the amount still due. */
function withUnpaid(row: ContractsTable): ContractsTable {
  return { ...row, unpaid: Number(row.remaining_cents) > 0 ? 1 : 0 };
}

/** Version 2 of `contracts`: the columns of the first migration; `contracts_client_idx` also holds the flag and the order. */
async function createContractsTable(db: SchemaDb, dialect: ReadDialect, names: TableNaming): Promise<void> {
  const t = columnTypes(dialect);
  const contracts = names.table('contracts');
  await db.schema
    .createTable(contracts)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('client_id', t.id, (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('remaining_cents', 'bigint', (c) => c.notNull())
    .addColumn('signed', 'integer', (c) => c.notNull())
    .addColumn('unpaid', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .$call(t.options)
    .execute();
  // A client's contracts (the cascade of a deleted client, `--client`), and a commercial's first page of `--unpaid`: their
  // clients' unpaid contracts read from this index alone, without a row each (version 2; MySQL read every contract of
  // those clients to test its flag, 27 ms at 200,000 contracts against 5 ms).
  await db.schema
    .createIndex(names.index('contracts_client_idx'))
    .on(contracts)
    .columns(['client_id', 'unpaid', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex(names.index('contracts_created_idx')).on(contracts).columns(['created_at', 'id']).execute();
  // `--unpaid` / `--unsigned`, first page in created order: an equality on the flag, then the index is in order.
  await db.schema.createIndex(names.index('contracts_unpaid_idx')).on(contracts).columns(['unpaid', 'created_at', 'id']).execute();
  await db.schema.createIndex(names.index('contracts_signed_idx')).on(contracts).columns(['signed', 'created_at', 'id']).execute();
}
