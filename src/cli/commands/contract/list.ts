import { Command, Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveId } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ContractListCommand extends EpicCommand {
  static override paths = [
    ['contract', 'list'],
    ['contracts', 'list'],
  ];
  static override usage = Command.Usage({
    category: 'Contracts',
    description: 'list the contracts you may see',
    examples: [['What is still to be paid', '$0 contract list --unpaid']],
  });

  unsigned = Option.Boolean('--unsigned', false, { description: 'only contracts not signed yet' });
  unpaid = Option.Boolean('--unpaid', false, { description: 'only contracts with an amount still due' });
  client = Option.String('--client', { description: 'only the contracts of this client' });
  json = Option.Boolean('--json', false, { description: 'print a JSON array' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('contract.view', actor);
    const db = await runtime.readDb();
    const { listContracts } = await import('../../../projections/queries/index.js');
    const clientId = this.client === undefined ? undefined : await resolveId(db, 'clients', this.client);
    const contracts = await listContracts(db.db, {
      scope,
      actorId: actor.id,
      unsigned: this.unsigned,
      unpaid: this.unpaid,
      ...(clientId !== undefined && { clientId }),
    });
    if (this.json) printJson(this.context.stdout, contracts);
    else
      printTable(
        this.context.stdout,
        contracts,
        [
          { header: 'id', value: (c) => c.id },
          { header: 'client', value: (c) => c.clientName },
          { header: 'commercial', value: (c) => c.commercialName },
          { header: 'total', value: (c) => c.totalAmount },
          { header: 'remaining', value: (c) => c.remainingAmount },
          { header: 'signed', value: (c) => (c.signed ? 'yes' : 'no') },
        ],
        'no contracts',
      );
  }
}
