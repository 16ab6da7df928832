import { Command, Option } from 'clipanion';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { required } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class ContractPayCommand extends MutationCommand {
  static override paths = [
    ['contract', 'pay'],
    ['contracts', 'pay'],
  ];
  static override usage = Command.Usage({
    category: 'Contracts',
    description: 'record a payment (at most the remaining amount)',
    examples: [['A deposit', '$0 contract pay k3f9 --amount 1500.50']],
  });

  id = Option.String({ name: 'id' });
  amount = Option.String('--amount', { description: 'amount paid' });

  protected async run(runtime: Runtime): Promise<void> {
    const id = await changeAccountRecord(
      this,
      runtime,
      'contract pay',
      { id: this.id, amount: this.amount },
      { noun: 'contracts', idOrPrefix: this.id },
      async (contractId) => ({
        type: 'RecordPayment',
        data: { contractId, amountCents: parseAmount(await required(this.context, '--amount', this.amount, 'amount'), '--amount') },
      }),
    );
    this.write(`recorded payment on contract ${id}`);
  }
}
