import { Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveId, resolveUserId } from '../../../commands/read-access.js';
import type { OccasionRecord } from '../../../records.js';
import { EpicCommand } from '../../base-command.js';
import { listOptions } from '../../list-options.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { parseTypedDateTime } from '../../typed-input.js';
import { tableDateTime } from '../../views.js';

export class EventListCommand extends EpicCommand {
  static override paths = [
    ['event', 'list'],
    ['events', 'list'],
  ];

  unassigned = Option.Boolean('--unassigned', false);
  mine = Option.Boolean('--mine', false);
  client = Option.String('--client');
  support = Option.String('--support');
  from = Option.String('--from');
  to = Option.String('--to');
  limit = Option.String('--limit');
  sort = Option.String('--sort');
  cancelled = Option.Boolean('--cancelled', false);
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('event.view', actor);
    // Bad dates are refused before anything is opened.
    const from = this.from === undefined ? undefined : parseTypedDateTime(this.from, '--from');
    const to = this.to === undefined ? undefined : parseTypedDateTime(this.to, '--to');
    const listing = listOptions('event', { limit: this.limit, sort: this.sort });
    const db = await runtime.readDb();
    const clientId = this.client === undefined ? undefined : await resolveId(db, 'clients', this.client, actor);
    const supportId = this.support === undefined ? undefined : await resolveUserId(db, this.support);
    const { listOccasions } = await import('../../../projections/queries/index.js');
    const events = await listOccasions(db.db, {
      scope,
      actorId: actor.id,
      unassigned: this.unassigned,
      mine: this.mine,
      ...(clientId !== undefined && { clientId }),
      ...(supportId !== undefined && { supportId }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ...listing,
      cancelled: this.cancelled,
    });
    if (this.json) printJson(this.context.stdout, events);
    else
      await printTable(
        this.context,
        events,
        [
          { header: t('cli.column.id'), value: (e) => e.id },
          { header: t('cli.column.start'), value: (e) => tableDateTime(e.start) },
          { header: t('cli.column.end'), value: (e) => tableDateTime(e.end), drop: 3 },
          { header: t('cli.column.name'), value: (e) => e.name, shrink: 1 },
          { header: t('cli.column.client'), value: (e) => e.clientName, shrink: 2 },
          { header: t('cli.column.location'), value: (e) => e.location, shrink: 3, drop: 2 },
          { header: t('cli.column.attendees'), value: (e) => e.attendees, align: 'right', drop: 1 },
          {
            header: t('cli.column.support'),
            value: (e) => e.supportName ?? t('cli.unassigned'),
            shrink: 2,
            style: (e) => (e.supportId === null ? 'yellow' : undefined),
          },
          ...(this.cancelled
            ? [
                {
                  header: t('cli.field.status'),
                  value: (e: OccasionRecord) => t(e.status === 'cancelled' ? 'cli.status.cancelled' : 'cli.status.scheduled'),
                  style: (e: OccasionRecord) => (e.status === 'cancelled' ? ('red' as const) : undefined),
                },
              ]
            : []),
        ],
        t('cli.empty.events'),
      );
  }
}
