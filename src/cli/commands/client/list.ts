import { Command, Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveId } from '../../../commands/read-access.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ClientListCommand extends EpicCommand {
  static override paths = [
    ['client', 'list'],
    ['clients', 'list'],
  ];
  static override usage = Command.Usage({
    category: 'Clients',
    description: 'list the clients you may see',
    details: 'gestion sees all clients, a commercial their own, a support the clients of the events assigned to them.',
  });

  search = Option.String('--search', { description: 'text in the name, email or company' });
  commercial = Option.String('--commercial', { description: 'only the clients of this commercial' });
  json = Option.Boolean('--json', false, { description: 'print a JSON array' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const scope = listingScope('client.view', actor);
    const db = await runtime.readDb();
    const { listClients } = await import('../../../projections/queries/clients.js');
    const commercialId = this.commercial === undefined ? undefined : await resolveId(db, 'users', this.commercial);
    const clients = await listClients(db.db, {
      scope,
      actorId: actor.id,
      ...(this.search !== undefined && { search: this.search }),
      ...(commercialId !== undefined && { commercialId }),
    });
    if (this.json) printJson(this.context.stdout, clients);
    else
      printTable(
        this.context.stdout,
        clients,
        [
          { header: 'id', value: (c) => c.id },
          { header: 'name', value: (c) => c.name },
          { header: 'email', value: (c) => c.email },
          { header: 'phone', value: (c) => c.phone },
          { header: 'company', value: (c) => c.company },
          { header: 'commercial', value: (c) => c.commercialName },
        ],
        'no clients',
      );
  }
}
