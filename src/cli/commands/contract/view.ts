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

  /** A view refused, or answered "not found" outside the actor's scope, is a denied entry of the command log. */
  protected override audited() {
    return { command: 'contract view', args: { id: this.id }, every: false };
  }

  /** Decided on the log (the account's stream), not on the read tables: docs/security.md. */
  protected async run(runtime: Runtime): Promise<void> {
    const contract = await viewContract(await runtime.readDb(), await runtime.actor(), this.id, (await runtime.eventStore()).store);
    if (this.json) printJson(this.context.stdout, contract);
    else await printFields(this.context, contractFields(contract));
  }
}
