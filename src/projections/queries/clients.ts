import { type Kysely, sql } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import type { ClientRecord } from '../../records.js';
import type { Database } from '../read-db/database.js';
import { checkLimit } from './limit.js';
import { clientScope } from './scope-filter.js';
import { type ClientSortField, direction, type Sort } from './sort-fields.js';

/** Each sort field's column in the clients table; texts without letter case. The field is also the listing's column name. */
const CLIENT_SORT: Readonly<Record<ClientSortField, { readonly column: string; readonly folded: boolean }>> = {
  name: { column: 'name', folded: true },
  email: { column: 'email', folded: true },
  company: { column: 'company', folded: true },
  createdAt: { column: 'created_at', folded: false },
  updatedAt: { column: 'updated_at', folded: false },
};

const BY_NAME: Sort<ClientSortField> = { field: 'name', descending: false };

/**
 * The ORDER BY of a client listing, on `table`'s columns (`clients`) or on the
 * listing's own names (`listed`, SQLite's JSON listing). There, texts are
 * compared `COLLATE NOCASE` rather than by `lower()`: SQLite's `lower()`
 * folds ASCII letters only, as NOCASE does, so the order is the same, without
 * a lower-cased copy of each of 10,000 names to sort (−6 ms of the query).
 */
function clientOrder(sort: Sort<ClientSortField>, on: 'clients' | 'listed') {
  const { column, folded } = CLIENT_SORT[sort.field];
  const ref = sql.ref(on === 'clients' ? `clients.${column}` : `listed.${sort.field}`);
  const id = sql.ref(`${on}.id`);
  const dir = sql.raw(direction(sort));
  const key = !folded ? ref : on === 'listed' ? sql`${ref} collate nocase` : sql`lower(${ref})`;
  return sql`${key} ${dir}, ${id} ${dir}`;
}

export interface ListClientsOptions {
  readonly scope: Scope;
  readonly actorId: string;
  /** Case-insensitive text found in the name, the email or the company. */
  readonly search?: string | undefined;
  readonly commercialId?: string | undefined;
  /** By name unless told otherwise. */
  readonly sort?: Sort<ClientSortField> | undefined;
  readonly limit?: number | undefined;
}

/**
 * A client record's fields in its order (records.ts `ClientRecord`), the
 * names `selectClients` selects under: the JSON listing below builds its
 * objects from these, and the compiler demands every field of the record here.
 */
const CLIENT_FIELDS: Readonly<Record<keyof ClientRecord, true>> = {
  id: true,
  name: true,
  email: true,
  phone: true,
  company: true,
  commercialId: true,
  commercialName: true,
  erased: true,
  createdAt: true,
  updatedAt: true,
};

/**
 * The columns come back under the record's own names, in its order: a listing
 * of 10,000 clients is returned as the driver built it, with no second object
 * per row (that copy and its garbage were ~15% of reading them).
 */
function selectClients(db: Kysely<Database>) {
  return db
    .selectFrom('clients')
    .leftJoin('users as commercial', 'commercial.id', 'clients.commercial_id')
    .select((eb) => [
      'clients.id',
      'clients.name',
      // A forgotten client's row keeps an empty email (clients-projection.ts, ERASED_CLIENT_ROW).
      eb.fn<string | null>('nullif', ['clients.email', eb.val('')]).as('email'),
      'clients.phone',
      'clients.company',
      'clients.commercial_id as commercialId',
      'commercial.name as commercialName',
      eb('clients.email', '=', '').as('erased'),
      'clients.created_at as createdAt',
      'clients.updated_at as updatedAt',
    ]);
}

/**
 * The clients the scope and the filters let through, in the listing's order, the first `limit` of them.
 * `unordered`: every one of them in no particular order, for a caller that orders them itself (no limit only).
 */
function visibleClients(db: Kysely<Database>, options: ListClientsOptions, unordered = false) {
  const { scope, actorId, commercialId, limit } = options;
  const needle = options.search?.trim().toLowerCase() ?? '';
  return (
    selectClients(db)
      .where(clientScope(scope as Exclude<Scope, 'none'>, actorId))
      .$if(commercialId !== undefined, (qb) => qb.where('clients.commercial_id', '=', commercialId as string))
      // instr() rather than LIKE: the same on both dialects, and no wildcard in the text to escape.
      .$if(needle !== '', (qb) => qb.where((eb) => eb(eb.fn('instr', ['clients.search', eb.val(needle)]), '>', 0)))
      .$if(!unordered || limit !== undefined, (qb) => qb.orderBy(clientOrder(options.sort ?? BY_NAME, 'clients')))
      .$if(limit !== undefined, (qb) => qb.limit(limit as number))
  );
}

/** The drivers give `erased` as 0 or 1: a boolean in place, without a second object per row. */
function withErased<R extends { erased: unknown }>(rows: R[]): (Omit<R, 'erased'> & { erased: boolean })[] {
  for (const row of rows) (row as { erased: unknown }).erased = row.erased === 1 || row.erased === true;
  return rows as (Omit<R, 'erased'> & { erased: boolean })[];
}

/** The clients the scope lets the actor see, by name (or by `sort`, ties by id). `none` sees nothing. */
export async function listClients(db: Kysely<Database>, options: ListClientsOptions): Promise<ClientRecord[]> {
  checkLimit(options.limit);
  if (options.scope === 'none') return [];
  const rows = await visibleClients(db, options).execute();
  return withErased(rows) satisfies ClientRecord[];
}

/**
 * The same listing as `listClients`, as the text of its JSON array, built by
 * SQLite (`json_group_array` of `json_object`, ordered inside the aggregate):
 * the same bytes as `JSON.stringify(await listClients(…))`
 * (test/projections/client-list-json.test.ts), without 10,000 row objects
 * built, serialized and collected in JavaScript — the largest part of a
 * `client list --json` launch in profiles. SQLite only (MySQL's
 * JSON_ARRAYAGG has no order). The aggregate orders the array; the rows
 * under it are sorted too only when a limit picks the first of them (a
 * second sort of 10,000 rows was ~8 ms of a 44 ms query).
 */
export async function listClientsJsonSqlite(db: Kysely<Database>, options: ListClientsOptions): Promise<string> {
  checkLimit(options.limit);
  if (options.scope === 'none') return '[]';
  const object = sql.join(
    Object.keys(CLIENT_FIELDS).map((field) =>
      // `erased` is 0 or 1 in SQL: a JSON boolean in the record.
      field === 'erased'
        ? sql`${sql.lit(field)}, json(iif(${sql.ref('listed.erased')}, 'true', 'false'))`
        : sql`${sql.lit(field)}, ${sql.ref(`listed.${field}`)}`,
    ),
  );
  const row = await db
    .selectFrom(visibleClients(db, options, true).as('listed'))
    .select(sql<string>`json_group_array(json_object(${object}) order by ${clientOrder(options.sort ?? BY_NAME, 'listed')})`.as('json'))
    .executeTakeFirstOrThrow();
  return row.json;
}

export async function getClient(db: Kysely<Database>, id: string): Promise<ClientRecord | undefined> {
  const row = await selectClients(db).where('clients.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : (withErased([row])[0] satisfies ClientRecord | undefined);
}
