import { Command, Option } from 'clipanion';
import { resolveId } from '../../../commands/read-access.js';
import { MutationCommand } from '../../base-command.js';
import { required } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class EventAssignCommand extends MutationCommand {
  static override paths = [
    ['event', 'assign'],
    ['events', 'assign'],
  ];
  static override usage = Command.Usage({ category: 'Events', description: 'assign a support user to an event (gestion only)' });

  id = Option.String({ name: 'id' });
  support = Option.String('--support', { description: 'support user id' });

  protected async run(runtime: Runtime): Promise<void> {
    const id = await changeAccountRecord(
      this,
      runtime,
      'event assign',
      { id: this.id, support: this.support },
      { noun: 'occasions', idOrPrefix: this.id },
      async (occasionId) => ({
        type: 'AssignSupport',
        data: {
          occasionId,
          supportId: await resolveId(
            await runtime.readDb(),
            'users',
            await required(this.context, '--support', this.support, 'support id'),
          ),
        },
      }),
    );
    this.write(`assigned event ${id}`);
  }
}
