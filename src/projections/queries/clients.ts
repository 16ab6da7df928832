import type { Kysely } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import type { Database } from '../database.js';
import type { ClientRecord } from './records.js';
import { clientScope } from './scope-filter.js';

export interface ListClientsOptions {
  readonly scope: Scope;
  readonly actorId: string;
  /** Case-insensitive text found in the name, the email or the company. */
  readonly search?: string | undefined;
  readonly commercialId?: string | undefined;
}

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
      'clients.commercial_id',
      'commercial.name as commercial_name',
      'clients.created_at',
      'clients.updated_at',
    ]);
}

type ClientResult = Awaited<ReturnType<ReturnType<typeof selectClients>['executeTakeFirstOrThrow']>>;

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
  return rows.map(toClientRecord);
}

export async function getClient(db: Kysely<Database>, id: string): Promise<ClientRecord | undefined> {
  const row = await selectClients(db).where('clients.id', '=', id).executeTakeFirst();
  return row && toClientRecord(row);
}

function toClientRecord(row: ClientResult): ClientRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    commercialId: row.commercial_id,
    commercialName: row.commercial_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
