import { Option } from 'clipanion';
import { ANONYMOUS } from '../../../commands/command-log.js';
import { NotAuthenticated } from '../../../errors.js';
import { MutationCommand } from '../../base-command.js';
import { MAX_TRIES, readPassword, required } from '../../prompt.js';
import { classify, firstLine, outcomeOf } from '../../report-error.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class LoginCommand extends MutationCommand {
  static override paths = [['login']];

  email = Option.String('--email');
  passwordStdin = Option.Boolean('--password-stdin', false);

  protected async run(runtime: Runtime): Promise<void> {
    const email = await required(this.context, this.email, { option: '--email', label: t('cli.field.email'), kind: 'email' });
    const [{ login }, { loadSecret }] = await Promise.all([
      import('../../../commands/session-handler.js'),
      import('../../../auth/secret.js'),
    ]);
    const secret = loadSecret(runtime.config);
    // A password typed on a terminal is asked again after a refusal; each try is a real attempt,
    // recorded and counted by the lock rules (5 failures in 15 minutes lock the account).
    const tries = this.passwordStdin ? 1 : MAX_TRIES;
    for (let attempt = 1; ; attempt++) {
      const password = await readPassword(this.context, this.passwordStdin);
      // Each try is a command of its own in the log: its own event ids, its own entry.
      if (attempt > 1) runtime.nextTry(attempt);
      const context = await runtime.context();
      try {
        const session = await login(context, { email, password, secret, ttlSeconds: runtime.config.sessionTtlSeconds });
        runtime.saveSession(session.token);
        await this.log(runtime, { id: session.actor.id, role: session.actor.role }, 'login', { email }, 'accepted', null, context.recorded);
        this.write(t('cli.login.done', { name: session.actor.name, role: session.actor.role, until: session.expiresAt.toISOString() }));
        return;
      } catch (error) {
        const actor = context.recorded[0]?.metadata.actor ?? ANONYMOUS;
        await this.log(
          runtime,
          actor,
          'login',
          { email },
          outcomeOf(error),
          classify(error)?.text ?? firstLine(String((error as Error)?.message ?? error)),
          context.recorded,
        );
        if (!(error instanceof NotAuthenticated) || attempt >= tries) throw error;
        const { reportError } = await import('../../report-error.js');
        reportError(this.context, error);
      }
    }
  }
}
