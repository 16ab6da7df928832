import { Command, Option } from 'clipanion';
import { ANONYMOUS, commandLogAppend, recordCommand, scrubArgs } from '../commands/command-log.js';
import type { ActorContext } from '../commands/handler-context.js';
import { commitUnit, UnitOfWork } from '../commands/unit-of-work.js';
import { loadConfig } from '../config/config.js';
import { checkHome } from '../config/home.js';
import type { CommandOutcome, CommandRecord } from '../domain/command-log.js';
import { EpicError, ExitCode, InvalidInput, isCancelled, ReadDbDamaged } from '../errors.js';
import type { EventActor, RecordedEvent } from '../events/event-store.js';
import { type Message, msg } from '../i18n/message.js';
import { toStoredMessage } from '../i18n/stored-message.js';
import { words } from '../i18n/translator.js';
import { domainReports } from '../monitoring/domain-reports.js';
import { createMonitor, DISABLED_MONITOR, type Monitor } from '../monitoring/monitor.js';
import type { EpicContext } from './context.js';
import { isTerminal, noticeFor } from './output/terminal.js';
import { classify, firstLine, outcomeOf, reportError, reportFailure } from './report-error.js';
import { Runtime } from './runtime.js';
import { t } from './say.js';

/**
 * Every `epic` command: runs `run()` with a Runtime, turns any error into the
 * one-line message and exit code of the contract (an unexpected one is also
 * sent to the monitor when SENTRY_DSN is set), closes what was opened, and
 * waits a bounded time for the monitor before returning.
 */
export abstract class EpicCommand extends Command<EpicContext> {
  /**
   * Empty on purpose: the help a person reads is rendered from the route
   * table and the catalogue (src/cli/help), in their language. clipanion
   * lists a command's options only for a class that has a usage.
   */
  static override usage = Command.Usage({});

  // biome-ignore lint/suspicious/noConfusingVoidType: run() returns an exit code or nothing (0); with `undefined` instead, every `Promise<void>` override would be a type error
  protected abstract run(runtime: Runtime): Promise<number | void>;

  /** Error monitoring for this invocation (src/monitoring); off unless SENTRY_DSN is set. */
  protected monitor: Monitor = DISABLED_MONITOR;

  async execute(): Promise<number> {
    let runtime: Runtime | undefined;
    let code: number;
    try {
      const config = loadConfig(this.context.env, this.context.cwd);
      checkHome(config.home);
      this.monitor = createMonitor(config, this.context.stderr);
      this.monitor.setScope({ command: this.path.join(' ') });
      failIfForced(this.context.env);
      runtime = new Runtime(config, undefined, (text) => this.context.stderr.write(noticeFor(this.context.stderr, words(text))));
      try {
        code = (await this.runRepairing(runtime)) ?? ExitCode.ok;
      } catch (error) {
        await this.recordRead(runtime, error);
        throw error;
      }
      await this.recordRead(runtime, undefined);
    } catch (error) {
      // A change already saved stands: what failed after it (printing what was saved) is a warning.
      if (runtime?.changeSaved && !isCancelled(error) && this instanceof MutationCommand) {
        await this.warnSaved(error);
        code = ExitCode.ok;
      } else code = await reportFailure(this.context, error, this.monitor);
    }
    try {
      await runtime?.close();
    } catch (error) {
      // The command's outcome stands; a failure to close is a bug of its own, shown if nothing else was.
      if (code === ExitCode.ok) code = await reportFailure(this.context, error, this.monitor);
      else if (!classify(error)) await this.monitor.captureInternalError(error);
    }
    await this.monitor.flush();
    return code;
  }

  /**
   * A command that reads (or administers) and must be seen in the command
   * log: its name and arguments (secrets removed), and whether every run is
   * recorded (`audit verify`, `projection rebuild`, `import --dry-run`,
   * `export`) or only a denied one (a `view` or `history` refused, or
   * answered "not found" because it lies outside the actor's scope): probing
   * ids shows in `epic log --denied`. Change commands record themselves.
   *
   * By default every command that reads records its denials (a `list`, a
   * `projection status` refused with exit 4), under its route's name and
   * without arguments: a command overrides this to name its arguments or to
   * record every run. The exit code and the entry then agree for every
   * command (test/cli/outcomes.test.ts).
   */
  protected audited(): { readonly command: string; readonly args: Record<string, unknown>; readonly every: boolean } | undefined {
    const [route] = (this.constructor as typeof EpicCommand).paths ?? [];
    return route === undefined ? undefined : { command: route.join(' '), args: {}, every: false };
  }

