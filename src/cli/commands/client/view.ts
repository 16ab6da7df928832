import { Option } from 'clipanion';
import { viewClient } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printFields, printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { clientFields } from '../../views.js';

export class ClientViewCommand extends EpicCommand {
  static override paths = [
    ['client', 'view'],
    ['clients', 'view'],
  ];

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false);

  /** A view refused, or answered "not found" outside the actor's scope, is a denied entry of the command log. */
  protected override audited() {
    return { command: 'client view', args: { id: this.id }, every: false };
  }

  /** Decided on the log (the account's stream), not on the read tables: docs/security.md. */
  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const client = await viewClient(await runtime.readDb(), actor, this.id, (await runtime.eventStore()).store);
    if (this.json) printJson(this.context.stdout, client);
    else await printFields(this.context, clientFields(client));
  }
}
