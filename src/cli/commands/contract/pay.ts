import { parseAmount } from '../../../domain/values/money.js';
import { t } from '../../say.js';
import { type MoneyMovement, MoneyMovementCommand } from './money-movement.js';

export class ContractPayCommand extends MoneyMovementCommand {
  static override paths = [
    ['contract', 'pay'],
    ['contracts', 'pay'],
  ];

  protected readonly movement: MoneyMovement = {
    command: 'contract pay',
    type: 'RecordPayment',
    label: (contract) => t('cli.field.payment', { remainingCents: parseAmount(contract.remainingAmount) }),
    done: (words) => t('cli.done.paid', words),
  };
}
