import { Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveId, resolveUserId } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { listOptions } from '../../list-options.js';
import { printJson, printTable } from '../../output.js';
import { readableAmount, readableSigned } from '../../readable.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ContractListCommand extends EpicCommand {
  static override paths = [
    ['contract', 'list'],
    ['contracts', 'list'],
  ];

  unsigned = Option.Boolean('--unsigned', false);
  unpaid = Option.Boolean('--unpaid', false);
  client = Option.String('--client');
  commercial = Option.String('--commercial');
  limit = Option.String('--limit');
  sort = Option.String('--sort');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('contract.view', actor);
    const listing = listOptions('contract', { limit: this.limit, sort: this.sort });
    const db = await runtime.readDb();
    const { listContracts } = await import('../../../projections/queries/index.js');
    const clientId = this.client === undefined ? undefined : await resolveId(db, 'clients', this.client, actor);
    const commercialId = this.commercial === undefined ? undefined : await resolveUserId(db, this.commercial);
    const contracts = await listContracts(db.db, {
      scope,
      actorId: actor.id,
      unsigned: this.unsigned,
      unpaid: this.unpaid,
      ...(clientId !== undefined && { clientId }),
      ...(commercialId !== undefined && { commercialId }),
      ...listing,
    });
    if (this.json) printJson(this.context.stdout, contracts);
    else
      await printTable(
        this.context,
        contracts,
        [
          { header: t('cli.column.id'), value: (c) => c.id },
          { header: t('cli.column.client'), value: (c) => c.clientName, shrink: 2 },
          { header: t('cli.column.commercial'), value: (c) => c.commercialName, shrink: 3 },
          { header: t('cli.column.total'), value: (c) => readableAmount(c.totalAmount), align: 'right' },
          { header: t('cli.column.remaining'), value: (c) => readableAmount(c.remainingAmount), align: 'right' },
          { header: t('cli.column.signed'), value: (c) => readableSigned(c.signed), style: (c) => (c.signed ? 'green' : 'yellow') },
        ],
        t('cli.empty.contracts'),
      );
  }
}
