import { Option } from 'clipanion';
import { scopeOf } from '../../../auth/policy.js';
import { resolveUserId, viewClient } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { userChoices } from '../../pickers.js';
import { choose, isGuided, optional } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ClientEditCommand extends MutationCommand {
  static override paths = [
    ['client', 'edit'],
    ['clients', 'edit'],
  ];

  id = Option.String({ name: 'id' });
  name = Option.String('--name');
  email = Option.String('--email');
  phone = Option.String('--phone');
  company = Option.String('--company');
  commercial = Option.String('--commercial');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const args = { id: this.id, name: this.name, email: this.email, phone: this.phone, company: this.company, commercial: this.commercial };
    const guided = isGuided(this.context, this.name, this.email, this.phone, this.company, this.commercial);
    const { clientId, changed } = await this.mutate(runtime, 'client edit', args, async (context) => {
      const { runAccountCommand } = await import('../../../commands/account-handler.js');
      // A role that may edit no client is told so whatever the id; then a client outside its view is not found.
      refuseUnlessAllowed('client.edit', context.actor);
      const db = await runtime.readDb();
      const client = await viewClient(db, context.actor, this.id);
      // On a terminal without options, each field is asked with its current value; Enter keeps it.
      const ask = async (
        value: string | undefined,
        option: string,
        label: string,
        kind: 'name' | 'email' | 'phone' | 'text',
        current: string | null,
      ) => {
        const answer = await optional(this.context, value, { option, label, kind, default: current ?? undefined }, guided);
        return guided && answer === (current ?? undefined) ? undefined : answer;
      };
      const name = await ask(this.name, '--name', t('cli.field.fullName'), 'name', client.name);
      const email = await ask(this.email, '--email', t('cli.field.email'), 'email', client.email);
      const phone = await ask(this.phone, '--phone', t('cli.field.phone'), 'phone', client.phone);
      const company = await ask(this.company, '--company', t('cli.field.company'), 'text', client.company);
      const pickCommercial = guided && scopeOf('client.reassign', context.actor.role) === 'all';
      const commercial = pickCommercial
        ? await choose(this.context, undefined, { option: '--commercial', label: t('cli.field.commercial') }, () =>
            userChoices(runtime, 'commercial'),
          )
        : this.commercial;
      const commercialId = commercial === undefined ? undefined : await resolveUserId(db, commercial);
      const reassigned = commercialId !== undefined && !(pickCommercial && commercialId === client.commercialId);
      const data = {
        clientId: client.id,
        ...(name !== undefined && { name }),
        ...(email !== undefined && { email }),
        ...(phone !== undefined && { phone }),
        ...(company !== undefined && { company }),
        ...(reassigned && { commercialId }),
      };
      await runAccountCommand(context, client.id, { type: 'EditClient', data });
      const fields = {
        name: 'cli.field.name',
        email: 'cli.field.email',
        phone: 'cli.field.phone',
        company: 'cli.field.company',
        commercialId: 'cli.field.commercial',
      } as const;
      return {
        clientId: client.id,
        changed: Object.keys(data).flatMap((key) => (key in fields ? [t(fields[key as keyof typeof fields])] : [])),
      };
    });
    if (this.json) printJson(this.context.stdout, await viewClient(await runtime.readDb(), await runtime.actor(), clientId));
    else this.write(t('cli.done.updatedClient', { id: clientId, fields: changed }));
  }
}
