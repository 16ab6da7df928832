import { Option } from 'clipanion';
import { resolveUserId } from '../../../commands/read-access.js';
import { NotFound } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class UserEnableCommand extends MutationCommand {
  static override paths = [
    ['user', 'enable'],
    ['users', 'enable'],
  ];

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user enable', { id: this.id }, async (context) => {
      const [{ enableUser }, { getUser }] = await Promise.all([
        import('../../../commands/account-status-handler.js'),
        import('../../../projections/queries/index.js'),
      ]);
      refuseUnlessAllowed('user.enable', context.actor);
      const db = await runtime.readDb();
      const user = await getUser(db.db, await resolveUserId(db, this.id));
      if (!user) throw new NotFound(msg('cli.notFound.user', { id: this.id }));
      await enableUser(context, { userId: user.id });
      return user;
    });
    this.write(t('cli.done.enabledUser', { id: user.id, name: user.name }));
  }
}
