import { Option } from 'clipanion';
import { viewClient } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { confirmIrreversible } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ClientDeleteCommand extends MutationCommand {
  static override paths = [
    ['client', 'delete'],
    ['clients', 'delete'],
  ];

  id = Option.String({ name: 'id' });
  yes = Option.Boolean('--yes', false);

  protected async run(runtime: Runtime): Promise<void> {
    const client = await this.mutate(runtime, 'client delete', { id: this.id }, async (context) => {
      const { runAccountCommand } = await import('../../../commands/account-handler.js');
      refuseUnlessAllowed('client.delete', context.actor);
      const client = await viewClient(await runtime.readDb(), context.actor, this.id);
      await confirmIrreversible(this.context, {
        yes: this.yes,
        command: 'client delete',
        what: t('cli.confirm.deleteClient', { id: client.id, name: client.name, company: client.company }),
      });
      await runAccountCommand(context, client.id, { type: 'DeleteClient', data: { clientId: client.id } });
      return client;
    });
    this.write(t('cli.done.deletedClient', { id: client.id, name: client.name }));
  }
}
