import { parseAmount } from '../../../domain/values/money.js';
import { t } from '../../say.js';
import { type MoneyMovement, MoneyMovementCommand } from './money-movement.js';

export class ContractRefundCommand extends MoneyMovementCommand {
  static override paths = [
    ['contract', 'refund'],
    ['contracts', 'refund'],
  ];

  protected readonly movement: MoneyMovement = {
    command: 'contract refund',
    type: 'RecordRefund',
    label: (contract) => t('cli.field.refund', { paidCents: parseAmount(contract.totalAmount) - parseAmount(contract.remainingAmount) }),
    done: (words) => t('cli.done.refunded', words),
  };
}
