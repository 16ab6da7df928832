import { Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class EventUnassignCommand extends MutationCommand {
  static override paths = [
    ['event', 'unassign'],
    ['events', 'unassign'],
  ];

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const { before } = await changeAccountRecord(
      this,
      runtime,
      'event unassign',
      { id: this.id },
      { noun: 'occasions', idOrPrefix: this.id },
      (occasionId) => ({ type: 'UnassignSupport', data: { occasionId } }),
    );
    this.write(
      before.supportName === null
        ? t('cli.done.unassignedNobody', { event: before.name })
        : t('cli.done.unassigned', { support: before.supportName, event: before.name }),
    );
  }
}
