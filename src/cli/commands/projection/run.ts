import { accessSync, constants, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { ExitCode, InvalidInput } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
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

      With \`--follow\`: keeps following the log as a long-running process (a subscription on EventStoreDB, a poll every \`--interval\` milliseconds elsewhere), so that reads find the views already up to date. SIGINT or SIGTERM stops it after the batch in progress, with the checkpoint saved; exit 0. A backend out of reach does not stop it: it says so on stderr and tries again (every 5 s at most) until the backend is back.

      With \`--heartbeat <file>\`: the follower touches the file after every round that reached the head (at least every 10 s while idle), never while a backend is out of reach; a health check can test its age.
    `,
    examples: [
      ['Catch up once', '$0 projection run'],
      ['Follow the log', '$0 projection run --follow'],
      ['As a service with a health check', '$0 projection run --follow --heartbeat /run/epic/follower.alive'],
    ],
  });

  follow = Option.Boolean('--follow', false, { description: 'keep following the log until SIGINT/SIGTERM' });
  interval = Option.String('--interval', { description: 'milliseconds between two polls of the log when following (default 500)' });
  heartbeat = Option.String('--heartbeat', { description: 'file touched while following and current (for a health check)' });

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
    const [{ followLog }, { classify, firstLine }, { words }] = await Promise.all([
      import('../../../projections/follow.js'),
      import('../../report-error.js'),
      import('../../../i18n/translator.js'),
    ]);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const say = (line: string) => this.context.stderr.write(`${line}\n`);
    const heartbeat = this.heartbeat === undefined ? undefined : heartbeatFile(this.heartbeat);
    try {
      const result = await followLog(store, readDb, {
        signal: stop.signal,
        ...(intervalMs !== undefined && { intervalMs }),
        // What the CLI reports as exit 7 (the drivers' own errors included) is an outage to wait out.
        isOutage: (error) => classify(error)?.exitCode === ExitCode.unavailable,
        onOutage: ({ error, retryInMs }) => {
          const known = classify(error);
          say(words(msg('readSide.followerOutage', { reason: firstLine(known ? words(known.text) : String(error)), retryInMs })));
        },
        onRecovered: (outage) => say(words(msg('readSide.followerRecovered', outage))),
        ...(heartbeat && { onAlive: heartbeat }),
      });
      this.write(`stopped: applied ${result.events} events; at position ${result.position}`);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/**
 * `--heartbeat <file>`: a function that rewrites the file (its time, so its
 * age is what a health check reads) at most once a second. The folder must be
 * writable from the start; a write that fails later is left to the health
 * check to notice.
 */
function heartbeatFile(file: string): () => void {
  const path = resolve(file);
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    throw new InvalidInput(msg('readSide.heartbeatUnwritable', { path }));
  }
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    try {
      writeFileSync(path, `${new Date(now).toISOString()}\n`);
    } catch {
      // The file not refreshed is the signal: the follower goes on.
    }
  };
}
