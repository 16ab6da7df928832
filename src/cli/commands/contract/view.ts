import { Option } from 'clipanion';
import { viewContract } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printFields, printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { contractFields } from '../../views.js';

export class ContractViewCommand extends EpicCommand {
  static override paths = [
    ['contract', 'view'],
    ['contracts', 'view'],
  ];

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const contract = await viewContract(await runtime.readDb(), await runtime.actor(), this.id);
    if (this.json) printJson(this.context.stdout, contract);
    else await printFields(this.context, contractFields(contract));
  }
}
