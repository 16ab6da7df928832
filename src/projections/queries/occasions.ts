import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import type { OccasionRecord } from '../../records.js';
import type { Database, OccasionRow } from '../read-db/database.js';
import { checkLimit } from './limit.js';
import { occasionScope } from './scope-filter.js';
import { direction, type EventSortField, type Sort } from './sort-fields.js';

const EVENT_SORT: Readonly<Record<EventSortField, keyof OccasionRow & string>> = {
  start: 'start_at',
  end: 'end_at',
  name: 'name',
  attendees: 'attendees',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const BY_START: Sort<EventSortField> = { field: 'start', descending: false };

/** The page's columns: the id and the sort key, under one name whatever the field (names without letter case). */
function pageColumns(sort: Sort<EventSortField>) {
  const column = sql.ref<unknown>(`occasions.${EVENT_SORT[sort.field]}`);
  return ['occasions.id' as const, (sort.field === 'name' ? sql<unknown>`lower(${column})` : column).as('sort_key')];
}

export interface ListOccasionsOptions {
  readonly scope: Scope;
  readonly actorId: string;
  /** Only occasions without a support. */
  readonly unassigned?: boolean | undefined;
  /** Only occasions whose support is the actor. */
  readonly mine?: boolean | undefined;
  readonly clientId?: string | undefined;
  readonly contractId?: string | undefined;
  /** Only occasions whose support is this user (occasions_support_idx). */
  readonly supportId?: string | undefined;
  /** Only occasions starting at or after this instant (ISO, UTC; occasions_start_idx). */
  readonly from?: string | undefined;
  /** Only occasions starting at or before this instant (ISO, UTC). */
  readonly to?: string | undefined;
  /** Cancelled occasions too (hidden otherwise). */
  readonly cancelled?: boolean | undefined;
  readonly limit?: number | undefined;
  /** By start unless told otherwise. */
  readonly sort?: Sort<EventSortField> | undefined;
}

/** Which occasions, in which order: ids and sort key only, so a covering index can answer it. */
type OccasionPage = SelectQueryBuilder<Database, 'occasions', { id: string; sort_key: unknown }>;

/**
 * The occasions picked by `page` (chosen on the occasions table alone, then
 * joined: see contracts.ts), with the client's name and contact and the
 * support's name joined now, so always current.
 */
function withNames(db: Kysely<Database>, page: OccasionPage, sort: Sort<EventSortField>) {
  return db
    .selectFrom(page.as('page'))
    .innerJoin('occasions', 'occasions.id', 'page.id')
    .innerJoin('clients', 'clients.id', 'occasions.client_id')
    .leftJoin('users as support', 'support.id', 'occasions.support_id')
    .select([
      'occasions.id',
      'occasions.name',
      'occasions.contract_id',
      'occasions.client_id',
      'clients.name as client_name',
      'clients.email as client_email',
      'clients.phone as client_phone',
      'occasions.support_id',
      'support.name as support_name',
      'occasions.start_at',
      'occasions.end_at',
      'occasions.location',
      'occasions.attendees',
      'occasions.notes',
      'occasions.created_at',
      'occasions.updated_at',
      'occasions.cancelled',
      'occasions.cancel_reason',
    ])
    .orderBy('page.sort_key', direction(sort))
    .orderBy('page.id', direction(sort));
}

type OccasionResult = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

/** The occasions the scope lets the actor see, by start (or by `sort`, ties by id). `none` sees nothing. */
export async function listOccasions(db: Kysely<Database>, options: ListOccasionsOptions): Promise<OccasionRecord[]> {
  const { scope, actorId, unassigned, mine, clientId, contractId, supportId, from, to, cancelled, limit } = options;
  const sort = options.sort ?? BY_START;
  checkLimit(limit);
  if (scope === 'none') return [];
  const page = db
    .selectFrom('occasions')
    .select(pageColumns(sort))
    .where(occasionScope(scope, actorId))
    .$if(unassigned === true, (qb) => qb.where('occasions.support_id', 'is', null))
    .$if(mine === true, (qb) => qb.where('occasions.support_id', '=', actorId))
    .$if(clientId !== undefined, (qb) => qb.where('occasions.client_id', '=', clientId as string))
    .$if(contractId !== undefined, (qb) => qb.where('occasions.contract_id', '=', contractId as string))
    .$if(supportId !== undefined, (qb) => qb.where('occasions.support_id', '=', supportId as string))
    .$if(from !== undefined, (qb) => qb.where('occasions.start_at', '>=', from as string))
    .$if(to !== undefined, (qb) => qb.where('occasions.start_at', '<=', to as string))
    .$if(cancelled !== true, (qb) => qb.where('occasions.cancelled', '=', 0))
    .orderBy('sort_key', direction(sort))
    .orderBy('occasions.id', direction(sort))
    .$if(limit !== undefined, (qb) => qb.limit(limit as number));
  const rows = await withNames(db, page, sort).execute();
  return rows.map(toOccasionRecord);
}

export async function getOccasion(db: Kysely<Database>, id: string): Promise<OccasionRecord | undefined> {
  const page = db.selectFrom('occasions').select(pageColumns(BY_START)).where('occasions.id', '=', id);
  const row = await withNames(db, page, BY_START).executeTakeFirst();
  return row && toOccasionRecord(row);
}

/**
 * The supports assigned to the occasions of a client (or of one contract):
 * the facts `isAllowed` needs for the `assigned` scope of a view.
 */
export async function assignedSupportIds(
  db: Kysely<Database>,
  of: { readonly clientId?: string; readonly contractId?: string },
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('occasions')
    .select('support_id')
    .distinct()
    .where('support_id', 'is not', null)
    .$if(of.clientId !== undefined, (qb) => qb.where('client_id', '=', of.clientId as string))
    .$if(of.contractId !== undefined, (qb) => qb.where('contract_id', '=', of.contractId as string))
    .execute();
  return new Set(rows.flatMap((row) => (row.support_id === null ? [] : [row.support_id])));
}

function toOccasionRecord(row: OccasionResult): OccasionRecord {
  return {
    id: row.id,
    name: row.name,
    contractId: row.contract_id,
    clientId: row.client_id,
    clientName: row.client_name,
    clientContact: { email: row.client_email, phone: row.client_phone },
    supportId: row.support_id,
    supportName: row.support_id === null ? null : row.support_name,
    start: row.start_at,
    end: row.end_at,
    location: row.location,
    attendees: Number(row.attendees),
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: Number(row.cancelled) === 1 ? 'cancelled' : 'scheduled',
    cancelReason: row.cancel_reason,
  };
}
