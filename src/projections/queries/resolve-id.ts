import type { Kysely } from 'kysely';
import { MIN_ID_PREFIX } from '../../domain/values/ids.js';
import { InvalidInput, NotFound } from '../../errors.js';
import type { Database } from '../read-db/database.js';

export type IdTable = 'users' | 'clients' | 'contracts' | 'occasions' | 'command_log';

/** What the CLI calls the records of each table. */
const NOUNS: Readonly<Record<IdTable, string>> = {
  users: 'user',
  clients: 'client',
  contracts: 'contract',
  occasions: 'event',
  command_log: 'log entry',
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
    throw new InvalidInput(`${noun} id ${JSON.stringify(input)} is too short: give at least ${MIN_ID_PREFIX} characters`);
  }
  const inRange = db.selectFrom(table).where('id', '>=', input).where('id', '<', successor(input));
  const matches = await inRange.select('id').orderBy('id').limit(2).execute();
  const [first, second] = matches;
  if (!first) throw new NotFound(`no ${noun} with id ${JSON.stringify(input)}`);
  if (!second) return first.id;
  const counted = await inRange.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  throw new InvalidInput(
    `${noun} id ${JSON.stringify(input)} is ambiguous: ${Number(counted.count)} ${noun === 'log entry' ? 'log entries' : `${noun}s`} start with it; give more characters`,
  );
}

/** The smallest string above every string that starts with `prefix`: its last character, plus one. */
function successor(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}
