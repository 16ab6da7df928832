import { Command, Option } from 'clipanion';
import { NotAuthenticated } from '../../../errors.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printRecord } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { toUserJson } from './init.js';

export class WhoamiCommand extends EpicCommand {
  static override paths = [['whoami']];
  static override usage = Command.Usage({ description: 'show the logged-in user, as the directory says now' });

  json = Option.Boolean('--json', false, { description: 'print JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    const { loadUsers } = await import('../../../commands/user-handler.js');
    const user = (await loadUsers(await runtime.context())).users[actor.id];
    if (!user) throw new NotAuthenticated('your account no longer exists');
    if (this.json) printJson(this.context.stdout, toUserJson(user));
    else
      printRecord(this.context.stdout, [
        ['id', user.id],
        ['name', user.name],
        ['email', user.email],
        ['role', user.role],
      ]);
  }
}
