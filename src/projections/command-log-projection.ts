import type { CommandRecord } from '../commands/command-log.js';
import type { NewCommandLogRow } from './database.js';
import { toInstant } from './instant.js';
import type { Projection } from './projection.js';
import { upsertRows } from './upsert.js';

export const COMMAND_RECORDED = 'CommandRecorded';

/**
 * `command_log`: one row per recorded command (stream `command-log`), keyed
 * by command id. Who acted is the event's metadata actor (possibly
 * `anonymous`, role `system`); the name is joined from `users` when read.
 */
export const commandLogProjection: Projection = {
  name: 'command_log',
  version: 1,
  tables: ['command_log'],
  handles: [COMMAND_RECORDED],
  async apply(trx, events, dialect) {
    // A command recorded twice (a retried append that was not recognised) keeps its last record.
    const rows = new Map<string, NewCommandLogRow>();
    for (const recorded of events) {
      if (recorded.type !== COMMAND_RECORDED) continue;
      // The log is written only through recordCommand (src/commands/command-log.ts), with this shape.
      const data = recorded.data as unknown as CommandRecord;
      const id = data.commandId;
      rows.set(id, {
        id,
        position: recorded.position,
        at: toInstant(recorded.metadata.at),
        actor_id: recorded.metadata.actor.id,
        actor_role: recorded.metadata.actor.role,
        command: data.command,
        outcome: data.outcome,
        reason: data.reason ?? null,
        events: JSON.stringify(data.events ?? []),
        args: JSON.stringify(data.args ?? {}),
      });
    }
    await upsertRows(trx, dialect, 'command_log', [...rows.values()], { key: ['id'] });
  },
};
