import { Option } from 'clipanion';
import { resolveUserId } from '../../../commands/read-access.js';
import { NotFound } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class UserUnlockCommand extends MutationCommand {
  static override paths = [
    ['user', 'unlock'],
    ['users', 'unlock'],
  ];

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const { user, lifted } = await this.mutate(runtime, 'user unlock', { id: this.id }, async (context) => {
      const [{ unlockUser }, { getUser }] = await Promise.all([
        import('../../../commands/account-status-handler.js'),
        import('../../../projections/queries/index.js'),
      ]);
      refuseUnlessAllowed('user.unlock', context.actor);
      const db = await runtime.readDb();
      const user = await getUser(db.db, await resolveUserId(db, this.id));
      if (!user) throw new NotFound(msg('cli.notFound.user', { id: this.id }));
      return { user, lifted: await unlockUser(context, { userId: user.id }) };
    });
    this.write(t(lifted ? 'cli.done.unlockedUser' : 'cli.done.notLocked', { id: user.id, name: user.name }));
  }
}
