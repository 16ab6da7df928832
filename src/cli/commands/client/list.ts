import { Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveUserId } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { listOptions } from '../../list-options.js';
import { printJson, printJsonText, printTable } from '../../output.js';
import { readablePhone } from '../../readable.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ClientListCommand extends EpicCommand {
  static override paths = [
    ['client', 'list'],
    ['clients', 'list'],
  ];

  search = Option.String('--search');
  commercial = Option.String('--commercial');
  limit = Option.String('--limit');
  sort = Option.String('--sort');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('client.view', actor);
    const listing = listOptions('client', { limit: this.limit, sort: this.sort });
    const db = await runtime.readDb();
    const { listClients, listClientsJsonSqlite } = await import('../../../projections/queries/clients.js');
    const commercialId = this.commercial === undefined ? undefined : await resolveUserId(db, this.commercial);
    const options = {
      scope,
      actorId: actor.id,
      ...(this.search !== undefined && { search: this.search }),
      ...(commercialId !== undefined && { commercialId }),
      ...listing,
    };
    // On SQLite the JSON is built by the database: the same bytes, no row objects (B1).
    if (this.json && db.dialect === 'sqlite') printJsonText(this.context.stdout, await listClientsJsonSqlite(db.db, options));
    else if (this.json) printJson(this.context.stdout, await listClients(db.db, options));
    else {
      const clients = await listClients(db.db, options);
      await printTable(
        this.context,
        clients,
        [
          { header: t('cli.column.id'), value: (c) => c.id },
          { header: t('cli.column.name'), value: (c) => c.name, shrink: 1 },
          { header: t('cli.column.email'), value: (c) => c.email, shrink: 1 },
          { header: t('cli.column.phone'), value: (c) => readablePhone(c.phone), shrink: 2 },
          { header: t('cli.column.company'), value: (c) => c.company, shrink: 3 },
          { header: t('cli.column.commercial'), value: (c) => c.commercialName, shrink: 3 },
        ],
        t('cli.empty.clients'),
      );
    }
  }
}
