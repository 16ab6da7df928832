import { Option } from 'clipanion';
import { isAllowed } from '../../../auth/policy.js';
import { isRole } from '../../../domain/values/roles.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

/**
 * `epic completion users [<role>]`: the emails the completion script offers
 * where a user is expected, one per line. Only for who may list users
 * (gestion); anyone else, or no session, gets nothing, quietly: a completion
 * never prints an error into the command line being typed.
 */
export class CompletionUsersCommand extends EpicCommand {
  static override paths = [['completion', 'users']];

  role = Option.String({ name: 'role', required: false });

  protected async run(runtime: Runtime): Promise<void> {
    try {
      const actor = await runtime.actor();
      if (!isAllowed('user.list', actor)) return;
      const [db, { listUsers }] = await Promise.all([runtime.readDb(), import('../../../projections/queries/index.js')]);
      const role = this.role !== undefined && isRole(this.role) ? this.role : undefined;
      const users = await listUsers(db.db, role === undefined ? {} : { role });
      this.context.stdout.write(users.map((user) => `${user.email}\n`).join(''));
    } catch {
      // No session, an expired one, a store that is down: nothing to offer.
    }
  }
}
