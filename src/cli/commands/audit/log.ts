import { Command, Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { parseDateTime } from '../../../domain/values/date-time.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import { parseCount } from '../../parse-count.js';
import type { Runtime } from '../../runtime.js';

export class LogCommand extends EpicCommand {
  static override paths = [['log']];
  static override usage = Command.Usage({
    category: 'Audit',
    description: 'the command log: every attempted change, accepted, rejected, denied or failed',
    details: 'gestion sees every entry; others see their own.',
    examples: [['Refused attempts of the last day', '$0 log --denied --since 2026-06-03']],
  });

  user = Option.String('--user', { description: 'only this user (id or prefix, or "anonymous")' });
  denied = Option.Boolean('--denied', false, { description: 'only attempts the policy denied' });
  since = Option.String('--since', { description: 'only entries at or after this date-time' });
  limit = Option.String('--limit', { description: 'at most this many entries (newest first), default 100' });
  json = Option.Boolean('--json', false, { description: 'print a JSON array' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('log.list', actor);
    const since = this.since === undefined ? undefined : parseDateTime(this.since, '--since');
    const limit = this.limit === undefined ? 100 : parseCount(this.limit, '--limit');
    const db = await runtime.readDb();
    const { listLog } = await import('../../../projections/queries/index.js');
    const { resolveId } = await import('../../../commands/read-access.js');
    const userId = this.user === undefined || this.user === 'anonymous' ? this.user : await resolveId(db, 'users', this.user);
    const entries = await listLog(db.db, {
      scope,
      actorId: actor.id,
      denied: this.denied,
      limit,
      ...(userId !== undefined && { userId }),
      ...(since !== undefined && { since }),
    });
    if (this.json) printJson(this.context.stdout, entries);
    else
      printTable(
        this.context.stdout,
        entries,
        [
          { header: 'at', value: (e) => e.at },
          { header: 'who', value: (e) => `${e.actor.name ?? e.actor.id} (${e.actor.role})` },
          { header: 'command', value: (e) => e.command },
          { header: 'outcome', value: (e) => e.outcome },
          { header: 'reason', value: (e) => e.reason },
          { header: 'events', value: (e) => e.events.length },
        ],
        'no entries',
      );
  }
}
