import type { Kysely } from 'kysely';
import { MIN_ID_PREFIX } from '../../domain/values/ids.js';
import { InvalidInput, NotFound, OutOfScope } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { Database } from '../read-db/database.js';
import type { IdNoun } from '../read-problems.js';
import { clientScope, contractScope, occasionScope, type VisibleScope } from './scope-filter.js';

export type IdTable = 'users' | 'clients' | 'contracts' | 'occasions' | 'command_log';

/** What the CLI calls the records of each table. */
const NOUNS: Readonly<Record<IdTable, IdNoun>> = {
  users: 'user',
  clients: 'client',
  contracts: 'contract',
  occasions: 'event',
  command_log: 'logEntry',
};

/** Whose view a prefix is resolved in: only the records `actorId` may see in `scope` (the view action's) count. */
export interface IdScope {
  readonly scope: VisibleScope;
  readonly actorId: string;
}

/**
 * The full id named by `input`: an exact id always wins; otherwise a prefix of
 * at least 4 characters that starts exactly one id. NotFound when nothing
 * matches; InvalidInput when the input is shorter than 4 characters or
 * ambiguous (the message says how many match).
 *
 * With `within`, a prefix only matches records in that view (clients,
 * contracts and events; users are gestion's alone): one outside it neither
 * makes a prefix ambiguous nor is resolved, so no answer reveals it (an exact
 * id is returned as is; the caller's scope check then answers it as not
 * found). A prefix that only such records match answers as not found too, as
 * an OutOfScope: the command log records the probe as denied. Listings filter on the same tables the same way (scope-filter.ts).
 *
 * The prefix is a range on the primary key (`id >= prefix AND id < next`), so
 * it uses the index and has no wildcard to escape; both dialects compare ids
 * byte by byte (SQLite BINARY, MySQL utf8mb4_bin).
 */
export async function resolveId(db: Kysely<Database>, table: IdTable, input: string, within?: IdScope): Promise<string> {
  const noun = NOUNS[table];
  const exact = await db.selectFrom(table).select('id').where('id', '=', input).executeTakeFirst();
  if (exact) return exact.id;
  if (input.length < MIN_ID_PREFIX) {
    throw new InvalidInput(msg('values.id.tooShort', { noun, input, min: MIN_ID_PREFIX }));
  }
  const matches = prefixMatches(db, table, input, within);
  const [first, second] = await matches.first(2);
  if (!first) {
    // Only records out of view match: the same answer as none (exit 5), recorded as a denied read (a probe).
    if (within !== undefined && (await prefixMatches(db, table, input, undefined).first(1)).length > 0)
      throw new OutOfScope(msg('values.id.notFound', { noun, input }));
    throw new NotFound(msg('values.id.notFound', { noun, input }));
  }
  if (!second) return first;
  throw new InvalidInput(msg('values.id.ambiguous', { noun, input, count: await matches.count() }));
}

/** The ids in `table` that start with `input`, in `within`'s view when given: the first few, and how many. */
function prefixMatches(
  db: Kysely<Database>,
  table: IdTable,
  input: string,
  within: IdScope | undefined,
): { first(limit: number): Promise<string[]>; count(): Promise<number> } {
  const next = successor(input);
  const scoped = within !== undefined && within.scope !== 'all';
  const range = (() => {
    if (scoped && table === 'clients') return db.selectFrom('clients').where(clientScope(within.scope, within.actorId));
    if (scoped && table === 'contracts') return db.selectFrom('contracts').where(contractScope(within.scope, within.actorId));
    if (scoped && table === 'occasions') return db.selectFrom('occasions').where(occasionScope(within.scope, within.actorId));
    return db.selectFrom(table);
  })()
    .where('id', '>=', input)
    .where('id', '<', next);
  return {
    first: async (limit) => (await range.select('id').orderBy('id').limit(limit).execute()).map((row) => row.id),
    count: async () => Number((await range.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow()).count),
  };
}

/** The smallest string above every string that starts with `prefix`: its last character, plus one. */
function successor(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}
