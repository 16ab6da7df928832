import { Command, Option } from 'clipanion';
import { ANONYMOUS } from '../../../commands/command-log.js';
import { MutationCommand } from '../../base-command.js';
import { readPassword, required } from '../../prompt.js';
import { classify, firstLine } from '../../report-error.js';
import type { Runtime } from '../../runtime.js';

export class LoginCommand extends MutationCommand {
  static override paths = [['login']];
  static override usage = Command.Usage({
    description: 'log in and keep a session token in EPIC_HOME',
    details:
      'The token (mode 0600) lasts EPIC_SESSION_TTL (8h by default). After 5 failed attempts in 15 minutes the account is locked for 15 minutes.',
    examples: [
      ['Log in on a terminal', '$0 login --email ada@epic.test'],
      ['From a script', 'echo "$PASSWORD" | $0 login --email ada@epic.test --password-stdin'],
    ],
  });

  email = Option.String('--email', { description: 'your email' });
  passwordStdin = Option.Boolean('--password-stdin', false, { description: 'read the password from stdin' });

  protected async run(runtime: Runtime): Promise<void> {
    const email = await required(this.context, '--email', this.email, 'email');
    const password = await readPassword(this.context, this.passwordStdin);
    const [{ login }, { loadSecret }] = await Promise.all([
      import('../../../commands/session-handler.js'),
      import('../../../auth/secret.js'),
    ]);
    const secret = loadSecret(runtime.config);
    const context = await runtime.context();
    try {
      const session = await login(context, { email, password, secret, ttlSeconds: runtime.config.sessionTtlSeconds });
      runtime.saveSession(session.token);
      await this.log(runtime, { id: session.actor.id, role: session.actor.role }, 'login', { email }, 'accepted', null, context.recorded);
      this.write(`logged in as ${session.actor.name} (${session.actor.role}) until ${session.expiresAt.toISOString()}`);
    } catch (error) {
      const known = classify(error);
      const actor = context.recorded[0]?.metadata.actor ?? ANONYMOUS;
      await this.log(
        runtime,
        actor,
        'login',
        { email },
        known?.outcome ?? 'failed',
        known?.text ?? firstLine(String((error as Error)?.message ?? error)),
        context.recorded,
      );
      throw error;
    }
  }
}
