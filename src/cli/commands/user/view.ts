import { Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveUserId } from '../../../commands/read-access.js';
import { NotFound } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { EpicCommand } from '../../base-command.js';
import { printFields, printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { userFields } from '../../views.js';

export class UserViewCommand extends EpicCommand {
  static override paths = [
    ['user', 'view'],
    ['users', 'view'],
  ];

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    listingScope('user.view', actor);
    const db = await runtime.readDb();
    const { getUser } = await import('../../../projections/queries/index.js');
    const found = await getUser(db.db, await resolveUserId(db, this.id));
    if (!found) throw new NotFound(msg('cli.notFound.user', { id: this.id }));
    // The login lock, from the user's session stream as it is now.
    const { lockOf } = await import('../../../commands/account-status-handler.js');
    const user = { ...found, lockedUntil: await lockOf(await runtime.context(), found.id) };
    if (this.json) printJson(this.context.stdout, user);
    else await printFields(this.context, userFields(user));
  }
}
