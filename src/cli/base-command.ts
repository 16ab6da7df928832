import { Command } from 'clipanion';
import { loadConfig } from '../config/config.js';
import type { ActorContext } from '../commands/command-context.js';
import { ANONYMOUS, recordCommand, scrubArgs, type CommandOutcome } from '../commands/command-log.js';
import type { EventActor, RecordedEvent } from '../events/event-store.js';
import { EpicError } from '../errors.js';
import type { EpicContext } from './context.js';
import { classify, firstLine, reportError } from './report-error.js';
import { Runtime } from './runtime.js';

/**
 * Every `epic` command: runs `run()` with a Runtime, turns any error into the
 * one-line message and exit code of the contract, and closes what was opened.
 */
export abstract class EpicCommand extends Command<EpicContext> {
  protected abstract run(runtime: Runtime): Promise<number | void>;

  async execute(): Promise<number> {
    let runtime: Runtime | undefined;
    try {
      runtime = new Runtime(loadConfig(this.context.env, this.context.cwd));
      return (await this.run(runtime)) ?? 0;
    } catch (error) {
      return reportError(this.context, error);
    } finally {
      await runtime?.close();
    }
  }

  protected write(text: string): void {
    this.context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/**
 * A command that asks for a change. Whatever happens — accepted, rejected by a
 * rule, denied by the policy, failed — it is recorded in the command log with
 * who, when, the arguments (secrets removed) and the events it produced; then
 * the projections are caught up so the caller reads their own write.
 */
export abstract class MutationCommand extends EpicCommand {
  async mutate<T>(runtime: Runtime, command: string, args: Record<string, unknown>, change: (context: ActorContext) => Promise<T>): Promise<T> {
    let actor: EventActor = ANONYMOUS;
    let recorded: readonly RecordedEvent[] = [];
    try {
      const who = await runtime.actor();
      actor = { id: who.id, role: who.role };
      const context = await runtime.actorContext(who);
      recorded = context.recorded;
      const result = await change(context);
      await this.log(runtime, actor, command, args, 'accepted', null, recorded);
      await runtime.catchUp();
      return result;
    } catch (error) {
      const known = classify(error);
      const outcome: CommandOutcome = known ? known.outcome : 'failed';
      await this.log(runtime, actor, command, args, outcome, firstLine(known?.message ?? (error instanceof Error ? error.message : String(error))), recorded).catch(
        (logError: unknown) => {
          // The store that refused the command may also refuse its log entry (it is down): the
          // command's own error is what the user must see; say that the entry is missing.
          if (!(logError instanceof EpicError)) throw logError;
          this.context.stderr.write(`warning: could not record this attempt in the command log: ${firstLine(logError.message)}\n`);
        },
      );
      throw error;
    }
  }

  /** Records an attempt; public to the login/init commands, which act before any session exists. */
  protected async log(
    runtime: Runtime,
    actor: EventActor,
    command: string,
    args: Record<string, unknown>,
    outcome: CommandOutcome,
    reason: string | null,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    const { store } = await runtime.eventStore();
    await recordCommand(store, actor, runtime.now(), {
      commandId: runtime.commandId,
      command,
      args: scrubArgs(args),
      outcome,
      reason,
      events: events.map((e) => e.id),
    });
  }
}
