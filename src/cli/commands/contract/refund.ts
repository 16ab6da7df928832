import { Option } from 'clipanion';
import { viewContract } from '../../../commands/read-access.js';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { required } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ContractRefundCommand extends MutationCommand {
  static override paths = [
    ['contract', 'refund'],
    ['contracts', 'refund'],
  ];

  id = Option.String({ name: 'id' });
  amount = Option.String('--amount');

  protected async run(runtime: Runtime): Promise<void> {
    let amountCents = 0;
    const { id } = await changeAccountRecord(
      this,
      runtime,
      'contract refund',
      { id: this.id, amount: this.amount },
      { noun: 'contracts', idOrPrefix: this.id },
      async (contractId, contract) => {
        const label = t('cli.field.refund', { paidCents: parseAmount(contract.totalAmount) - parseAmount(contract.remainingAmount) });
        amountCents = parseAmount(await required(this.context, this.amount, { option: '--amount', label, kind: 'amount' }), '--amount');
        return { type: 'RecordRefund', data: { contractId, amountCents } };
      },
    );
    const after = await viewContract(await runtime.readDb(), await runtime.actor(), id);
    this.write(t('cli.done.refunded', { id, amountCents, remainingCents: parseAmount(after.remainingAmount) }));
  }
}
