import { Command, Option } from 'clipanion';
import { resolveId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class ClientDeleteCommand extends MutationCommand {
  static override paths = [
    ['client', 'delete'],
    ['clients', 'delete'],
  ];
  static override usage = Command.Usage({
    category: 'Clients',
    description: 'delete a client without contracts (gestion only); its history stays in the log',
  });

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const clientId = await this.mutate(runtime, 'client delete', { id: this.id }, async (context) => {
      const { runAccountCommand } = await import('../../../commands/account-handler.js');
      const clientId = await resolveId(await runtime.readDb(), 'clients', this.id);
      await runAccountCommand(context, clientId, { type: 'DeleteClient', data: { clientId } });
      return clientId;
    });
    this.write(`deleted client ${clientId}`);
  }
}
