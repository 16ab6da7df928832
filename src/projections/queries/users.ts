import type { Kysely } from 'kysely';
import type { Role } from '../../domain/values/roles.js';
import type { UserRecord } from '../../records.js';
import type { Database, UserRow } from '../read-db/database.js';
import { checkLimit } from './limit.js';
import { direction, type Sort, type UserSortField } from './sort-fields.js';

/** Each sort field's column; names and emails without letter case. */
const USER_SORT: Readonly<
  Record<UserSortField, { readonly column: 'name' | 'email' | 'role' | 'created_at' | 'updated_at'; readonly folded: boolean }>
> = {
  name: { column: 'name', folded: true },
  email: { column: 'email', folded: true },
  role: { column: 'role', folded: false },
  createdAt: { column: 'created_at', folded: false },
  updatedAt: { column: 'updated_at', folded: false },
};

export interface ListUsersOptions {
  readonly role?: Role | undefined;
  /** Only the disabled users. */
  readonly disabled?: boolean | undefined;
  /** By name unless told otherwise. */
  readonly sort?: Sort<UserSortField> | undefined;
  readonly limit?: number | undefined;
}

/** The live users, by name (or `sort`), ties by id. */
export async function listUsers(db: Kysely<Database>, options: ListUsersOptions = {}): Promise<UserRecord[]> {
  const { role, disabled, limit } = options;
  checkLimit(limit);
  const sort = options.sort ?? { field: 'name', descending: false };
  const { column, folded } = USER_SORT[sort.field];
  const dir = direction(sort);
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .$if(role !== undefined, (qb) => qb.where('role', '=', role as Role))
    .$if(disabled === true, (qb) => qb.where('disabled', '=', 1))
    .orderBy((eb) => (folded ? eb.fn('lower', [column]) : eb.ref(column)), dir)
    .orderBy('id', dir)
    .$if(limit !== undefined, (qb) => qb.limit(limit as number))
    .execute();
  return rows.map(toUserRecord);
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUserRecord(row);
}

/** The live user with this email (compared without letter case, as the directory keeps them unique); undefined if none. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row && toUserRecord(row);
}

/** `lockedUntil` is not a read table's: the session stream says it (src/commands/read-access.ts adds it). */
function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: Number(row.disabled) === 1,
    lockedUntil: null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
