import type { Kysely } from 'kysely';
import type { Scope } from '../../auth/policy.js';
import type { StoredMessage } from '../../domain/command-log.js';
import { parseDateTime } from '../../domain/values/date-time.js';
import { renderStored } from '../../i18n/stored-message.js';
import type { Translator } from '../../i18n/translator.js';
import type { LogEntryRecord } from '../../records.js';
import type { Database } from '../read-db/database.js';
import { checkLimit } from './limit.js';
import { direction, type LogSortField, type Sort } from './sort-fields.js';

const LOG_SORT: Readonly<Record<LogSortField, 'command_log.at' | 'command_log.command' | 'command_log.outcome'>> = {
  at: 'command_log.at',
  command: 'command_log.command',
  outcome: 'command_log.outcome',
};

export interface ListLogOptions {
  /** `all`: every entry; `own` (and `assigned`): the actor's own entries; `none`: nothing. */
  readonly scope: Scope;
  readonly actorId: string;
  /** Only the entries of this user. */
  readonly userId?: string | undefined;
  /** Only the denied commands. */
  readonly denied?: boolean | undefined;
  /** Only the entries at or after this instant (ISO 8601; without an offset, local time, as the CLI reads dates). */
  readonly since?: string | undefined;
  readonly limit?: number | undefined;
  /** Newest first (the log's order) unless told otherwise. */
  readonly sort?: Sort<LogSortField> | undefined;
}

function selectLog(db: Kysely<Database>) {
  return db
    .selectFrom('command_log')
    .leftJoin('users as actor', 'actor.id', 'command_log.actor_id')
    .select([
      'command_log.id',
      'command_log.at',
      'command_log.actor_id',
      'actor.name as actor_name',
      'command_log.actor_role',
      'command_log.command',
      'command_log.outcome',
      'command_log.reason',
      'command_log.reason_message',
      'command_log.events',
    ]);
}

type LogResult = Awaited<ReturnType<ReturnType<typeof selectLog>['executeTakeFirstOrThrow']>>;

/** The command log, newest first (or by `sort`, ties by id). */
export async function listLog(db: Kysely<Database>, options: ListLogOptions): Promise<LogEntryRecord[]> {
  const { scope, actorId, userId, denied, since, limit, sort } = options;
  checkLimit(limit);
  // The CLI's date-time input (offset or local time) as the UTC instant the log stores.
  const from = since === undefined ? undefined : parseDateTime(since, 'since');
  if (scope === 'none') return [];
  const rows = await selectLog(db)
    .$if(scope !== 'all', (qb) => qb.where('command_log.actor_id', '=', actorId))
    .$if(userId !== undefined, (qb) => qb.where('command_log.actor_id', '=', userId as string))
    .$if(denied === true, (qb) => qb.where('command_log.outcome', '=', 'denied'))
    .$if(from !== undefined, (qb) => qb.where('command_log.at', '>=', from as string))
    .$if(sort === undefined, (qb) => qb.orderBy('command_log.position', 'desc'))
    .$if(sort !== undefined, (qb) =>
      qb
        .orderBy(LOG_SORT[(sort as Sort<LogSortField>).field], direction(sort as Sort<LogSortField>))
        .orderBy('command_log.id', direction(sort as Sort<LogSortField>)),
    )
    .$if(limit !== undefined, (qb) => qb.limit(limit as number))
    .execute();
  return rows.map(toLogEntry);
}

export async function getLogEntry(db: Kysely<Database>, id: string): Promise<LogEntryRecord | undefined> {
  const row = await selectLog(db).where('command_log.id', '=', id).executeTakeFirst();
  return row && toLogEntry(row);
}

function toLogEntry(row: LogResult): LogEntryRecord {
  return {
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
    command: row.command,
    outcome: row.outcome,
    reason: row.reason,
    reasonMessage: row.reason_message === null ? null : (JSON.parse(row.reason_message) as StoredMessage),
    events: JSON.parse(row.events) as string[],
  };
}

/**
 * An entry's reason in the reader's language: its message worded by
 * `translator`, or the text recorded with it when there is no message (an
 * entry recorded before messages were, a bug's text) or this catalogue no
 * longer has its key.
 */
export function logEntryReason(entry: Pick<LogEntryRecord, 'reason' | 'reasonMessage'>, translator: Translator): string | null {
  return renderStored(entry.reasonMessage, entry.reason, translator);
}
