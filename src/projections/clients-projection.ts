import type { AccountEvent } from '../domain/accounts/account-events.js';
import { ERASED_NAME } from '../domain/accounts/account-state.js';
import { assertNever } from '../domain/assert-never.js';
import { asDomainEvent, typeList } from '../domain/decider.js';
import { toInstant } from '../events/instant.js';
import type { Projection } from './projection.js';
import { PROJECTION_VERSIONS } from './projection-versions.js';
import type { ClientsTable, ReadDialect } from './read-db/database.js';
import { idsToLoad, RowBatch } from './read-db/row-batch.js';
import type { SchemaDb, TableNaming } from './read-db/table-ddl.js';
import { columnTypes } from './read-db/table-ddl.js';

type ClientEvent = Extract<
  AccountEvent,
  { type: 'ClientCreated' | 'ClientUpdated' | 'ClientReassigned' | 'ClientDeleted' | 'ClientForgotten' }
>;

const CLIENT_EVENT_TYPES = typeList<ClientEvent['type']>({
  ClientCreated: true,
  ClientUpdated: true,
  ClientReassigned: true,
  ClientDeleted: true,
  ClientForgotten: true,
});

/** What `client list --search` matches: name, email and company, lower-cased, one per line. */
export function clientSearchText(client: Pick<ClientsTable, 'name' | 'email' | 'company'>): string {
  return [client.name, client.email, client.company ?? ''].join('\n').toLowerCase();
}

/**
 * A forgotten client's row: name `[erased]`, and an empty email, which no
 * live client can have (an email is required and checked), so that readers
 * tell it apart (records.ts: `erased`).
 */
export const ERASED_CLIENT_ROW = { name: ERASED_NAME, email: '', phone: null, company: null, search: '' } as const;

/** `clients`: the live clients with their current commercial. A deleted client's row is removed. */
export const clientsProjection: Projection = {
  name: 'clients',
  version: PROJECTION_VERSIONS.clients,
  tables: ['clients'],
  handles: CLIENT_EVENT_TYPES,
  createTables: createClientsTable,
  async apply(trx, events, dialect) {
    const batch = events.flatMap((recorded) => {
      const event = asDomainEvent<ClientEvent>(recorded, CLIENT_EVENT_TYPES);
      return event ? [{ event, at: toInstant(recorded.metadata.at, 'metadata.at') }] : [];
    });
    const rows = new RowBatch('clients');
    await rows.load(
      trx,
      idsToLoad(
        batch,
        ({ event }) => event.data.clientId,
        ({ event }) => event.type === 'ClientCreated',
      ),
    );
    for (const { event, at } of batch) {
      switch (event.type) {
        case 'ClientCreated': {
          const { clientId, name, email, phone, company, commercialId } = event.data;
          const client = { name, email, phone, company };
          rows.put({
            id: clientId,
            ...client,
            commercial_id: commercialId,
            search: clientSearchText(client),
            created_at: at,
            updated_at: at,
          });
          break;
        }
        case 'ClientUpdated':
          rows.update(event.data.clientId, (row) => {
            const { name, email, phone, company } = event.data;
            const next = {
              ...row,
              ...(name !== undefined && { name }),
              ...(email !== undefined && { email }),
              ...(phone !== undefined && { phone }),
              ...(company !== undefined && { company }),
              updated_at: at,
            };
            return { ...next, search: clientSearchText(next) };
          });
          break;
        case 'ClientReassigned':
          rows.update(event.data.clientId, (row) => ({ ...row, commercial_id: event.data.commercialId, updated_at: at }));
          break;
        case 'ClientDeleted':
          rows.remove(event.data.clientId);
          break;
        case 'ClientForgotten':
          // The row stays (its contracts and events still name it), without a personal value left in it.
          rows.update(event.data.clientId, (row) => ({ ...row, ...ERASED_CLIENT_ROW, updated_at: at }));
          break;
        default:
          assertNever(event);
      }
    }
    await rows.flush(trx, dialect);
  },
};

/** Version 1 of `clients`: the shape of the first migration. */
async function createClientsTable(db: SchemaDb, dialect: ReadDialect, names: TableNaming): Promise<void> {
  const t = columnTypes(dialect);
  const clients = names.table('clients');
  await db.schema
    .createTable(clients)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('company', 'text')
    .addColumn('commercial_id', t.id, (c) => c.notNull())
    .addColumn('search', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .$call(t.options)
    .execute();
  await db.schema.createIndex(names.index('clients_commercial_idx')).on(clients).column('commercial_id').execute();
}
