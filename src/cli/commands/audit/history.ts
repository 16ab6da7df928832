import { Command, Option } from 'clipanion';
import type { RecordKind } from '../../../audit/record-views.js';
import { type Action, assertAllowed } from '../../../auth/policy.js';
import { parseDateTime } from '../../../domain/values/date-time.js';
import { InvalidInput, NotFound } from '../../../errors.js';
import { currentTranslator } from '../../../i18n/translator.js';
import { EpicCommand } from '../../base-command.js';
import { printJson, printRecord } from '../../output.js';
import type { Runtime } from '../../runtime.js';

const KINDS: readonly RecordKind[] = ['user', 'client', 'contract', 'event'];
const VIEW_ACTION: Readonly<Record<RecordKind, Action>> = {
  user: 'user.view',
  client: 'client.view',
  contract: 'contract.view',
  event: 'event.view',
};

export class HistoryCommand extends EpicCommand {
  static override paths = [['history']];
  static override usage = Command.Usage({
    category: 'Audit',
    description: "a record's every change, read from the event log; or the record as it stood at a past instant",
    details: `
      Every change in order: its number, time, who (name and role at that moment), the event, and each field that changed with its value before and after. Deleted records keep their history.

      \`--at T\` prints the record exactly as it stood at T, folded from the log up to T.

      \`--format csv\` writes the history as CSV, one row per changed field (version, at, type, actorId, actorName, actorRole, field, from, to, stream, streamVersion, eventId); \`--format json\` is the same as \`--json\`.

      gestion sees every record's history; others the history of what they may view; users' history is gestion's only.
    `,
    examples: [
      ["A contract's history", '$0 history contract k3f9'],
      ['The contract as it stood on June 1st', '$0 history contract k3f9 --at "2026-06-01 09:00" --json'],
      ['The timeline for a spreadsheet or a script', '$0 history contract k3f9 --format csv > k3f9.csv'],
    ],
  });

  kind = Option.String({ name: 'user|client|contract|event' });
  id = Option.String({ name: 'id' });
  at = Option.String('--at', { description: 'the record as it stood at this date-time' });
  json = Option.Boolean('--json', false, { description: 'print JSON' });
  format = Option.String('--format', { description: "csv or json (export for auditors' tools)" });

  protected async run(runtime: Runtime): Promise<void> {
    const kind = this.kind.replace(/s$/, '') as RecordKind;
    if (!KINDS.includes(kind))
      throw new InvalidInput(`history of what? expected one of ${KINDS.join(', ')}, got ${JSON.stringify(this.kind)}`);
    if (this.format !== undefined && this.format !== 'csv' && this.format !== 'json') {
      throw new InvalidInput(`--format must be csv or json, got ${JSON.stringify(this.format)}`);
    }
    const format = this.format ?? (this.json ? 'json' : 'text');
    const at = this.at === undefined ? undefined : parseDateTime(this.at, '--at');

    const actor = await runtime.actor();
    if (kind === 'user') assertAllowed('user.view', actor);
    const [{ store }, { locateRecord }, history] = await Promise.all([
      runtime.eventStore(),
      import('../../../audit/locate-record.js'),
      import('../../../audit/history.js'),
    ]);
    const ref = await locateRecord(store, kind, this.id, (noun, input) => this.liveRecord(runtime, noun, input));

    // The account's stream, read once: authorization folds it to now, and the history (without --at) walks the same events.
    const streamEvents = ref.clientId !== undefined ? await store.readStream(history.streamOf(ref)) : undefined;
    if (ref.clientId !== undefined) {
      const { viewFacts } = await import('../../../domain/accounts/authorize-account.js');
      const account = await history.currentAccount(store, ref.clientId, streamEvents);
      const facts = viewFacts(account, kind === 'contract' ? ref.id : undefined, kind === 'event' ? ref.id : undefined);
      assertAllowed(VIEW_ACTION[kind], actor, facts);
    }

    const { historyCsv, historyTimeline, recordCsv } = await import('../../../audit/history-export.js');
    if (at !== undefined) {
      const record = await history.recordAt(store, ref, at);
      if (!record) throw new NotFound(`${kind} ${ref.id} did not exist at ${at}`);
      if (format === 'json') printJson(this.context.stdout, record);
      else if (format === 'csv') this.context.stdout.write(recordCsv(record));
      else printRecord(this.context.stdout, Object.entries(record));
      return;
    }
    const entries = await history.recordHistory(store, ref, streamEvents);
    if (entries.length === 0) throw new NotFound(`no ${kind} ${ref.id} in the log`);
    if (format === 'json') printJson(this.context.stdout, entries);
    else if (format === 'csv') this.context.stdout.write(historyCsv(entries));
    else this.context.stdout.write(historyTimeline(ref, entries, await currentTranslator()));
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
    const id = await resolveId(db, kind === 'contract' ? 'contracts' : 'occasions', input);
    const record = kind === 'contract' ? await queries.getContract(db.db, id) : await queries.getOccasion(db.db, id);
    return record && { id, clientId: record.clientId };
  }
}
