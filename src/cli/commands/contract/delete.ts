import { Command, Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class ContractDeleteCommand extends MutationCommand {
  static override paths = [
    ['contract', 'delete'],
    ['contracts', 'delete'],
  ];
  static override usage = Command.Usage({ category: 'Contracts', description: 'delete a contract without events (gestion only)' });

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const id = await changeAccountRecord(
      this,
      runtime,
      'contract delete',
      { id: this.id },
      { noun: 'contracts', idOrPrefix: this.id },
      (contractId) => ({
        type: 'DeleteContract',
        data: { contractId },
      }),
    );
    this.write(`deleted contract ${id}`);
  }
}
