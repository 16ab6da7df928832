import { Option } from 'clipanion';
import { viewOccasion } from '../../../commands/read-access.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { parseCount } from '../../parse-count.js';
import { type AnswerKind, isGuided, optional, type Question } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { parseTypedDateTime } from '../../typed-input.js';
import { typedDateTime } from '../../views.js';

export class EventEditCommand extends MutationCommand {
  static override paths = [
    ['event', 'edit'],
    ['events', 'edit'],
  ];

  id = Option.String({ name: 'id' });
  name = Option.String('--name');
  start = Option.String('--start');
  end = Option.String('--end');
  location = Option.String('--location');
  attendees = Option.String('--attendees');
  notes = Option.String('--notes');
  json = Option.Boolean('--json', false);

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
    const guided = isGuided(this.context, this.name, this.start, this.end, this.location, this.attendees, this.notes);
    let changed: string[] = [];
    const { id } = await changeAccountRecord(
      this,
      runtime,
      'event edit',
      args,
      { noun: 'occasions', idOrPrefix: this.id },
      async (occasionId, event) => {
        // On a terminal without options, each field is asked with its current value; Enter keeps it.
        const ask = async (
          value: string | undefined,
          option: string,
          label: string,
          kind: AnswerKind,
          current: string | null,
          check?: Question['check'],
        ) => {
          const answer = await optional(
            this.context,
            value,
            { option, label, kind, default: current ?? undefined, ...(check && { check }) },
            guided,
          );
          return guided && answer === (current ?? undefined) ? undefined : answer;
        };
        const name = await ask(this.name, '--name', t('cli.field.eventName'), 'name', event.name);
        const start = await ask(this.start, '--start', t('cli.field.start'), 'dateTime', typedDateTime(event.start));
        // The end is checked against the start (the new one, or the event's) as it is typed.
        const startsAt = Date.parse(start === undefined ? event.start : parseTypedDateTime(start, '--start'));
        const end = await ask(this.end, '--end', t('cli.field.end'), 'dateTime', typedDateTime(event.end), (answer) =>
          Date.parse(parseTypedDateTime(answer, '--end')) <= startsAt ? msg('event.endsBeforeStart') : undefined,
        );
        const location = await ask(this.location, '--location', t('cli.field.location'), 'text', event.location);
        const attendees = await ask(this.attendees, '--attendees', t('cli.field.attendees'), 'count', String(event.attendees));
        const notes = await ask(this.notes, '--notes', t('cli.field.notes'), 'text', event.notes);
        const data = {
          occasionId,
          ...(name !== undefined && { name }),
          ...(start !== undefined && { start: parseTypedDateTime(start, '--start') }),
          ...(end !== undefined && { end: parseTypedDateTime(end, '--end') }),
          ...(location !== undefined && { location }),
          ...(attendees !== undefined && { attendees: parseCount(attendees, '--attendees') }),
          ...(notes !== undefined && { notes }),
        };
        const labels = {
          name: 'cli.field.name',
          start: 'cli.field.start',
          end: 'cli.field.end',
          location: 'cli.field.location',
          attendees: 'cli.field.attendees',
          notes: 'cli.field.notes',
        } as const;
        changed = Object.keys(data).flatMap((key) => (key in labels ? [t(labels[key as keyof typeof labels])] : []));
        return { type: 'EditOccasion', data };
      },
    );
    if (this.json) printJson(this.context.stdout, await viewOccasion(await runtime.readDb(), await runtime.actor(), id));
    else this.write(t('cli.done.updatedEvent', { id, fields: changed }));
  }
}
