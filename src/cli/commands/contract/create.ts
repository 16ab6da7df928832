import { Option } from 'clipanion';
import { viewClient, viewContract } from '../../../commands/read-access.js';
import { parseAmount } from '../../../domain/values/money.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { clientChoices } from '../../pickers.js';
import { choose, isGuided, optional, required } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ContractCreateCommand extends MutationCommand {
  static override paths = [
    ['contract', 'create'],
    ['contracts', 'create'],
  ];

  client = Option.String('--client');
  total = Option.String('--total');
  remaining = Option.String('--remaining');
  signed = Option.Boolean('--signed', false);
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const args = { client: this.client, total: this.total, remaining: this.remaining, signed: this.signed };
    const guided = isGuided(this.context, this.client, this.total, this.remaining, this.signed);
    let said = '';
    const { contractId } = await this.mutate(runtime, 'contract create', args, async (context) => {
      const { createContract } = await import('../../../commands/account-handler.js');
      refuseUnlessAllowed('contract.create', context.actor);
      const client = await choose(this.context, this.client, { option: '--client', label: t('cli.field.client') }, () =>
        clientChoices(runtime, context.actor),
      );
      // A client outside what the actor may view answers as one that does not exist (viewClient).
      const { id: clientId, name: clientName } = await viewClient(await runtime.readDb(), context.actor, client);
      const total = await required(this.context, this.total, { option: '--total', label: t('cli.field.total'), kind: 'amount' });
      const totalCents = parseAmount(total, '--total');
      const remaining = await optional(
        this.context,
        this.remaining,
        { option: '--remaining', label: t('cli.field.remainingDefault'), kind: 'amount' },
        guided,
      );
      const remainingCents = remaining === undefined ? undefined : parseAmount(remaining, '--remaining');
      said = t('cli.done.createdContract', { client: clientName, totalCents });
      return createContract(context, {
        clientId,
        totalCents,
        signed: this.signed,
        ...(remainingCents !== undefined && { remainingCents }),
      });
    });
    if (this.json) printJson(this.context.stdout, await viewContract(await runtime.readDb(), await runtime.actor(), contractId));
    else this.writeCreated(contractId, said);
  }
}
