import { Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import type { RebuildResult } from '../../../projections/projector.js';
import { EpicCommand } from '../../base-command.js';
import { ProgressBar, progressWords } from '../../progress-bar.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ProjectionRebuildCommand extends EpicCommand {
  static override paths = [
    ['projection', 'rebuild'],
    ['projections', 'rebuild'],
  ];

  names = Option.Rest({ name: 'name' });

  /** Every rebuild is in the command log, whatever its outcome. */
  protected override audited() {
    return { command: 'projection rebuild', args: { names: [...this.names] }, every: true };
  }

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    assertAllowed('projection.manage', actor);
    const [readDb, { store }, { rebuild }] = await Promise.all([
      runtime.readDbAsIs(),
      runtime.eventStore(),
      import('../../../projections/projector.js'),
    ]);
    const bar = new ProgressBar(this.context.stderr, { unit: t('cli.progress.events'), words: progressWords() });
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
    this.write(t('cli.projection.rebuilt', { names: result.rebuilt, events: result.events, seconds, position: result.position }));
  }
}
