import { Option } from 'clipanion';
import { NotAuthenticated } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { EpicCommand } from '../../base-command.js';
import { printFields, printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { userFields } from '../../views.js';
import { toUserJson } from './init.js';

export class WhoamiCommand extends EpicCommand {
  static override paths = [['whoami']];

  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const { loadUsers } = await import('../../../commands/load-users.js');
    const user = (await loadUsers(await runtime.context())).users[actor.id];
    if (!user) throw new NotAuthenticated(msg('cli.accountGone'));
    if (this.json) printJson(this.context.stdout, toUserJson(user));
    else await printFields(this.context, userFields(toUserJson(user)));
  }
}