  /** The command-log record of this attempt. */
  protected record(
    runtime: Runtime,
    command: string,
    args: Record<string, unknown>,
    outcome: CommandOutcome,
    /** A message is recorded as words (the actor's language) and as itself, for readers of other languages. */
    reason: Message | string | null,
    eventIds: readonly string[],
  ): CommandRecord {
    return {
      commandId: runtime.commandId,
      command,
      args: scrubArgs(args),
      outcome,
      reason: reason === null ? null : firstLine(words(reason)),
      reasonMessage: reason === null || typeof reason === 'string' ? null : toStoredMessage(reason),
      events: eventIds,
    };
  }

  /** Records this read per `audited()`, once an actor was authenticated; a failure to record is a warning, never the outcome. */
  private async recordRead(runtime: Runtime, error: unknown): Promise<void> {
    const audited = this.audited();
    const actor = runtime.knownActor;
    if (audited === undefined || actor === undefined || isCancelled(error)) return;
    const outcome: CommandOutcome = error === undefined ? 'accepted' : outcomeOf(error);
    if (!audited.every && outcome !== 'denied') return;
    const known = error === undefined ? undefined : classify(error);
    const reason = error === undefined ? null : known ? known.text : error instanceof Error ? error.message : String(error);
    try {
      const { store } = await runtime.eventStore();
      const record = this.record(runtime, audited.command, audited.args, outcome, reason, []);
      await recordCommand(store, { id: actor.id, role: actor.role }, runtime.now(), record);
    } catch (logError) {
      if (!(logError instanceof EpicError)) throw logError;
      this.context.stderr.write(`warning: ${t('cli.warning.notRecorded', { reason: firstLine(words(logError.text)) })}\n`);
    }
  }

  /**
   * Runs the command; when it met a damaged SQLite read database (corrupt
   * pages, a dropped table), the read tables are rebuilt from the log, the
   * only thing that was damaged, and a command that changes nothing runs
   * again on them. A change command is not run twice: its failure stands
   * (recorded as such), and the next run finds the tables rebuilt.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: what run() returns
  private async runRepairing(runtime: Runtime): Promise<number | void> {
    try {
      return await this.run(runtime);
    } catch (error) {
      const damage = readDbDamageIn(error);
      if (damage === undefined || !(await runtime.repairReadDb(damage)) || this instanceof MutationCommand) throw error;
      return this.run(runtime);
    }
  }

  /** clipanion validates option schemas before `execute` and prints their errors on stdout: one line on stderr instead. */
  override async validateAndExecute(): Promise<number> {
    try {
      return await super.validateAndExecute();
    } catch (error) {
      return reportError(this.context, error);
    }
  }

  /** A line (or lines) for the reader; on a terminal, a line too long for it is broken at spaces (noticeFor). */
  protected write(text: string): void {
    this.context.stdout.write(noticeFor(this.context.stdout, text.endsWith('\n') ? text.slice(0, -1) : text));
  }
}

/** The read database's damage behind an error, if that is what it is (on the error itself or its causes). */
function readDbDamageIn(error: unknown): ReadDbDamaged | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    if (cause instanceof ReadDbDamaged) return cause;
  }
  return undefined;
}

/**
 * For tests of the failure path only: with EPIC_TEST_FORCE_INTERNAL_ERROR set,
 * every command fails as a bug would (exit 1). `1` gives a fixed message; any
 * other value becomes the message (to prove what the monitor scrubs).
 */
function failIfForced(env: EpicContext['env']): void {
  const forced = env.EPIC_TEST_FORCE_INTERNAL_ERROR;
  if (forced) throw new Error(forced === '1' ? 'forced internal error (EPIC_TEST_FORCE_INTERNAL_ERROR is set)' : forced);
}

/** The longest idempotency key: room for a UUID, a date and a name, not for a file. */
const MAX_KEY_LENGTH = 200;

/** Printable ASCII without spaces: a key survives shells, logs and copy-paste unchanged. */
function idempotencyKey(value: string): string {
  if (!/^[\x21-\x7e]+$/.test(value) || value.length > MAX_KEY_LENGTH)
    throw new InvalidInput(msg('engine.idempotencyKeyInvalid', { max: MAX_KEY_LENGTH }));
  return value;
}

/**
 * A command that asks for a change. Whatever happens — accepted, rejected by a
 * rule, denied by the policy, failed — it is recorded in the command log with
 * who, when, the arguments (secrets removed) and the events it produced. An
 * accepted change and its entry are one multi-stream append (unit-of-work.ts):
 * no accepted change is ever missing from the log. Once that append is done
 * the change is saved and the command succeeds whatever fails afterwards
 * (the read tables' catch-up, a password hash, the output's read): a warning
 * on stderr, exit 0 (docs/cli.md, "Exit codes").
 */
export abstract class MutationCommand extends EpicCommand {
  /** docs/cli.md: a second run with the same key by the same user changes nothing and answers as the first did. */
  idempotencyKey = Option.String('--idempotency-key');

