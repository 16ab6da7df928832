import { Command, Option } from 'clipanion';
import { resolveId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class UserDeleteCommand extends MutationCommand {
  static override paths = [
    ['user', 'delete'],
    ['users', 'delete'],
  ];
  static override usage = Command.Usage({
    category: 'Users',
    description: 'delete a collaborator (gestion only; not yourself)',
    details:
      'A commercial who owns clients is deleted only with --reassign-to another commercial. Deleting a support unassigns their events. The history stays in the log.',
  });

  id = Option.String({ name: 'id' });
  reassignTo = Option.String('--reassign-to', { description: 'commercial who takes over the clients' });

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user delete', { id: this.id, reassignTo: this.reassignTo }, async (context) => {
      const { deleteUser } = await import('../../../commands/user-handler.js');
      const db = await runtime.readDb();
      const userId = await resolveId(db, 'users', this.id);
      const reassignTo = this.reassignTo === undefined ? undefined : await resolveId(db, 'users', this.reassignTo);
      return deleteUser(context, { userId, ...(reassignTo !== undefined && { reassignTo }) });
    });
    this.write(`deleted user ${user.id}`);
  }
}
