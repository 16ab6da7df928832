import { Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { confirmIrreversible } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class EventCancelCommand extends MutationCommand {
  static override paths = [
    ['event', 'cancel'],
    ['events', 'cancel'],
  ];

  id = Option.String({ name: 'id' });
  reason = Option.String('--reason');
  yes = Option.Boolean('--yes', false);

  protected async run(runtime: Runtime): Promise<void> {
    const { id, before } = await changeAccountRecord(
      this,
      runtime,
      'event cancel',
      { id: this.id, reason: this.reason },
      { noun: 'occasions', idOrPrefix: this.id },
      async (occasionId, event, context) => {
        refuseUnlessAllowed('event.cancel', context.actor);
        await confirmIrreversible(this.context, {
          yes: this.yes,
          command: 'event cancel',
          what: t('cli.confirm.cancelEvent', { id: event.id, name: event.name, client: event.clientName }),
        });
        return { type: 'CancelOccasion', data: { occasionId, ...(this.reason !== undefined && { reason: this.reason }) } };
      },
    );
    this.write(t('cli.done.cancelledEvent', { id, name: before.name }));
  }
}
