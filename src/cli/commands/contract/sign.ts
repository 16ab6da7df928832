import { Command, Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class ContractSignCommand extends MutationCommand {
  static override paths = [
    ['contract', 'sign'],
    ['contracts', 'sign'],
  ];
  static override usage = Command.Usage({ category: 'Contracts', description: 'record that the client signed the contract' });

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const id = await changeAccountRecord(
      this,
      runtime,
      'contract sign',
      { id: this.id },
      { noun: 'contracts', idOrPrefix: this.id },
      (contractId) => ({
        type: 'SignContract',
        data: { contractId },
      }),
    );
    this.write(`signed contract ${id}`);
  }
}
