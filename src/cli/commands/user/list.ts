import { Command, Option } from 'clipanion';
import { listingScope } from '../../../auth/policy.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class UserListCommand extends EpicCommand {
  static override paths = [
    ['user', 'list'],
    ['users', 'list'],
  ];
  static override usage = Command.Usage({ category: 'Users', description: 'list collaborators (gestion only)' });

  role = Option.String('--role', { description: 'only this role' });
  json = Option.Boolean('--json', false, { description: 'print a JSON array' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    listingScope('user.list', actor);
    const { isRole } = await import('../../../domain/values/roles.js');
    const { InvalidInput } = await import('../../../errors.js');
    if (this.role !== undefined && !isRole(this.role)) throw new InvalidInput('--role must be one of gestion, commercial, support');
    const db = await runtime.readDb();
    const { listUsers } = await import('../../../projections/queries/index.js');
    const users = await listUsers(db.db, this.role === undefined ? {} : { role: this.role });
    if (this.json) printJson(this.context.stdout, users);
    else
      printTable(
        this.context.stdout,
        users,
        [
          { header: 'id', value: (u) => u.id },
          { header: 'name', value: (u) => u.name },
          { header: 'email', value: (u) => u.email },
          { header: 'role', value: (u) => u.role },
        ],
        'no users',
      );
  }
}
