import { Command, Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import type { RebuildResult } from '../../../projections/projector.js';
import { EpicCommand } from '../../base-command.js';
import { ProgressBar } from '../../progress-bar.js';
import type { Runtime } from '../../runtime.js';

export class ProjectionRebuildCommand extends EpicCommand {
  static override paths = [
    ['projection', 'rebuild'],
    ['projections', 'rebuild'],
  ];
  static override usage = Command.Usage({
    category: 'Projections',
    description: 'rebuild read views from the log without taking them offline (gestion only)',
    details: `
      Blue/green: each named projection (all of them when none is named) is built into new tables from the start of the log, caught up, then switched in atomically; the old tables are dropped. Listings keep answering from the old tables the whole time, and nothing is lost or applied twice if this is interrupted: the old tables stay in service and the next rebuild starts over.

      One rebuild of a projection at a time: a second one fails with exit 6 and says who is rebuilding it. On a terminal a progress bar on stderr shows the rate and the time left.

      Projections: users, clients, contracts, occasions (the CLI's events), command_log.
    `,
    examples: [
      ['Rebuild everything', '$0 projection rebuild'],
      ['Rebuild two', '$0 projection rebuild clients contracts'],
    ],
  });

  names = Option.Rest({ name: 'name' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    assertAllowed('projection.manage', actor);
    const [readDb, { store }, { rebuild }] = await Promise.all([
      runtime.readDbAsIs(),
      runtime.eventStore(),
      import('../../../projections/projector.js'),
    ]);
    const bar = new ProgressBar(this.context.stderr, { unit: 'events' });
    const started = performance.now();
    let result: RebuildResult;
    try {
      result = await rebuild(store, readDb, {
        ...(this.names.length > 0 && { names: this.names }),
        onProgress: (p) => bar.update(p.position, p.head),
      });
    } finally {
      bar.finish();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.write(`rebuilt ${result.rebuilt.join(', ')}: ${result.events} events in ${seconds}s, at position ${result.position}`);
  }
}
