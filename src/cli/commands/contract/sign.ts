import { Option } from 'clipanion';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ContractSignCommand extends MutationCommand {
  static override paths = [
    ['contract', 'sign'],
    ['contracts', 'sign'],
  ];

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const { id, before } = await changeAccountRecord(
      this,
      runtime,
      'contract sign',
      { id: this.id },
      { noun: 'contracts', idOrPrefix: this.id },
      (contractId) => ({ type: 'SignContract', data: { contractId } }),
    );
    this.write(t('cli.done.signed', { id, client: before.clientName, totalCents: parseAmount(before.totalAmount) }));
  }
}
