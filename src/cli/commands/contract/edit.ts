import { Command, Option } from 'clipanion';
import { viewContract } from '../../../commands/read-access.js';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class ContractEditCommand extends MutationCommand {
  static override paths = [
    ['contract', 'edit'],
    ['contracts', 'edit'],
  ];
  static override usage = Command.Usage({ category: 'Contracts', description: 'change the total or the remaining amount' });

  id = Option.String({ name: 'id' });
  total = Option.String('--total', { description: 'new total' });
  remaining = Option.String('--remaining', { description: 'new amount still due' });
  json = Option.Boolean('--json', false, { description: 'print the contract as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const id = await changeAccountRecord(
      this,
      runtime,
      'contract edit',
      { id: this.id, total: this.total, remaining: this.remaining },
      { noun: 'contracts', idOrPrefix: this.id },
      (contractId) => ({
        type: 'AmendContract',
        data: {
          contractId,
          ...(this.total !== undefined && { totalCents: parseAmount(this.total, '--total') }),
          ...(this.remaining !== undefined && { remainingCents: parseAmount(this.remaining, '--remaining') }),
        },
      }),
    );
    if (this.json) printJson(this.context.stdout, await viewContract(await runtime.readDb(), await runtime.actor(), id));
    else this.write(`updated contract ${id}`);
  }
}
