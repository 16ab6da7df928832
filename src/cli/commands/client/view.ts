import { Command, Option } from 'clipanion';
import { viewClient } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printRecord } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ClientViewCommand extends EpicCommand {
  static override paths = [
    ['client', 'view'],
    ['clients', 'view'],
  ];
  static override usage = Command.Usage({ category: 'Clients', description: 'show one client' });

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false, { description: 'print JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const client = await viewClient(await runtime.readDb(), actor, this.id);
    if (this.json) printJson(this.context.stdout, client);
    else printRecord(this.context.stdout, Object.entries(client));
  }
}
