import { Command, Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { readPassword, required } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';
import { toUserJson } from '../session/init.js';

export class UserCreateCommand extends MutationCommand {
  static override paths = [
    ['user', 'create'],
    ['users', 'create'],
  ];
  static override usage = Command.Usage({
    category: 'Users',
    description: 'create a collaborator account (gestion only)',
    examples: [
      [
        'Create a commercial',
        'echo "$PASSWORD" | $0 user create --name "Bob Seller" --email bob@epic.test --role commercial --password-stdin',
      ],
    ],
  });

  name = Option.String('--name', { description: 'full name' });
  email = Option.String('--email', { description: 'email (unique)' });
  role = Option.String('--role', { description: 'gestion, commercial or support' });
  passwordStdin = Option.Boolean('--password-stdin', false, { description: 'read the password from stdin' });
  json = Option.Boolean('--json', false, { description: 'print the created user as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user create', { name: this.name, email: this.email, role: this.role }, async (context) => {
      const [{ createUser }, { hashPassword }] = await Promise.all([
        import('../../../commands/user-handler.js'),
        import('../../../auth/passwords.js'),
      ]);
      const { assertAllowed } = await import('../../../auth/policy.js');
      // Refuse before prompting anything a non-gestion user cannot use.
      assertAllowed('user.create', context.actor);
      const name = await required(this.context, '--name', this.name, 'full name');
      const email = await required(this.context, '--email', this.email, 'email');
      const role = await required(this.context, '--role', this.role, 'role (gestion, commercial, support)');
      const password = await readPassword(this.context, this.passwordStdin);
      return createUser(context, { name, email, role, passwordHash: await hashPassword(password) });
    });
    if (this.json) printJson(this.context.stdout, toUserJson(user));
    else this.write(user.id);
  }
}
