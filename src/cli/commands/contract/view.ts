import { Command, Option } from 'clipanion';
import { viewContract } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printRecord } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ContractViewCommand extends EpicCommand {
  static override paths = [
    ['contract', 'view'],
    ['contracts', 'view'],
  ];
  static override usage = Command.Usage({ category: 'Contracts', description: 'show one contract' });

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false, { description: 'print JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const contract = await viewContract(await runtime.readDb(), await runtime.actor(), this.id);
    if (this.json) printJson(this.context.stdout, contract);
    else printRecord(this.context.stdout, Object.entries(contract));
  }
}
