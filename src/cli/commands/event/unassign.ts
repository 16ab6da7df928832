import { Command, Option } from 'clipanion';
import { MutationCommand } from '../../base-command.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class EventUnassignCommand extends MutationCommand {
  static override paths = [
    ['event', 'unassign'],
    ['events', 'unassign'],
  ];
  static override usage = Command.Usage({ category: 'Events', description: 'remove the support from an event (gestion only)' });

  id = Option.String({ name: 'id' });

  protected async run(runtime: Runtime): Promise<void> {
    const id = await changeAccountRecord(
      this,
      runtime,
      'event unassign',
      { id: this.id },
      { noun: 'occasions', idOrPrefix: this.id },
      (occasionId) => ({
        type: 'UnassignSupport',
        data: { occasionId },
      }),
    );
    this.write(`unassigned event ${id}`);
  }
}
