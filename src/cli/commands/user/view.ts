import { Command, Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { resolveId } from '../../../commands/read-access.js';
import { NotFound } from '../../../errors.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printRecord } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class UserViewCommand extends EpicCommand {
  static override paths = [
    ['user', 'view'],
    ['users', 'view'],
  ];
  static override usage = Command.Usage({ category: 'Users', description: 'show one collaborator (gestion only)' });

  id = Option.String({ name: 'id' });
  json = Option.Boolean('--json', false, { description: 'print JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    listingScope('user.view', actor);
    const db = await runtime.readDb();
    const { getUser } = await import('../../../projections/queries/index.js');
    const user = await getUser(db.db, await resolveId(db, 'users', this.id));
    if (!user) throw new NotFound(`no user ${this.id}`);
    if (this.json) printJson(this.context.stdout, user);
    else printRecord(this.context.stdout, Object.entries(user));
  }
}
