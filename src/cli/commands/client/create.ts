import { Command, Option } from 'clipanion';
import { scopeOf } from '../../../auth/policy.js';
import { resolveId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { required } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';

export class ClientCreateCommand extends MutationCommand {
  static override paths = [
    ['client', 'create'],
    ['clients', 'create'],
  ];
  static override usage = Command.Usage({
    category: 'Clients',
    description: 'create a client',
    details: 'A commercial becomes the commercial of the clients they create; gestion names one with --commercial.',
    examples: [
      [
        'As a commercial',
        '$0 client create --name "Kevin Casey" --email kevin@startup.io --phone "+678 123 456 78" --company "Cool Startup LLC"',
      ],
    ],
  });

  name = Option.String('--name', { description: 'full name' });
  email = Option.String('--email', { description: 'email' });
  phone = Option.String('--phone', { description: 'phone (digits, +, spaces, dots, dashes)' });
  company = Option.String('--company', { description: 'company name' });
  commercial = Option.String('--commercial', { description: 'the commercial in charge (gestion)' });
  json = Option.Boolean('--json', false, { description: 'print the created client as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const args = { name: this.name, email: this.email, phone: this.phone, company: this.company, commercial: this.commercial };
    const { clientId } = await this.mutate(runtime, 'client create', args, async (context) => {
      const { createClient } = await import('../../../commands/account-handler.js');
      const name = await required(this.context, '--name', this.name, 'full name');
      const email = await required(this.context, '--email', this.email, 'email');
      // Scope `all`: the actor names the commercial (asked for on a terminal). Scope `own`: the actor becomes
      // it (the handler's default). Scope `none`: the handler refuses.
      const named =
        this.commercial ??
        (scopeOf('client.create', context.actor.role) === 'all'
          ? await required(this.context, '--commercial', undefined, 'commercial id')
          : undefined);
      const commercialId = named === undefined ? undefined : await resolveId(await runtime.readDb(), 'users', named);
      return createClient(context, {
        name,
        email,
        phone: this.phone ?? null,
        company: this.company ?? null,
        ...(commercialId !== undefined && { commercialId }),
      });
    });
    if (this.json) {
      const { viewClient } = await import('../../../commands/read-access.js');
      printJson(this.context.stdout, await viewClient(await runtime.readDb(), await runtime.actor(), clientId));
    } else this.write(clientId);
  }
}
