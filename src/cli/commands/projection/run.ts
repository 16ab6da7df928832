import { Command, Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { InvalidInput } from '../../../errors.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class ProjectionRunCommand extends EpicCommand {
  static override paths = [
    ['projection', 'run'],
    ['projections', 'run'],
  ];
  static override usage = Command.Usage({
    category: 'Projections',
    description: 'catch the read views up with the log, once or continuously (gestion only)',
    details: `
      Without \`--follow\`: applies what the log holds beyond the checkpoints, then exits. Every command does this before it reads; this is for a script or a deployment step.

      With \`--follow\`: keeps following the log as a long-running process (a subscription on EventStoreDB, a poll every \`--interval\` milliseconds elsewhere), so that reads find the views already up to date. SIGINT or SIGTERM stops it after the batch in progress, with the checkpoint saved; exit 0.
    `,
    examples: [
      ['Catch up once', '$0 projection run'],
      ['Follow the log', '$0 projection run --follow'],
    ],
  });

  follow = Option.Boolean('--follow', false, { description: 'keep following the log until SIGINT/SIGTERM' });
  interval = Option.String('--interval', { description: 'milliseconds between two polls of the log when following (default 500)' });

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    assertAllowed('projection.manage', actor);
    const intervalMs = this.interval === undefined ? undefined : Number(this.interval);
    if (intervalMs !== undefined && !(Number.isSafeInteger(intervalMs) && intervalMs >= 10))
      throw new InvalidInput('--interval must be a whole number of milliseconds, at least 10');
    const [readDb, { store }] = await Promise.all([runtime.readDbAsIs(), runtime.eventStore()]);
    if (!this.follow) {
      const { catchUp } = await import('../../../projections/projector.js');
      const result = await catchUp(store, readDb);
      this.write(`applied ${result.events} events; at position ${result.position}`);
      return;
    }
    const { followLog } = await import('../../../projections/follow.js');
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const result = await followLog(store, readDb, { signal: stop.signal, ...(intervalMs !== undefined && { intervalMs }) });
      this.write(`stopped: applied ${result.events} events; at position ${result.position}`);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
