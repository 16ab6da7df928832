import { Command, Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printTable } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ProjectionStatusCommand extends EpicCommand {
  static override paths = [
    ['projection', 'status'],
    ['projections', 'status'],
  ];
  static override usage = Command.Usage({
    category: 'Projections',
    description: 'where each read view stands against the log (gestion only)',
    details: `
      For each projection: its version in this code and the version its tables were built with (they differ after an upgrade: the next command rebuilds it), its checkpoint (the position of the last event applied), how many events of the log it has still to apply, when it was last rebuilt, and a rebuild running now. Reads only: it does not catch anything up.
    `,
    examples: [
      ['Show', '$0 projection status'],
      ['For a script', '$0 projection status --json'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'print a JSON array' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    assertAllowed('projection.manage', actor);
    const [readDb, { store }, { projectionStatus }] = await Promise.all([
      runtime.readDbAsIs(),
      runtime.eventStore(),
      import('../../../projections/projector.js'),
    ]);
    const statuses = await projectionStatus(store, readDb);
    if (this.json) {
      printJson(this.context.stdout, statuses);
      return;
    }
    printTable(this.context.stdout, statuses, [
      { header: 'name', value: (s) => s.name },
      {
        header: 'version',
        value: (s) => (s.storedVersion === s.version ? s.version : `${s.version} (tables: ${s.storedVersion ?? 'none'})`),
      },
      { header: 'checkpoint', value: (s) => s.position },
      { header: 'behind', value: (s) => `${s.behind}${s.behindAtLeast ? '+' : ''}` },
      { header: 'last rebuilt', value: (s) => s.rebuiltAt },
      {
        header: 'state',
        value: (s) =>
          s.rebuilding
            ? `rebuilding (pid ${s.rebuilding.pid} on ${s.rebuilding.host} since ${s.rebuilding.since})`
            : s.storedVersion !== s.version
              ? 'rebuild due'
              : s.upToDate
                ? 'up to date'
                : 'behind',
      },
    ]);
  }
}
