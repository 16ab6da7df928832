import { Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { parseDuration } from '../../../config/config.js';
import { currentTranslator } from '../../../i18n/translator.js';
import { EpicCommand } from '../../base-command.js';
import { parseLimit, parseSort } from '../../list-options.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { parseTypedDateTime } from '../../typed-input.js';
import { tableDateTime } from '../../views.js';

export class LogCommand extends EpicCommand {
  static override paths = [['log']];

  user = Option.String('--user');
  denied = Option.Boolean('--denied', false);
  since = Option.String('--since');
  limit = Option.String('--limit');
  sort = Option.String('--sort');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('log.list', actor);
    // A relative time (`90m`, `1h`, `2d`: that long ago) or a date-time.
    const since =
      this.since === undefined
        ? undefined
        : /^\s*\d+\s*[smhd]\s*$/.test(this.since)
          ? new Date(runtime.now().getTime() - parseDuration(this.since, '--since') * 1000).toISOString()
          : parseTypedDateTime(this.since, '--since');
    const limit = this.limit === undefined ? 100 : parseLimit(this.limit);
    const sort = this.sort === undefined ? undefined : parseSort('log', this.sort);
    const db = await runtime.readDb();
    const { listLog, logEntryReason } = await import('../../../projections/queries/index.js');
    const { resolveUserId } = await import('../../../commands/read-access.js');
    const userId = this.user === undefined || this.user === 'anonymous' ? this.user : await resolveUserId(db, this.user);
    const entries = await listLog(db.db, {
      scope,
      actorId: actor.id,
      denied: this.denied,
      limit,
      ...(userId !== undefined && { userId }),
      ...(since !== undefined && { since }),
      ...(sort !== undefined && { sort }),
    });
    if (this.json) printJson(this.context.stdout, entries);
    else {
      // Each reason in the reader's language (its stored message), not in the words its actor read.
      const translator = await currentTranslator();
      await printTable(
        this.context,
        entries,
        [
          { header: t('cli.column.at'), value: (e) => tableDateTime(e.at) },
          { header: t('cli.column.who'), value: (e) => `${e.actor.name ?? e.actor.id} (${e.actor.role})`, shrink: 2 },
          { header: t('cli.column.command'), value: (e) => e.command, shrink: 1 },
          {
            header: t('cli.column.outcome'),
            value: (e) => t(`cli.outcome.${e.outcome}`),
            style: (e) => (e.outcome === 'accepted' ? 'green' : e.outcome === 'failed' ? 'red' : 'yellow'),
          },
          { header: t('cli.column.reason'), value: (e) => logEntryReason(e, translator), shrink: 3 },
          { header: t('cli.column.events'), value: (e) => e.events.length, align: 'right', drop: 1 },
        ],
        t('cli.empty.log'),
      );
    }
  }
}
