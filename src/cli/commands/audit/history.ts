import { Option } from 'clipanion';
import type { Candidate } from '../../../audit/locate-record.js';
import type { RecordKind, RecordView } from '../../../audit/record-views.js';
import { type Action, assertAllowed, isAllowed, scopeOf } from '../../../auth/policy.js';
import type { Actor } from '../../../commands/handler-context.js';
import { assertNever } from '../../../domain/assert-never.js';
import { truncate } from '../../../domain/values/money.js';
import { InvalidInput, NotFound, OutOfScope } from '../../../errors.js';
import type { EventStore } from '../../../events/event-store.js';
import { csvOptions } from '../../../export/csv-options.js';
import { msg } from '../../../i18n/message.js';
import { currentLanguage, currentTranslator } from '../../../i18n/translator.js';
import type { ClientRecord, ContractRecord, OccasionRecord, UserRecord } from '../../../records.js';
import { EpicCommand } from '../../base-command.js';
import { type Field, printFields, printJson, printJsonArray } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { parseTypedDateTime } from '../../typed-input.js';
import { clientFields, contractFields, eventFields, userFields } from '../../views.js';

const KINDS: readonly RecordKind[] = ['user', 'client', 'contract', 'event'];
const VIEW_ACTION: Readonly<Record<RecordKind, Action>> = {
  user: 'user.view',
  client: 'client.view',
  contract: 'contract.view',
  event: 'event.view',
};

export class HistoryCommand extends EpicCommand {
  static override paths = [['history']];

  kind = Option.String({ name: 'user|client|contract|event' });
  id = Option.String({ name: 'id' });
  at = Option.String('--at');
  json = Option.Boolean('--json', false);
  format = Option.String('--format');
  delimiter = Option.String('--delimiter');

  /** A history refused, or answered "not found" outside the actor's scope, is a denied entry of the command log. */
  protected override audited() {
    return { command: 'history', args: { kind: this.kind, id: this.id, at: this.at }, every: false };
  }

  protected async run(runtime: Runtime): Promise<void> {
    const kind = this.kind.replace(/s$/, '') as RecordKind;
    if (!KINDS.includes(kind)) throw new InvalidInput(msg('cli.history.kind', { kinds: [...KINDS], got: truncate(this.kind) }));
    if (this.format !== undefined && this.format !== 'csv' && this.format !== 'json') {
      throw new InvalidInput(msg('cli.input.choice', { option: '--format', choices: ['csv', 'json'], got: truncate(this.format) }));
    }
    const format = this.format ?? (this.json ? 'json' : 'text');
    // The separator and decimal comma `epic export` writes in the reader's language (a French spreadsheet splits on `;`).
    const csv = format === 'csv' || this.delimiter !== undefined ? csvOptions(this.delimiter, currentLanguage()) : {};
    const at = this.at === undefined ? undefined : parseTypedDateTime(this.at, '--at');

    const actor = await runtime.actor();
    if (kind === 'user') assertAllowed('user.view', actor);
    const [{ store }, { locateRecord }, history] = await Promise.all([
      runtime.eventStore(),
      import('../../../audit/locate-record.js'),
      import('../../../audit/history.js'),
    ]);
    // Ids are lower-case: a prefix typed in capitals names the same record.
    const ref = await locateRecord(
      store,
      kind,
      this.id.trim().toLowerCase(),
      (noun, input) => this.liveRecord(runtime, noun, input),
      (noun, candidates) => visibleOnLog(store, actor, noun, candidates),
    );

    // The account's stream, in pages: authorization folds it to now, and the history (without --at) walks it again.
    // A stream of one page (most) is read once; a longer one is never held whole (B5).
    const pages = ref.clientId !== undefined ? await history.firstPage(store, ref) : undefined;
    if (pages !== undefined) {
      const { viewFacts } = await import('../../../domain/accounts/authorize-account.js');
      const account = await history.currentAccount(store, pages);
      const facts = viewFacts(account, kind === 'contract' ? ref.id : undefined, kind === 'event' ? ref.id : undefined);
      // Outside the actor's scope, the record answers as one the log does not hold: no id or prefix reveals it.
      if (!isAllowed(VIEW_ACTION[kind], actor, facts)) {
        if (scopeOf(VIEW_ACTION[kind], actor.role) === 'none') assertAllowed(VIEW_ACTION[kind], actor, facts);
        throw new OutOfScope(msg('values.id.notInLog', { noun: kind, input: this.id.trim().toLowerCase() }));
      }
    }

    const { historyCsv, historyTimeline, recordCsv } = await import('../../../audit/history-export.js');
    if (at !== undefined) {
      const record = await history.recordAt(store, ref, at);
      if (!record) throw new NotFound(msg('cli.history.notYet', { kind, id: ref.id, at }));
      if (format === 'json') printJson(this.context.stdout, record);
      else if (format === 'csv') this.context.stdout.write(recordCsv(record, csv));
      else await printFields(this.context, fieldsOf(kind, record));
      return;
    }
    const entries = history.recordHistory(store, ref, pages);
    const first = await entries.next();
    if (first.done === true) throw new NotFound(msg('cli.history.none', { kind, id: ref.id }));
    // JSON is written entry by entry as the walk goes; CSV and the timeline are laid out from the whole list.
    if (format === 'json') await printJsonArray(this.context.stdout, prepend(first.value, entries));
    else {
      const all = [first.value];
      for await (const entry of entries) all.push(entry);
      if (format === 'csv') this.context.stdout.write(historyCsv(all, csv));
      else this.context.stdout.write(historyTimeline(ref, all, await currentTranslator()));
    }
  }

