import { Command, Option } from 'clipanion';
import { resolveId, viewContract } from '../../../commands/read-access.js';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { required } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';

export class ContractCreateCommand extends MutationCommand {
  static override paths = [
    ['contract', 'create'],
    ['contracts', 'create'],
  ];
  static override usage = Command.Usage({
    category: 'Contracts',
    description: 'draft a contract for a client',
    details: 'Amounts: 1500, 1500.5 or 1500.50 (at most two decimals). --remaining defaults to the total.',
    examples: [['A signed contract', '$0 contract create --client k3f9 --total 12000 --remaining 6000 --signed']],
  });

  client = Option.String('--client', { description: 'client id' });
  total = Option.String('--total', { description: 'total amount' });
  remaining = Option.String('--remaining', { description: 'amount still due (default: the total)' });
  signed = Option.Boolean('--signed', false, { description: 'already signed' });
  json = Option.Boolean('--json', false, { description: 'print the created contract as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const args = { client: this.client, total: this.total, remaining: this.remaining, signed: this.signed };
    const { contractId } = await this.mutate(runtime, 'contract create', args, async (context) => {
      const { createContract } = await import('../../../commands/account-handler.js');
      const clientId = await resolveId(
        await runtime.readDb(),
        'clients',
        await required(this.context, '--client', this.client, 'client id'),
      );
      const totalCents = parseAmount(await required(this.context, '--total', this.total, 'total'), '--total');
      const remainingCents = this.remaining === undefined ? undefined : parseAmount(this.remaining, '--remaining');
      return createContract(context, {
        clientId,
        totalCents,
        signed: this.signed,
        ...(remainingCents !== undefined && { remainingCents }),
      });
    });
    if (this.json) printJson(this.context.stdout, await viewContract(await runtime.readDb(), await runtime.actor(), contractId));
    else this.write(contractId);
  }
}
