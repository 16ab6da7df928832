import { Option } from 'clipanion';
import { viewContract } from '../../../commands/read-access.js';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { isGuided, optional } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ContractEditCommand extends MutationCommand {
  static override paths = [
    ['contract', 'edit'],
    ['contracts', 'edit'],
  ];

  id = Option.String({ name: 'id' });
  total = Option.String('--total');
  remaining = Option.String('--remaining');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const guided = isGuided(this.context, this.total, this.remaining);
    const { id } = await changeAccountRecord(
      this,
      runtime,
      'contract edit',
      { id: this.id, total: this.total, remaining: this.remaining },
      { noun: 'contracts', idOrPrefix: this.id },
      async (contractId, contract) => {
        // On a terminal without options: each amount asked, the current one kept on Enter.
        const total = await optional(
          this.context,
          this.total,
          { option: '--total', label: t('cli.field.total'), kind: 'amount', default: contract.totalAmount },
          guided,
        );
        const remaining = guided ? undefined : this.remaining;
        const totalCents = total === undefined ? undefined : parseAmount(total, '--total');
        // Kept as it was (Enter on the current total): not part of the change.
        const changed = totalCents !== undefined && (!guided || totalCents !== parseAmount(contract.totalAmount));
        return {
          type: 'AmendContract',
          data: {
            contractId,
            ...(changed && { totalCents }),
            ...(remaining !== undefined && { remainingCents: parseAmount(remaining, '--remaining') }),
          },
        };
      },
    );
    const after = await viewContract(await runtime.readDb(), await runtime.actor(), id);
    if (this.json) printJson(this.context.stdout, after);
    else
      this.write(
        t('cli.done.updatedContract', {
          id,
          totalCents: parseAmount(after.totalAmount),
          remainingCents: parseAmount(after.remainingAmount),
        }),
      );
  }
}
