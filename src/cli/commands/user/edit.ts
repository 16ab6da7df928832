import { Option } from 'clipanion';
import { resolveUserId } from '../../../commands/read-access.js';
import { ROLES } from '../../../domain/values/roles.js';
import { NotFound } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { userChoices } from '../../pickers.js';
import { choose, isGuided, optional, readPassword } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { toUserJson } from '../session/init.js';

export class UserEditCommand extends MutationCommand {
  static override paths = [
    ['user', 'edit'],
    ['users', 'edit'],
  ];

  id = Option.String({ name: 'id' });
  name = Option.String('--name');
  email = Option.String('--email');
  role = Option.String('--role');
  reassignTo = Option.String('--reassign-to');
  passwordStdin = Option.Boolean('--password-stdin', false);
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const args = {
      id: this.id,
      name: this.name,
      email: this.email,
      role: this.role,
      reassignTo: this.reassignTo,
      passwordChanged: this.passwordStdin || undefined,
    };
    const guided = isGuided(this.context, this.name, this.email, this.role, this.reassignTo, this.passwordStdin);
    let changed: string[] = [];
    const user = await this.mutate(runtime, 'user edit', args, async (context) => {
      const [{ editUser }, { hashPassword }, { getUser, listClients }, { checkPassword }] = await Promise.all([
        import('../../../commands/user-handler.js'),
        import('../../../auth/passwords.js'),
        import('../../../projections/queries/index.js'),
        import('../../../auth/password-policy.js'),
      ]);
      refuseUnlessAllowed('user.edit', context.actor);
      const db = await runtime.readDb();
      const current = await getUser(db.db, await resolveUserId(db, this.id));
      if (!current) throw new NotFound(msg('cli.notFound.user', { id: this.id }));
      // On a terminal without options, each field is asked with its current value; Enter keeps it.
      const keep = (answer: string | undefined, was: string) => (guided && answer === was ? undefined : answer);
      const name = keep(
        await optional(
          this.context,
          this.name,
          { option: '--name', label: t('cli.field.fullName'), kind: 'name', default: current.name },
          guided,
        ),
        current.name,
      );
      const email = keep(
        await optional(
          this.context,
          this.email,
          { option: '--email', label: t('cli.field.email'), kind: 'email', default: current.email },
          guided,
        ),
        current.email,
      );
      const role = guided
        ? keep(
            await choose(
              this.context,
              undefined,
              { option: '--role', label: t('cli.field.role') },
              [current.role, ...ROLES.filter((r) => r !== current.role)].map((r) => ({ value: r, name: r })),
            ),
            current.role,
          )
        : this.role;
      const leavesCommercial = current.role === 'commercial' && role !== undefined && role !== 'commercial';
      const owns =
        leavesCommercial && (await listClients(db.db, { scope: 'all', actorId: context.actor.id, commercialId: current.id })).length > 0;
      const reassign = owns
        ? await choose(this.context, this.reassignTo, { option: '--reassign-to', label: t('cli.field.reassignTo') }, async () =>
            (await userChoices(runtime, 'commercial')).filter((choice) => choice.value !== current.id),
          )
        : this.reassignTo;
      const reassignTo = reassign === undefined ? undefined : await resolveUserId(db, reassign);
      const newPassword = this.passwordStdin ? await readPassword(this.context, true) : undefined;
      // Checked against the email the user will have.
      if (newPassword !== undefined) checkPassword(newPassword, email ?? current.email);
      const passwordHash = newPassword === undefined ? undefined : await hashPassword(newPassword);
      const labels: [unknown, Parameters<typeof t>[0]][] = [
        [name, 'cli.field.name'],
        [email, 'cli.field.email'],
        [role, 'cli.field.role'],
        [passwordHash, 'cli.field.password'],
      ];
      changed = labels.flatMap(([value, key]) => (value === undefined ? [] : [t(key as 'cli.field.name')]));
      return editUser(context, {
        userId: current.id,
        ...(name !== undefined && { name }),
        ...(email !== undefined && { email }),
        ...(role !== undefined && { role }),
        ...(reassignTo !== undefined && { reassignTo }),
        ...(passwordHash !== undefined && { passwordHash }),
      });
    });
    if (this.json) printJson(this.context.stdout, toUserJson(user));
    else this.write(t('cli.done.updatedUser', { id: user.id, name: user.name, fields: changed }));
  }
}
