import { Command, Option } from 'clipanion';
import { resolveId, viewOccasion } from '../../../commands/read-access.js';
import { parseDateTime } from '../../../domain/values/date-time.js';
import { NotFound } from '../../../errors.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import { parseCount } from '../../parse-count.js';
import { required } from '../../prompt.js';
import type { Runtime } from '../../runtime.js';

export class EventCreateCommand extends MutationCommand {
  static override paths = [
    ['event', 'create'],
    ['events', 'create'],
  ];
  static override usage = Command.Usage({
    category: 'Events',
    description: "create a client's event (wedding, seminar...) on a signed contract",
    details: 'Date-times in ISO 8601 ("2026-06-04T13:00", "2026-06-04 13:00", with or without offset; without one, local time).',
    examples: [
      [
        'A wedding',
        '$0 event create --contract k3f9 --name "Casey wedding" --start "2026-06-04 13:00" --end "2026-06-05 02:00" --location "53 Rue du Château, Candé-sur-Beuvron" --attendees 75 --notes "DJ until 2am"',
      ],
    ],
  });

  contract = Option.String('--contract', { description: 'signed contract id' });
  name = Option.String('--name', { description: 'name of the event' });
  start = Option.String('--start', { description: 'start date-time' });
  end = Option.String('--end', { description: 'end date-time' });
  location = Option.String('--location', { description: 'address' });
  attendees = Option.String('--attendees', { description: 'expected attendees' });
  notes = Option.String('--notes', { description: 'free notes' });
  json = Option.Boolean('--json', false, { description: 'print the created event as JSON' });

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
    const { occasionId } = await this.mutate(runtime, 'event create', args, async (context) => {
      const [{ scheduleOccasion }, { getContract }] = await Promise.all([
        import('../../../commands/account-handler.js'),
        import('../../../projections/queries/index.js'),
      ]);
      const db = await runtime.readDb();
      const contractRef = await required(this.context, '--contract', this.contract, 'contract id');
      const contractId = await resolveId(db, 'contracts', contractRef);
      const contract = await getContract(db.db, contractId);
      if (!contract) throw new NotFound(`no contract ${contractRef}`);
      const name = await required(this.context, '--name', this.name, 'event name');
      const start = parseDateTime(await required(this.context, '--start', this.start, 'start'), '--start');
      const end = parseDateTime(await required(this.context, '--end', this.end, 'end'), '--end');
      const location = await required(this.context, '--location', this.location, 'location');
      const attendees = parseCount(await required(this.context, '--attendees', this.attendees, 'attendees'), '--attendees');
      return scheduleOccasion(context, {
        clientId: contract.clientId,
        contractId,
        name,
        start,
        end,
        location,
        attendees,
        notes: this.notes ?? null,
      });
    });
    if (this.json) printJson(this.context.stdout, await viewOccasion(await runtime.readDb(), await runtime.actor(), occasionId));
    else this.write(occasionId);
  }
}
