import { Command, Option } from 'clipanion';
import { resolveId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { readPassword } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';
import { toUserJson } from '../session/init.js';

export class UserEditCommand extends MutationCommand {
  static override paths = [
    ['user', 'edit'],
    ['users', 'edit'],
  ];
  static override usage = Command.Usage({
    category: 'Users',
    description: 'change a collaborator (gestion only)',
    details:
      'Moving a commercial who owns clients to another role needs --reassign-to another commercial: their clients (and so their contracts) move first. A support who changes role is unassigned from their events.',
    examples: [
      ['Promote to gestion', '$0 user edit k3f9 --role gestion'],
      ['Reset a password', 'echo "$NEW" | $0 user edit k3f9 --password-stdin'],
    ],
  });

  id = Option.String({ name: 'id' });
  name = Option.String('--name', { description: 'new full name' });
  email = Option.String('--email', { description: 'new email' });
  role = Option.String('--role', { description: 'new role' });
  reassignTo = Option.String('--reassign-to', { description: 'commercial who takes over the clients' });
  passwordStdin = Option.Boolean('--password-stdin', false, { description: 'read a new password from stdin' });
  json = Option.Boolean('--json', false, { description: 'print the user as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const args = {
      id: this.id,
      name: this.name,
      email: this.email,
      role: this.role,
      reassignTo: this.reassignTo,
      passwordChanged: this.passwordStdin || undefined,
    };
    const user = await this.mutate(runtime, 'user edit', args, async (context) => {
      const [{ editUser }, { hashPassword }] = await Promise.all([
        import('../../../commands/user-handler.js'),
        import('../../../auth/passwords.js'),
      ]);
      const db = await runtime.readDb();
      const userId = await resolveId(db, 'users', this.id);
      const reassignTo = this.reassignTo === undefined ? undefined : await resolveId(db, 'users', this.reassignTo);
      const passwordHash = this.passwordStdin ? await hashPassword(await readPassword(this.context, true)) : undefined;
      return editUser(context, {
        userId,
        ...(this.name !== undefined && { name: this.name }),
        ...(this.email !== undefined && { email: this.email }),
        ...(this.role !== undefined && { role: this.role }),
        ...(reassignTo !== undefined && { reassignTo }),
        ...(passwordHash !== undefined && { passwordHash }),
      });
    });
    if (this.json) printJson(this.context.stdout, toUserJson(user));
    else this.write(`updated user ${user.id}`);
  }
}
