import { Option } from 'clipanion';
import { ensurePrivateDir } from '../../../config/private-files.js';
import { isCancelled, RuleViolation } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { noticeFor } from '../../output/terminal.js';
import { printJson } from '../../output.js';
import { newPassword, required } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class InitCommand extends MutationCommand {
  static override paths = [['init']];

  name = Option.String('--name');
  email = Option.String('--email');
  passwordStdin = Option.Boolean('--password-stdin', false);
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const [{ ensureSecret, loadSecret }, { bootstrap }, { loadUsers }, { login }, { hashPassword }, { checkPassword }] = await Promise.all([
      import('../../../auth/secret.js'),
      import('../../../commands/user-handler.js'),
      import('../../../commands/load-users.js'),
      import('../../../commands/session-handler.js'),
      import('../../../auth/passwords.js'),
      import('../../../auth/password-policy.js'),
    ]);
    ensurePrivateDir(runtime.config.home);
    const context = await runtime.context();
    const args = { name: this.name, email: this.email };
    try {
      if ((await loadUsers(context)).initialized) throw new RuleViolation(msg('cli.init.already'));
      const name = await required(this.context, this.name, { option: '--name', label: t('cli.field.fullName'), kind: 'name' });
      const email = await required(this.context, this.email, { option: '--email', label: t('cli.field.email'), kind: 'email' });
      // Asked twice on a terminal: a typo here would lock the only gestion account out.
      const password = await newPassword(this.context, this.passwordStdin, (typed) => checkPassword(typed, email));
      // Only now: a secret.key says an installation exists (lost-store.ts), and an init cancelled at a prompt made none.
      ensureSecret(runtime.config);
      const user = await bootstrap(context, { name, email, passwordHash: await hashPassword(password) });
      await this.log(runtime, { id: user.id, role: user.role }, 'init', { name, email }, 'accepted', null, context.recorded);
      const session = await login(context, {
        email,
        password,
        secret: loadSecret(runtime.config),
        ttlSeconds: runtime.config.sessionTtlSeconds,
      });
      runtime.saveSession(session.token);
      await runtime.catchUp();
      if (this.json) printJson(this.context.stdout, toUserJson(user));
      else this.write(user.id);
      this.context.stderr.write(noticeFor(this.context.stderr, t('cli.init.done', { home: runtime.config.home, name: user.name })));
    } catch (error) {
      const { classify, firstLine, outcomeOf } = await import('../../report-error.js');
      // A cancelled prompt attempted nothing: it is not an entry of the log.
      if (isCancelled(error)) throw error;
      await this.log(
        runtime,
        { id: 'anonymous', role: 'system' },
        'init',
        args,
        outcomeOf(error),
        classify(error)?.text ?? firstLine(String((error as Error)?.message ?? error)),
        context.recorded,
      ).catch(
        () => undefined, // the original error is the one to report
      );
      throw error;
    }
  }
}

/** The user record of docs/cli.md from the directory's user (signed in: not locked). */
export function toUserJson(user: {
  id: string;
  name: string;
  email: string;
  role: string;
  disabled?: boolean;
  createdAt: string;
  updatedAt: string;
}) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    disabled: user.disabled ?? false,
    lockedUntil: null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
