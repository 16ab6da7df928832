import { Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { leavingUser } from './leaving-user.js';

export class UserDisableCommand extends MutationCommand {
  static override paths = [
    ['user', 'disable'],
    ['users', 'disable'],
  ];

  id = Option.String({ name: 'id' });
  reassignTo = Option.String('--reassign-to');

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user disable', { id: this.id, reassignTo: this.reassignTo }, async (context) => {
      const { disableUser } = await import('../../../commands/account-status-handler.js');
      const { user, reassignTo } = await leavingUser(this.context, runtime, context.actor, 'user.disable', {
        idOrPrefix: this.id,
        reassignTo: this.reassignTo,
      });
      await disableUser(context, { userId: user.id, ...(reassignTo !== undefined && { reassignTo }) });
      return user;
    });
    this.write(t('cli.done.disabledUser', { id: user.id, name: user.name }));
  }
}
