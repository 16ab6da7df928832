import { Command, Option } from 'clipanion';
import { viewOccasion } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printRecord } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class EventViewCommand extends EpicCommand {
  static override paths = [
    ['event', 'view'],
    ['events', 'view'],
  ];
  static override usage = Command.Usage({ category: 'Events', description: 'show one event' });

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false, { description: 'print JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const event = await viewOccasion(await runtime.readDb(), await runtime.actor(), this.id);
    if (this.json) printJson(this.context.stdout, event);
    else printRecord(this.context.stdout, Object.entries(event));
  }
}
