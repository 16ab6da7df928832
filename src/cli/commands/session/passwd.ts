import { Option } from 'clipanion';
import { InvalidInput } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { newPassword, readPassword } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

/**
 * `epic passwd`: your own password, whatever your role. On a terminal the
 * current password first, then the new one twice; with `--password-stdin`
 * the current one on the first line and the new one on the second.
 */
export class PasswdCommand extends MutationCommand {
  static override paths = [['passwd']];

  passwordStdin = Option.Boolean('--password-stdin', false);

  protected async run(runtime: Runtime): Promise<void> {
    await this.mutate(runtime, 'passwd', {}, async (context) => {
      const [{ changeOwnPassword }, { hashPassword, verifyPassword }, { checkPassword }, { loadUsers }] = await Promise.all([
        import('../../../commands/account-status-handler.js'),
        import('../../../auth/passwords.js'),
        import('../../../auth/password-policy.js'),
        import('../../../commands/load-users.js'),
      ]);
      const email = (await loadUsers(context)).users[context.actor.id]?.email ?? '';
      let current: string;
      let next: string;
      if (this.passwordStdin) {
        const lines = await stdinLines(this.context.stdin);
        if (lines.length < 2 || lines[0] === '' || lines[1] === '') throw new InvalidInput(msg('passwd.needsTwoLines'));
        [current, next] = [lines[0]!, lines[1]!];
        checkPassword(next, email);
      } else {
        current = await readPassword(this.context, false, t('cli.prompt.currentPassword'));
        next = await newPassword(this.context, false, (typed) => checkPassword(typed, email));
      }
      await changeOwnPassword(context, { current, next, hash: hashPassword, verify: verifyPassword });
    });
    this.write(t('cli.done.passwordChanged'));
  }
}

async function stdinLines(stdin: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
}
