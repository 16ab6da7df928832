import { Command, Option } from 'clipanion';
import { ensurePrivateDir } from '../../../config/private-files.js';
import { RuleViolation } from '../../../errors.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { readPassword, required } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';

export class InitCommand extends MutationCommand {
  static override paths = [['init']];
  static override usage = Command.Usage({
    description: 'create the stores and the first account (role gestion)',
    details: `
      Creates EPIC_HOME (mode 0700), a secret key for session tokens (0600) unless EPIC_SECRET is set,
      the event store and the read database, then the first user with the role gestion, and logs them in.
      Refused once any user exists.
    `,
    examples: [
      ['Set up on a terminal', '$0 init'],
      ['Set up from a script', 'echo "$PASSWORD" | $0 init --name "Ada Admin" --email ada@epic.test --password-stdin'],
    ],
  });

  name = Option.String('--name', { description: 'full name of the first user' });
  email = Option.String('--email', { description: 'email of the first user' });
  passwordStdin = Option.Boolean('--password-stdin', false, { description: 'read the password from stdin' });
  json = Option.Boolean('--json', false, { description: 'print the created user as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const [{ ensureSecret, loadSecret }, { loadUsers, bootstrap }, { login }, { hashPassword, checkPasswordStrength }] = await Promise.all([
      import('../../../auth/secret.js'),
      import('../../../commands/user-handler.js'),
      import('../../../commands/session-handler.js'),
      import('../../../auth/passwords.js'),
    ]);
    ensurePrivateDir(runtime.config.home);
    ensureSecret(runtime.config);
    const context = await runtime.context();
    const args = { name: this.name, email: this.email };
    try {
      if ((await loadUsers(context)).initialized) throw new RuleViolation('already initialized: users exist; log in instead');
      const name = await required(this.context, '--name', this.name, 'full name');
      const email = await required(this.context, '--email', this.email, 'email');
      const password = await readPassword(this.context, this.passwordStdin);
      checkPasswordStrength(password);
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
      this.context.stderr.write(`initialized ${runtime.config.home}; logged in as ${user.name} (gestion)\n`);
    } catch (error) {
      const { classify, firstLine } = await import('../../report-error.js');
      const known = classify(error);
      await this.log(
        runtime,
        { id: 'anonymous', role: 'system' },
        'init',
        args,
        known?.outcome ?? 'failed',
        known?.text ?? firstLine(String((error as Error)?.message ?? error)),
        context.recorded,
      ).catch(
        () => undefined, // the original error is the one to report
      );
      throw error;
    }
  }
}

export function toUserJson(user: { id: string; name: string; email: string; role: string; createdAt: string; updatedAt: string }) {
  return { id: user.id, name: user.name, email: user.email, role: user.role, createdAt: user.createdAt, updatedAt: user.updatedAt };
}
