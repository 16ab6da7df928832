import type { Kysely } from 'kysely';
import type { Role } from '../../domain/values/roles.js';
import type { UserRecord } from '../../records.js';
import type { Database, UserRow } from '../read-db/database.js';

export interface ListUsersOptions {
  readonly role?: Role | undefined;
  /** Only the disabled users. */
  readonly disabled?: boolean | undefined;
}

/** The live users, by name. */
export async function listUsers(db: Kysely<Database>, options: ListUsersOptions = {}): Promise<UserRecord[]> {
  const { role, disabled } = options;
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .$if(role !== undefined, (qb) => qb.where('role', '=', role as Role))
    .$if(disabled === true, (qb) => qb.where('disabled', '=', 1))
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
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