  /**
   * A create command's answer: the new id alone on stdout (what a script
   * captures); on a terminal, what was created too, on stderr, for the person
   * reading (the menu runs create commands).
   */
  protected writeCreated(id: string, said: string): void {
    this.write(id);
    if (isTerminal(this.context.stdout)) this.context.stderr.write(noticeFor(this.context.stderr, said));
  }

  /** A change records its own entry, whatever its outcome (`mutate`): nothing more after the run. */
  protected override audited(): ReturnType<EpicCommand['audited']> {
    return undefined;
  }

  async mutate<T>(
    runtime: Runtime,
    command: string,
    args: Record<string, unknown>,
    change: (context: ActorContext) => Promise<T>,
    /**
     * `rowByRow`: each decision is appended as it is taken and the entry after
     * them (an import, whose rows are accepted or refused one by one and may
     * name the same client twice): no unit of work.
     */
    options: {
      readonly rowByRow?: boolean;
      /**
       * With `rowByRow`: what the entry says of a change made of rows, from its
       * result (an import: accepted with its counts, or rejected when no row
       * was imported). Default: accepted, without a reason.
       */
      readonly outcome?: (result: T) => { readonly outcome: 'accepted' | 'rejected'; readonly reason: Message };
    } = {},
  ): Promise<T> {
    let actor: EventActor = ANONYMOUS;
    let recorded: readonly RecordedEvent[] = [];
    let result: T;
    const unit = new UnitOfWork();
    const key = this.idempotencyKey === undefined ? undefined : idempotencyKey(this.idempotencyKey);
    try {
      const who = await runtime.actor();
      actor = { id: who.id, role: who.role };
      if (key !== undefined) runtime.keyCommand(who.id, key);
      this.monitor.setScope({ actor });
      const context: ActorContext = options.rowByRow ? await runtime.actorContext(who) : { ...(await runtime.actorContext(who)), unit };
      recorded = context.recorded;
      result = await change(context);
      const accepted = actor;
      if (options.rowByRow) {
        // The rows are saved: from here on a failure (of the entry itself) is a warning.
        runtime.changeSaved = recorded.length > 0;
        const said = options.outcome?.(result);
        await this.afterSaved(() =>
          this.log(runtime, accepted, command, args, said?.outcome ?? 'accepted', said?.reason ?? null, recorded),
        );
      } else {
        await commitUnit(context, unit, (eventIds, at) =>
          commandLogAppend(accepted, at, this.record(runtime, command, args, 'accepted', null, eventIds)),
        );
      }
    } catch (error) {
      // Cancelled at a prompt or a confirmation: nothing was attempted, nothing is recorded.
      if (isCancelled(error)) throw error;
      const known = classify(error);
      await this.log(
        runtime,
        actor,
        command,
        args,
        outcomeOf(error),
        known ? known.text : error instanceof Error ? error.message : String(error),
        recorded,
      ).catch((logError: unknown) => {
        // The store that refused the command may also refuse its log entry (it is down): the
        // command's own error is what the user must see; say that the entry is missing.
        if (!(logError instanceof EpicError)) throw logError;
        this.context.stderr.write(`warning: ${t('cli.warning.notRecorded', { reason: firstLine(words(logError.text)) })}\n`);
      });
      throw error;
    }
    runtime.changeSaved = true;
    // The monitor hears of the changes it cares about (users, contract signatures); `log` told it of a row-by-row one.
    if (!options.rowByRow) for (const report of domainReports(recorded)) this.monitor.report(report);
    for (const work of unit.afterCommitWork) await this.afterSaved(work);
    await this.afterSaved(() => runtime.catchUp());
    return result;
  }

  /** A step after the change was saved: its failure is a warning, never the command's outcome. */
  protected async afterSaved(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await this.warnSaved(error);
    }
  }

  /** Says on stderr that the change is saved though `error` happened after it (a bug is also sent to the monitor). */
  async warnSaved(error: unknown): Promise<void> {
    const known = classify(error);
    if (!known) await this.monitor.captureInternalError(error);
    const reason = firstLine(known ? words(known.text) : error instanceof Error ? error.message : String(error));
    this.context.stderr.write(`${t('engine.savedButFailed', { reason })}\n`);
  }

  /** Records an attempt on its own; public to the login/init commands, which act before any session exists. */
  protected async log(
    runtime: Runtime,
    actor: EventActor,
    command: string,
    args: Record<string, unknown>,
    outcome: CommandOutcome,
    reason: Message | string | null,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    // Every accepted change passes here (init and login): the monitor hears of the
    // ones it cares about (users, contract signatures) before the log entry, which may fail.
    if (outcome === 'accepted') for (const report of domainReports(events)) this.monitor.report(report);
    const { store } = await runtime.eventStore();
    await recordCommand(
      store,
      actor,
      runtime.now(),
      this.record(
        runtime,
        command,
        args,
        outcome,
        reason,
        events.map((e) => e.id),
      ),
    );
  }
}
