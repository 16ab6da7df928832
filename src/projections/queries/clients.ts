import type { Kysely } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import type { ClientRecord } from '../../records.js';
import type { Database } from '../read-db/database.js';
import { clientScope } from './scope-filter.js';

export interface ListClientsOptions {
  readonly scope: Scope;
  readonly actorId: string;
  /** Case-insensitive text found in the name, the email or the company. */
  readonly search?: string | undefined;
  readonly commercialId?: string | undefined;
}

/**
 * The columns come back under the record's own names, in its order: a listing
 * of 10,000 clients is returned as the driver built it, with no second object
 * per row (that copy and its garbage were ~15% of reading them).
 */
function selectClients(db: Kysely<Database>) {
  return db
    .selectFrom('clients')
    .leftJoin('users as commercial', 'commercial.id', 'clients.commercial_id')
    .select([
      'clients.id',
      'clients.name',
      'clients.email',
      'clients.phone',
      'clients.company',
      'clients.commercial_id as commercialId',
      'commercial.name as commercialName',
      'clients.created_at as createdAt',
      'clients.updated_at as updatedAt',
    ]);
}

/** The clients the scope lets the actor see, by name. `none` sees nothing. */
export async function listClients(db: Kysely<Database>, options: ListClientsOptions): Promise<ClientRecord[]> {
  const { scope, actorId, commercialId } = options;
  if (scope === 'none') return [];
  const needle = options.search?.trim().toLowerCase() ?? '';
  const rows = await selectClients(db)
    .where(clientScope(scope, actorId))
    .$if(commercialId !== undefined, (qb) => qb.where('clients.commercial_id', '=', commercialId as string))
    // instr() rather than LIKE: the same on both dialects, and no wildcard in the text to escape.
    .$if(needle !== '', (qb) => qb.where((eb) => eb(eb.fn('instr', ['clients.search', eb.val(needle)]), '>', 0)))
    .orderBy((eb) => eb.fn('lower', ['clients.name']))
    .orderBy('clients.id')
    .execute();
  return rows satisfies ClientRecord[];
}

export async function getClient(db: Kysely<Database>, id: string): Promise<ClientRecord | undefined> {
  return (await selectClients(db).where('clients.id', '=', id).executeTakeFirst()) satisfies ClientRecord | undefined;
}
