import { accessSync, constants, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option } from 'clipanion';
import { assertAllowed } from '../../../auth/policy.js';
import { ExitCode, InvalidInput } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ProjectionRunCommand extends EpicCommand {
  static override paths = [
    ['projection', 'run'],
    ['projections', 'run'],
  ];
  follow = Option.Boolean('--follow', false);
  interval = Option.String('--interval');
  heartbeat = Option.String('--heartbeat');

  protected async run(runtime: Runtime): Promise<void> {
    const actor = await runtime.actor();
    assertAllowed('projection.manage', actor);
    const intervalMs = this.interval === undefined ? undefined : Number(this.interval);
    if (intervalMs !== undefined && !(Number.isSafeInteger(intervalMs) && intervalMs >= 10))
      throw new InvalidInput(msg('cli.projection.interval'));
    const [readDb, { store }] = await Promise.all([runtime.readDbAsIs(), runtime.eventStore()]);
    if (!this.follow) {
      const { catchUp } = await import('../../../projections/projector.js');
      const result = await catchUp(store, readDb);
      this.write(t('cli.projection.applied', { events: result.events, position: result.position }));
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
      this.write(t('cli.projection.stopped', { events: result.events, position: result.position }));
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
