import { Command, Option } from 'clipanion';
import { resolveId, viewClient } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ClientEditCommand extends MutationCommand {
  static override paths = [
    ['client', 'edit'],
    ['clients', 'edit'],
  ];
  static override usage = Command.Usage({
    category: 'Clients',
    description: 'change a client',
    details: 'A commercial edits their own clients; only gestion changes --commercial. An empty --phone "" or --company "" clears it.',
  });

  id = Option.String({ name: 'id' });
  name = Option.String('--name', { description: 'new full name' });
  email = Option.String('--email', { description: 'new email' });
  phone = Option.String('--phone', { description: 'new phone' });
  company = Option.String('--company', { description: 'new company' });
  commercial = Option.String('--commercial', { description: 'new commercial (gestion)' });
  json = Option.Boolean('--json', false, { description: 'print the client as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const args = { id: this.id, name: this.name, email: this.email, phone: this.phone, company: this.company, commercial: this.commercial };
    const clientId = await this.mutate(runtime, 'client edit', args, async (context) => {
      const { runAccountCommand } = await import('../../../commands/account-handler.js');
      const db = await runtime.readDb();
      const clientId = await resolveId(db, 'clients', this.id);
      const commercialId = this.commercial === undefined ? undefined : await resolveId(db, 'users', this.commercial);
      await runAccountCommand(context, clientId, {
        type: 'EditClient',
        data: {
          clientId,
          ...(this.name !== undefined && { name: this.name }),
          ...(this.email !== undefined && { email: this.email }),
          ...(this.phone !== undefined && { phone: this.phone }),
          ...(this.company !== undefined && { company: this.company }),
          ...(commercialId !== undefined && { commercialId }),
        },
      });
      return clientId;
    });
    if (this.json) printJson(this.context.stdout, await viewClient(await runtime.readDb(), await runtime.actor(), clientId));
    else this.write(`updated client ${clientId}`);
  }
}