  /** A live contract or event through the read tables (which drop deleted ones: the log is searched then). */
  private async liveRecord(
    runtime: Runtime,
    kind: 'contract' | 'event',
    input: string,
  ): Promise<{ id: string; clientId: string } | undefined> {
    const [db, queries, { resolveId }] = await Promise.all([
      runtime.readDb(),
      import('../../../projections/queries/index.js'),
      import('../../../commands/read-access.js'),
    ]);
    // A prefix resolves among what the actor may view (another commercial's record never makes it ambiguous);
    // one only such records match answers as every record out of scope does here.
    const id = await resolveId(db, kind === 'contract' ? 'contracts' : 'occasions', input, await runtime.actor()).catch(
      (error: unknown) => {
        if (error instanceof OutOfScope) throw new OutOfScope(msg('values.id.notInLog', { noun: kind, input }));
        throw error;
      },
    );
    const record = kind === 'contract' ? await queries.getContract(db.db, id) : await queries.getOccasion(db.db, id);
    return record && { id, clientId: record.clientId };
  }
}

/** The candidates whose account, folded from the log, lets `actor` view them (a prefix several records start). */
async function visibleOnLog(
  store: EventStore,
  actor: Actor,
  kind: 'client' | 'contract' | 'event',
  candidates: readonly Candidate[],
): Promise<Candidate[]> {
  if (scopeOf(VIEW_ACTION[kind], actor.role) === 'all') return [...candidates];
  const [{ accountAggregate }, { fold }, { accountStream }, { viewFacts }] = await Promise.all([
    import('../../../domain/aggregates.js'),
    import('../../../domain/decider.js'),
    import('../../../domain/accounts/account-events.js'),
    import('../../../domain/accounts/authorize-account.js'),
  ]);
  const seen: Candidate[] = [];
  for (const candidate of candidates) {
    const account = fold(accountAggregate, await store.readStream(accountStream(candidate.clientId)));
    const facts = viewFacts(account, kind === 'contract' ? candidate.id : undefined, kind === 'event' ? candidate.id : undefined);
    if (isAllowed(VIEW_ACTION[kind], actor, facts)) seen.push(candidate);
  }
  return seen;
}

async function* prepend<T>(head: T, rest: AsyncIterable<T>): AsyncGenerator<T> {
  yield head;
  yield* rest;
}

/** A record as it stood, as the view of its kind shows it. */
function fieldsOf(kind: RecordKind, record: RecordView): Field[] {
  switch (kind) {
    case 'user':
      return userFields(record as UserRecord);
    case 'client':
      return clientFields(record as ClientRecord);
    case 'contract':
      return contractFields(record as ContractRecord);
    case 'event':
      return eventFields(record as OccasionRecord);
    default:
      return assertNever(kind);
  }
}
