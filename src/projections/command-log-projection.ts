import type { AccountEventType } from '../domain/accounts/account-events.js';
import { COMMAND_LOG_EVENT_TYPES, type CommandLogEventType, type CommandRecord } from '../domain/command-log.js';
import { toInstant } from '../events/instant.js';
import { ERASED, PERSONAL_ARGS } from '../privacy/personal-fields.js';
import type { Projection } from './projection.js';
import { PROJECTION_VERSIONS } from './projection-versions.js';
import type { NewCommandLogRow, ReadDialect } from './read-db/database.js';
import type { SchemaDb, TableNaming } from './read-db/table-ddl.js';
import { columnTypes } from './read-db/table-ddl.js';
import { upsertRows } from './read-db/upsert.js';

/**
 * `command_log`: one row per recorded command (stream `command-log`), keyed
 * by command id. Who acted is the event's metadata actor (possibly
 * `anonymous`, role `system`); the name is joined from `users` when read.
 *
 * Version 2 adds `reason_message`: the reason as a catalogue message (JSON),
 * for entries recorded since `CommandRecorded` v2; null before.
 *
 * Version 3 adds `subject`: the client an entry's personal values were sealed
 * for (src/privacy). `ClientForgotten` overwrites those values in the rows of
 * that client with `[erased]`, as the log itself now reads.
 */
export const commandLogProjection: Projection = {
  name: 'command_log',
  version: PROJECTION_VERSIONS.command_log,
  tables: ['command_log'],
  handles: [...COMMAND_LOG_EVENT_TYPES, 'ClientForgotten'] satisfies readonly (CommandLogEventType | AccountEventType)[],
  createTables: createCommandLogTable,
  async apply(trx, events, dialect) {
    const rows = new Map<string, NewCommandLogRow>();
    const forgotten: string[] = [];
    for (const recorded of events) {
      if (recorded.type === 'ClientForgotten') {
        const clientId = (recorded.data as { clientId?: unknown }).clientId;
        if (typeof clientId === 'string') forgotten.push(clientId);
        // Rows of this batch not written yet are erased as they are written.
        for (const row of rows.values()) if (row.subject === clientId) row.args = erasedArgs(row.command, row.args);
        continue;
      }
      if (recorded.type !== 'CommandRecorded') continue;
      // The log is written only through recordCommand (src/commands/command-log.ts), with this shape.
      const data = recorded.data as unknown as CommandRecord;
      const id = data.commandId;
      if (rows.get(id)?.outcome === 'accepted' && data.outcome !== 'accepted') continue;
      rows.set(id, {
        id,
        position: recorded.position,
        at: toInstant(recorded.metadata.at, 'metadata.at'),
        actor_id: recorded.metadata.actor.id,
        actor_role: recorded.metadata.actor.role,
        command: data.command,
        outcome: data.outcome,
        reason: data.reason ?? null,
        reason_message: data.reasonMessage ? JSON.stringify(data.reasonMessage) : null,
        events: JSON.stringify(data.events ?? []),
        args: JSON.stringify(data.args ?? {}),
        subject: typeof data.subject === 'string' ? data.subject : null,
      });
    }
    // The accepted entry of a command is its record: an entry of another outcome under the same id (a
    // failure reported for a commit whose reply was lost) never replaces it.
    const all = [...rows.values()];
    await upsertRows(
      trx,
      dialect,
      'command_log',
      all.filter((row) => row.outcome === 'accepted'),
      { key: ['id'] },
    );
    await upsertRows(
      trx,
      dialect,
      'command_log',
      all.filter((row) => row.outcome !== 'accepted'),
      { key: ['id'], update: [] },
    );
    for (const clientId of forgotten) {
      const sealed = await trx.selectFrom('command_log').select(['id', 'command', 'args']).where('subject', '=', clientId).execute();
      for (const row of sealed) {
        const args = erasedArgs(row.command, row.args);
        if (args !== row.args) await trx.updateTable('command_log').set({ args }).where('id', '=', row.id).execute();
      }
    }
  },
};

/** Version 2 of `command_log`: the first migration's shape, and `reason_message`. */
async function createCommandLogTable(db: SchemaDb, dialect: ReadDialect, names: TableNaming): Promise<void> {
  const t = columnTypes(dialect);
  const log = names.table('command_log');
  await db.schema
    .createTable(log)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('actor_id', t.id, (c) => c.notNull())
    .addColumn('actor_role', 'varchar(16)', (c) => c.notNull())
    .addColumn('command', 'varchar(100)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reason_message', 'text')
    .addColumn('events', t.bigText, (c) => c.notNull())
    .addColumn('args', t.bigText, (c) => c.notNull())
    .addColumn('subject', t.id)
    .$call(t.options)
    .execute();
  await db.schema.createIndex(names.index('command_log_position_idx')).on(log).column('position').execute();
  await db.schema.createIndex(names.index('command_log_actor_idx')).on(log).columns(['actor_id', 'position']).execute();
  await db.schema.createIndex(names.index('command_log_at_idx')).on(log).column('at').execute();
  await db.schema.createIndex(names.index('command_log_outcome_idx')).on(log).columns(['outcome', 'position']).execute();
  await db.schema.createIndex(names.index('command_log_subject_idx')).on(log).column('subject').execute();
}

/** The arguments' JSON with the command's personal options (personal-fields.ts) read as `[erased]`. */
function erasedArgs(command: string, json: string): string {
  const personal = PERSONAL_ARGS[command] ?? [];
  const args = JSON.parse(json) as Record<string, unknown>;
  let changed = false;
  for (const field of personal) {
    if (args[field] !== undefined && args[field] !== null && args[field] !== ERASED) {
      args[field] = ERASED;
      changed = true;
    }
  }
  return changed ? JSON.stringify(args) : json;
}
