import { Command } from 'clipanion';
import { NotAuthenticated } from '../../../errors.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class LogoutCommand extends EpicCommand {
  static override paths = [['logout']];
  static override usage = Command.Usage({
    description: 'end the session: the token stops working, even copies of it',
  });

  protected async run(runtime: Runtime): Promise<void> {
    try {
      const actor = await runtime.actor();
      const { logout } = await import('../../../commands/session-handler.js');
      await logout(await runtime.context(), actor);
      this.write(`logged out ${actor.name}`);
    } catch (error) {
      // An expired or already closed session has nothing left to end: removing the file is all there is to do.
      if (!(error instanceof NotAuthenticated)) throw error;
      this.write('no open session');
    } finally {
      runtime.clearSession();
    }
  }
}
