import { NotAuthenticated } from '../../../errors.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class LogoutCommand extends EpicCommand {
  static override paths = [['logout']];

  protected async run(runtime: Runtime): Promise<void> {
    try {
      const actor = await runtime.actor();
      const { logout } = await import('../../../commands/session-handler.js');
      await logout(await runtime.context(), actor);
      this.write(t('cli.logout.done', { name: actor.name }));
    } catch (error) {
      // An expired or already closed session has nothing left to end: removing the file is all there is to do.
      if (!(error instanceof NotAuthenticated)) throw error;
      this.write(t('cli.logout.none'));
    } finally {
      runtime.clearSession();
    }
  }
}
