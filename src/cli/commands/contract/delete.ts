import { Option } from 'clipanion';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { confirmIrreversible } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ContractDeleteCommand extends MutationCommand {
  static override paths = [
    ['contract', 'delete'],
    ['contracts', 'delete'],
  ];

  id = Option.String({ name: 'id' });
  yes = Option.Boolean('--yes', false);

  protected async run(runtime: Runtime): Promise<void> {
    const { before } = await changeAccountRecord(
      this,
      runtime,
      'contract delete',
      { id: this.id },
      { noun: 'contracts', idOrPrefix: this.id },
      async (contractId, contract, context) => {
        refuseUnlessAllowed('contract.delete', context.actor);
        const what = {
          id: contract.id,
          client: contract.clientName,
          totalCents: parseAmount(contract.totalAmount),
          signed: contract.signed,
        };
        await confirmIrreversible(this.context, { yes: this.yes, command: 'contract delete', what: t('cli.confirm.deleteContract', what) });
        return { type: 'DeleteContract', data: { contractId } };
      },
    );
    this.write(t('cli.done.deletedContract', { id: before.id, client: before.clientName }));
  }
}
