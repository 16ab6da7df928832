import { Option } from 'clipanion';
import { resolveUserId } from '../../../commands/read-access.js';
import { NotFound } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { userChoices } from '../../pickers.js';
import { choose } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class UserDisableCommand extends MutationCommand {
  static override paths = [
    ['user', 'disable'],
    ['users', 'disable'],
  ];

  id = Option.String({ name: 'id' });
  reassignTo = Option.String('--reassign-to');

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user disable', { id: this.id, reassignTo: this.reassignTo }, async (context) => {
      const [{ disableUser }, { getUser, listClients }] = await Promise.all([
        import('../../../commands/account-status-handler.js'),
        import('../../../projections/queries/index.js'),
      ]);
      refuseUnlessAllowed('user.disable', context.actor);
      const db = await runtime.readDb();
      const user = await getUser(db.db, await resolveUserId(db, this.id));
      if (!user) throw new NotFound(msg('cli.notFound.user', { id: this.id }));
      // A commercial who owns clients hands them over: on a terminal, to a commercial picked from the list.
      const owns =
        user.role === 'commercial' &&
        (await listClients(db.db, { scope: 'all', actorId: context.actor.id, commercialId: user.id })).length > 0;
      const reassign = owns
        ? await choose(this.context, this.reassignTo, { option: '--reassign-to', label: t('cli.field.reassignTo') }, async () =>
            (await userChoices(runtime, 'commercial')).filter((choice) => choice.value !== user.id),
          )
        : this.reassignTo;
      const reassignTo = reassign === undefined ? undefined : await resolveUserId(db, reassign);
      await disableUser(context, { userId: user.id, ...(reassignTo !== undefined && { reassignTo }) });
      return user;
    });
    this.write(t('cli.done.disabledUser', { id: user.id, name: user.name }));
  }
}
