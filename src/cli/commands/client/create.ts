import { Option } from 'clipanion';
import { scopeOf } from '../../../auth/policy.js';
import { resolveUserId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { userChoices } from '../../pickers.js';
import { choose, isGuided, optional, required } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ClientCreateCommand extends MutationCommand {
  static override paths = [
    ['client', 'create'],
    ['clients', 'create'],
  ];

  name = Option.String('--name');
  email = Option.String('--email');
  phone = Option.String('--phone');
  company = Option.String('--company');
  commercial = Option.String('--commercial');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const args = { name: this.name, email: this.email, phone: this.phone, company: this.company, commercial: this.commercial };
    const guided = isGuided(this.context, this.name, this.email, this.phone, this.company, this.commercial);
    let created = '';
    const { clientId } = await this.mutate(runtime, 'client create', args, async (context) => {
      const { createClient } = await import('../../../commands/account-handler.js');
      // Nobody types a client's details to be refused afterwards.
      refuseUnlessAllowed('client.create', context.actor);
      const name = await required(this.context, this.name, { option: '--name', label: t('cli.field.fullName'), kind: 'name' });
      const email = await required(this.context, this.email, { option: '--email', label: t('cli.field.email'), kind: 'email' });
      const phone = await optional(this.context, this.phone, { option: '--phone', label: t('cli.field.phone'), kind: 'phone' }, guided);
      const company = await optional(this.context, this.company, { option: '--company', label: t('cli.field.company') }, guided);
      // Scope `all`: the actor names the commercial (picked from the commercials on a terminal).
      // Scope `own`: the actor becomes it (the handler's default).
      const named =
        this.commercial ??
        (scopeOf('client.create', context.actor.role) === 'all'
          ? await choose(this.context, undefined, { option: '--commercial', label: t('cli.field.commercial') }, () =>
              userChoices(runtime, 'commercial'),
            )
          : undefined);
      const commercialId = named === undefined ? undefined : await resolveUserId(await runtime.readDb(), named);
      created = name;
      return createClient(context, {
        name,
        email,
        phone: phone ?? null,
        company: company ?? null,
        ...(commercialId !== undefined && { commercialId }),
      });
    });
    if (this.json) {
      const { viewClient } = await import('../../../commands/read-access.js');
      printJson(this.context.stdout, await viewClient(await runtime.readDb(), await runtime.actor(), clientId));
    } else this.writeCreated(clientId, t('cli.done.createdClient', { name: created }));
  }
}
