import { Option } from 'clipanion';
import { viewClient } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { confirmIrreversible } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

/**
 * `epic client forget <id>`: the right to erasure (docs/privacy.md). The
 * account records `ClientForgotten`; the event store's privacy decorator
 * destroys the client's key once that is stored; the read tables erase the
 * client's values as they apply it; then the read database's WAL is emptied
 * (SQLite), so the erased values do not stay in it.
 */
export class ClientForgetCommand extends MutationCommand {
  static override paths = [
    ['client', 'forget'],
    ['clients', 'forget'],
  ];

  id = Option.String({ name: 'id' });
  yes = Option.Boolean('--yes', false);

  protected async run(runtime: Runtime): Promise<void> {
    const client = await this.mutate(runtime, 'client forget', { id: this.id }, async (context) => {
      const { runAccountCommand } = await import('../../../commands/account-handler.js');
      refuseUnlessAllowed('client.forget', context.actor);
      const client = await viewClient(await runtime.readDb(), context.actor, this.id);
      await confirmIrreversible(this.context, {
        yes: this.yes,
        command: 'client forget',
        what: t('cli.confirm.forgetClient', { id: client.id, name: client.name }),
      });
      await runAccountCommand(context, client.id, { type: 'ForgetClient', data: { clientId: client.id, at: context.now().toISOString() } });
      return client;
    });
    const { scrubReadDb } = await import('../../../privacy/scrub.js');
    await scrubReadDb(await runtime.readDbAsIs());
    this.write(t('cli.done.forgotClient', { id: client.id }));
  }
}
