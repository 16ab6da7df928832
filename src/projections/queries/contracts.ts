import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import { formatCents } from '../../domain/values/money.js';
import type { ContractRecord } from '../../records.js';
import type { ContractRow, Database } from '../read-db/database.js';
import { checkLimit } from './limit.js';
import { contractScope } from './scope-filter.js';
import { type ContractSortField, direction, type Sort } from './sort-fields.js';

const CONTRACT_SORT: Readonly<Record<ContractSortField, keyof ContractRow & string>> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  totalAmount: 'total_cents',
  remainingAmount: 'remaining_cents',
  signed: 'signed',
};

export interface ListContractsOptions {
  readonly scope: Scope;
  readonly actorId: string;
  /** Only contracts not signed yet. */
  readonly unsigned?: boolean | undefined;
  /** Only contracts with an amount still due. */
  readonly unpaid?: boolean | undefined;
  readonly clientId?: string | undefined;
  /** Only contracts of the clients whose commercial is this user (clients_commercial_idx). */
  readonly commercialId?: string | undefined;
  /** At most this many (the first page). */
  readonly limit?: number | undefined;
  /** Oldest first unless told otherwise. */
  readonly sort?: Sort<ContractSortField> | undefined;
}

const OLDEST_FIRST: Sort<ContractSortField> = { field: 'createdAt', descending: false };

/** Which contracts, in which order: ids and sort key only, so a covering index can answer it. */
type ContractPage = SelectQueryBuilder<Database, 'contracts', { id: string; sort_key: unknown }>;

/**
 * The contracts picked by `page`, with their client's name and commercial
 * joined now: a reassigned client takes its contracts along. The page is
 * chosen on the contracts table alone and joined afterwards ("deferred
 * join"): MySQL would otherwise start from the smaller clients table and sort
 * everything before applying the limit.
 */
function withNames(db: Kysely<Database>, page: ContractPage, sort: Sort<ContractSortField>) {
  return db
    .selectFrom(page.as('page'))
    .innerJoin('contracts', 'contracts.id', 'page.id')
    .innerJoin('clients', 'clients.id', 'contracts.client_id')
    .leftJoin('users as commercial', 'commercial.id', 'clients.commercial_id')
    .select([
      'contracts.id',
      'contracts.client_id',
      'clients.name as client_name',
      'clients.commercial_id',
      'commercial.name as commercial_name',
      'contracts.total_cents',
      'contracts.remaining_cents',
      'contracts.signed',
      'contracts.created_at',
      'contracts.updated_at',
    ])
    .orderBy('page.sort_key', direction(sort))
    .orderBy('page.id', direction(sort));
}

/** The page's columns: the id and the sort key, under one name whatever the field. */
function pageColumns(sort: Sort<ContractSortField>) {
  return ['contracts.id' as const, sql.ref<unknown>(`contracts.${CONTRACT_SORT[sort.field]}`).as('sort_key')];
}

type ContractResult = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

/** The contracts the scope lets the actor see, oldest first (or by `sort`, ties by id). `none` sees nothing. */
export async function listContracts(db: Kysely<Database>, options: ListContractsOptions): Promise<ContractRecord[]> {
  const { scope, actorId, unsigned, unpaid, clientId, commercialId, limit } = options;
  const sort = options.sort ?? OLDEST_FIRST;
  checkLimit(limit);
  if (scope === 'none') return [];
  const page = db
    .selectFrom('contracts')
    .select(pageColumns(sort))
    .where(contractScope(scope, actorId))
    .$if(unsigned === true, (qb) => qb.where('contracts.signed', '=', 0))
    .$if(unpaid === true, (qb) => qb.where('contracts.unpaid', '=', 1))
    .$if(clientId !== undefined, (qb) => qb.where('contracts.client_id', '=', clientId as string))
    .$if(commercialId !== undefined, (qb) =>
      qb.where(
        'contracts.client_id',
        'in',
        db
          .selectFrom('clients')
          .select('clients.id')
          .where('clients.commercial_id', '=', commercialId as string),
      ),
    )
    .orderBy(`contracts.${CONTRACT_SORT[sort.field]}`, direction(sort))
    .orderBy('contracts.id', direction(sort))
    .$if(limit !== undefined, (qb) => qb.limit(limit as number));
  const rows = await withNames(db, page, sort).execute();
  return rows.map(toContractRecord);
}

export async function getContract(db: Kysely<Database>, id: string): Promise<ContractRecord | undefined> {
  const page = db.selectFrom('contracts').select(pageColumns(OLDEST_FIRST)).where('contracts.id', '=', id);
  const row = await withNames(db, page, OLDEST_FIRST).executeTakeFirst();
  return row && toContractRecord(row);
}

function toContractRecord(row: ContractResult): ContractRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    commercialId: row.commercial_id,
    commercialName: row.commercial_name,
    // BIGINT: a number from both drivers as configured; Number() also accepts a driver's string.
    totalAmount: formatCents(Number(row.total_cents)),
    remainingAmount: formatCents(Number(row.remaining_cents)),
    signed: Number(row.signed) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
