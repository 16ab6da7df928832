import { Command, Option } from 'clipanion';
import { viewOccasion } from '../../../commands/read-access.js';
import { parseDateTime } from '../../../domain/values/date-time.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { parseCount } from '../../parse-count.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

export class EventEditCommand extends MutationCommand {
  static override paths = [
    ['event', 'edit'],
    ['events', 'edit'],
  ];
  static override usage = Command.Usage({
    category: 'Events',
    description: 'change an event (gestion, or the support assigned to it)',
    details: 'An empty --notes "" clears the notes.',
  });

  id = Option.String({ name: 'id' });
  name = Option.String('--name', { description: 'new name' });
  start = Option.String('--start', { description: 'new start' });
  end = Option.String('--end', { description: 'new end' });
  location = Option.String('--location', { description: 'new location' });
  attendees = Option.String('--attendees', { description: 'new number of attendees' });
  notes = Option.String('--notes', { description: 'new notes' });
  json = Option.Boolean('--json', false, { description: 'print the event as JSON' });

  protected async run(runtime: Runtime): Promise<void> {
    const args = {
      id: this.id,
      name: this.name,
      start: this.start,
      end: this.end,
      location: this.location,
      attendees: this.attendees,
      notes: this.notes,
    };
    const id = await changeAccountRecord(this, runtime, 'event edit', args, { noun: 'occasions', idOrPrefix: this.id }, (occasionId) => ({
      type: 'EditOccasion',
      data: {
        occasionId,
        ...(this.name !== undefined && { name: this.name }),
        ...(this.start !== undefined && { start: parseDateTime(this.start, '--start') }),
        ...(this.end !== undefined && { end: parseDateTime(this.end, '--end') }),
        ...(this.location !== undefined && { location: this.location }),
        ...(this.attendees !== undefined && { attendees: parseCount(this.attendees, '--attendees') }),
        ...(this.notes !== undefined && { notes: this.notes }),
      },
    }));
    if (this.json) printJson(this.context.stdout, await viewOccasion(await runtime.readDb(), await runtime.actor(), id));
    else this.write(`updated event ${id}`);
  }
}
