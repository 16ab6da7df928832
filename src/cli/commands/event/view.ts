import { Option } from 'clipanion';
import { viewOccasion } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printFields, printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { eventFields } from '../../views.js';

export class EventViewCommand extends EpicCommand {
  static override paths = [
    ['event', 'view'],
    ['events', 'view'],
  ];

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false);

  /** A view refused, or answered "not found" outside the actor's scope, is a denied entry of the command log. */
  protected override audited() {
    return { command: 'event view', args: { id: this.id }, every: false };
  }

  /** Decided on the log (the account's stream), not on the read tables: docs/security.md. */
  protected async run(runtime: Runtime): Promise<void> {
    const event = await viewOccasion(await runtime.readDb(), await runtime.actor(), this.id, (await runtime.eventStore()).store);
    if (this.json) printJson(this.context.stdout, event);
    else await printFields(this.context, eventFields(event));
  }
}
