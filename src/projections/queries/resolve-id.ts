import type { Kysely } from 'kysely';
import { MIN_ID_PREFIX } from '../../domain/values/ids.js';
import { InvalidInput, NotFound } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { Database } from '../read-db/database.js';
import type { IdNoun } from '../read-problems.js';

export type IdTable = 'users' | 'clients' | 'contracts' | 'occasions' | 'command_log';

/** What the CLI calls the records of each table. */
const NOUNS: Readonly<Record<IdTable, IdNoun>> = {
  users: 'user',
  clients: 'client',
  contracts: 'contract',
  occasions: 'event',
  command_log: 'logEntry',
};

/**
 * The full id named by `input`: an exact id always wins; otherwise a prefix of
 * at least 4 characters that starts exactly one id. NotFound when nothing
 * matches; InvalidInput when the input is shorter than 4 characters or
 * ambiguous (the message says how many match).
 *
 * The prefix is a range on the primary key (`id >= prefix AND id < next`), so
 * it uses the index and has no wildcard to escape; both dialects compare ids
 * byte by byte (SQLite BINARY, MySQL utf8mb4_bin).
 */
export async function resolveId(db: Kysely<Database>, table: IdTable, input: string): Promise<string> {
  const noun = NOUNS[table];
  const exact = await db.selectFrom(table).select('id').where('id', '=', input).executeTakeFirst();
  if (exact) return exact.id;
  if (input.length < MIN_ID_PREFIX) {
    throw new InvalidInput(msg('values.id.tooShort', { noun, input, min: MIN_ID_PREFIX }));
  }
  const inRange = db.selectFrom(table).where('id', '>=', input).where('id', '<', successor(input));
  const matches = await inRange.select('id').orderBy('id').limit(2).execute();
  const [first, second] = matches;
  if (!first) throw new NotFound(msg('values.id.notFound', { noun, input }));
  if (!second) return first.id;
  const counted = await inRange.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  throw new InvalidInput(msg('values.id.ambiguous', { noun, input, count: Number(counted.count) }));
}

/** The smallest string above every string that starts with `prefix`: its last character, plus one. */
function successor(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}
