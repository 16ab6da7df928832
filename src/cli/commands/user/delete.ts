import { Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { confirmIrreversible } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { leavingUser } from './leaving-user.js';

export class UserDeleteCommand extends MutationCommand {
  static override paths = [
    ['user', 'delete'],
    ['users', 'delete'],
  ];

  id = Option.String({ name: 'id' });
  reassignTo = Option.String('--reassign-to');
  yes = Option.Boolean('--yes', false);

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user delete', { id: this.id, reassignTo: this.reassignTo }, async (context) => {
      const { deleteUser } = await import('../../../commands/user-handler.js');
      const { user, reassignTo } = await leavingUser(this.context, runtime, context.actor, 'user.delete', {
        idOrPrefix: this.id,
        reassignTo: this.reassignTo,
      });
      await confirmIrreversible(this.context, {
        yes: this.yes,
        command: 'user delete',
        what: t('cli.confirm.deleteUser', { id: user.id, name: user.name, email: user.email, role: user.role }),
      });
      await deleteUser(context, { userId: user.id, ...(reassignTo !== undefined && { reassignTo }) });
      return user;
    });
    this.write(t('cli.done.deletedUser', { id: user.id, name: user.name }));
  }
}
