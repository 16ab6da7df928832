import { Option } from 'clipanion';
import { resolveUserId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { userChoices } from '../../pickers.js';
import { choose } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class EventAssignCommand extends MutationCommand {
  static override paths = [
    ['event', 'assign'],
    ['events', 'assign'],
  ];

  id = Option.String({ name: 'id' });
  support = Option.String('--support');

  protected async run(runtime: Runtime): Promise<void> {
    let supportId = '';
    const { before } = await changeAccountRecord(
      this,
      runtime,
      'event assign',
      { id: this.id, support: this.support },
      { noun: 'occasions', idOrPrefix: this.id },
      async (occasionId, _event, context) => {
        refuseUnlessAllowed('event.assign', context.actor);
        const support = await choose(this.context, this.support, { option: '--support', label: t('cli.field.support') }, () =>
          userChoices(runtime, 'support'),
        );
        supportId = await resolveUserId(await runtime.readDb(), support);
        return { type: 'AssignSupport', data: { occasionId, supportId } };
      },
    );
    const { getUser } = await import('../../../projections/queries/index.js');
    const support = await getUser((await runtime.readDb()).db, supportId);
    this.write(t('cli.done.assigned', { support: support?.name ?? supportId, event: before.name }));
  }
}
