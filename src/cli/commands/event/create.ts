import { Option } from 'clipanion';
import { viewContract, viewOccasion } from '../../../commands/read-access.js';
import { msg } from '../../../i18n/message.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { parseCount } from '../../parse-count.js';
import { contractChoices } from '../../pickers.js';
import { choose, isGuided, optional, required } from '../../prompt.js';
import { refuseUnlessAllowed } from '../../refuse-early.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';
import { parseTypedDateTime } from '../../typed-input.js';

export class EventCreateCommand extends MutationCommand {
  static override paths = [
    ['event', 'create'],
    ['events', 'create'],
  ];

  contract = Option.String('--contract');
  name = Option.String('--name');
  start = Option.String('--start');
  end = Option.String('--end');
  location = Option.String('--location');
  attendees = Option.String('--attendees');
  notes = Option.String('--notes');
  json = Option.Boolean('--json', false);

  protected async run(runtime: Runtime): Promise<void> {
    const args = {
      contract: this.contract,
      name: this.name,
      start: this.start,
      end: this.end,
      location: this.location,
      attendees: this.attendees,
      notes: this.notes,
    };
    const guided = isGuided(this.context, this.contract, this.name, this.start, this.end, this.location, this.attendees, this.notes);
    let created = '';
    const { occasionId } = await this.mutate(runtime, 'event create', args, async (context) => {
      const { scheduleOccasion } = await import('../../../commands/account-handler.js');
      refuseUnlessAllowed('event.create', context.actor);
      const db = await runtime.readDb();
      // Events are held by signed contracts: only those are offered.
      const contractRef = await choose(this.context, this.contract, { option: '--contract', label: t('cli.field.contract') }, () =>
        contractChoices(runtime, context.actor, { signed: true }),
      );
      // A contract outside what the actor may view answers as one that does not exist (viewContract).
      const contract = await viewContract(db, context.actor, contractRef);
      const contractId = contract.id;
      const name = await required(this.context, this.name, { option: '--name', label: t('cli.field.eventName'), kind: 'name' });
      const start = parseTypedDateTime(
        await required(this.context, this.start, { option: '--start', label: t('cli.field.start'), kind: 'dateTime' }),
        '--start',
      );
      const end = parseTypedDateTime(
        await required(this.context, this.end, {
          option: '--end',
          label: t('cli.field.end'),
          kind: 'dateTime',
          // Asked again at once, not refused once every answer is typed.
          check: (answer) =>
            Date.parse(parseTypedDateTime(answer, '--end')) <= Date.parse(start) ? msg('event.endsBeforeStart') : undefined,
        }),
        '--end',
      );
      const location = await required(this.context, this.location, { option: '--location', label: t('cli.field.location') });
      const attendees = parseCount(
        await required(this.context, this.attendees, { option: '--attendees', label: t('cli.field.attendees'), kind: 'count' }),
        '--attendees',
      );
      const notes = await optional(this.context, this.notes, { option: '--notes', label: t('cli.field.notes') }, guided);
      created = name;
      return scheduleOccasion(context, {
        clientId: contract.clientId,
        contractId,
        name,
        start,
        end,
        location,
        attendees,
        notes: notes ?? null,
      });
    });
    if (this.json) printJson(this.context.stdout, await viewOccasion(await runtime.readDb(), await runtime.actor(), occasionId));
    else this.writeCreated(occasionId, t('cli.done.createdEvent', { name: created }));
  }
}
