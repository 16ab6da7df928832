import { Command, Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class EventListCommand extends EpicCommand {
  static override paths = [
    ['event', 'list'],
    ['events', 'list'],
  ];
  static override usage = Command.Usage({
    category: 'Events',
    description: 'list the events you may see',
    details: "Each event shows its client's name and contact as they are now.",
  });

  unassigned = Option.Boolean('--unassigned', false, { description: 'only events without a support' });
  mine = Option.Boolean('--mine', false, { description: 'only events assigned to you' });
  json = Option.Boolean('--json', false, { description: 'print a JSON array' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('event.view', actor);
    const db = await runtime.readDb();
    const { listOccasions } = await import('../../../projections/queries/index.js');
    const events = await listOccasions(db.db, { scope, actorId: actor.id, unassigned: this.unassigned, mine: this.mine });
    if (this.json) printJson(this.context.stdout, events);
    else
      printTable(
        this.context.stdout,
        events,
        [
          { header: 'id', value: (e) => e.id },
          { header: 'name', value: (e) => e.name },
          { header: 'client', value: (e) => e.clientName },
          { header: 'start', value: (e) => e.start },
          { header: 'end', value: (e) => e.end },
          { header: 'location', value: (e) => e.location },
          { header: 'attendees', value: (e) => e.attendees },
          { header: 'support', value: (e) => e.supportName ?? '(unassigned)' },
        ],
        'no events',
      );
  }
}
