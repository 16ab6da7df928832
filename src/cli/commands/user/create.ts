import { Option } from 'clipanion';
import { ROLES } from '../../../domain/values/roles.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { choose, newPassword, required } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { toUserJson } from '../session/init.js';

export class UserCreateCommand extends MutationCommand {
  static override paths = [
    ['user', 'create'],
    ['users', 'create'],
  ];

  name = Option.String('--name');
  email = Option.String('--email');
  role = Option.String('--role');
  passwordStdin = Option.Boolean('--password-stdin', false);
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const user = await this.mutate(runtime, 'user create', { name: this.name, email: this.email, role: this.role }, async (context) => {
      const [{ createUser }, { hashPassword }, { checkPassword }] = await Promise.all([
        import('../../../commands/user-handler.js'),
        import('../../../auth/passwords.js'),
        import('../../../auth/password-policy.js'),
      ]);
      // Refuse before prompting anything a non-gestion user cannot use.
      refuseUnlessAllowed('user.create', context.actor);
      const name = await required(this.context, this.name, { option: '--name', label: t('cli.field.fullName'), kind: 'name' });
      const email = await required(this.context, this.email, { option: '--email', label: t('cli.field.email'), kind: 'email' });
      const role = await choose(
        this.context,
        this.role,
        { option: '--role', label: t('cli.field.role') },
        ROLES.map((role) => ({ value: role, name: role })),
      );
      const password = await newPassword(this.context, this.passwordStdin, (typed) => checkPassword(typed, email));
      return createUser(context, { name, email, role, passwordHash: await hashPassword(password) });
    });
    if (this.json) printJson(this.context.stdout, toUserJson(user));
    else this.writeCreated(user.id, t('cli.done.createdUser', { name: user.name, role: user.role }));
  }
}
