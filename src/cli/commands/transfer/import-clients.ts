import { Option } from 'clipanion';
import type { ActorContext } from '../../../commands/handler-context.js';
import { type Message, msg } from '../../../i18n/message.js';
import { toStoredMessage } from '../../../i18n/stored-message.js';
import { words } from '../../../i18n/translator.js';
import type { ImportReport } from '../../../import/import-clients.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';
import { t } from '../../say.js';

export class ImportClientsCommand extends MutationCommand {
  static override paths = [['import', 'clients']];

  file = Option.String({ name: 'file.csv' });
  dryRun = Option.Boolean('--dry-run', false);
  commercial = Option.String('--commercial');
  json = Option.Boolean('--json', false);

  /** A dry run changes nothing, so `mutate` does not record it: it is recorded here, whatever its outcome. */
  protected override audited() {
    return this.dryRun
      ? { command: 'import clients --dry-run', args: { file: this.file, commercial: this.commercial }, every: true }
      : undefined;
  }

  protected async run(runtime: Runtime): Promise<number> {
    const report = this.dryRun
      ? await this.importFile(runtime, await runtime.actorContext(await runtime.actor()))
      : await this.mutate(
          runtime,
          'import clients',
          { file: this.file, commercial: this.commercial },
          (context) => this.importFile(runtime, context),
          { rowByRow: true, outcome: importOutcome },
        );
    this.print(report);
    if (report.refused.length === 0) return 0;
    const summary = { refused: report.refused.length, rows: report.rows, lines: lineList(report) };
    this.context.stderr.write(
      `error: ${report.dryRun ? t('cli.import.refusedChecked', summary) : t('cli.import.refusedImported', summary)}\n`,
    );
    return 2;
  }

  private async importFile(runtime: Runtime, context: ActorContext): Promise<ImportReport> {
    const [{ readCsvFile }, { readClientRows }, { importClients }, { ProgressBar, progressWords }, { assertAllowed }] = await Promise.all([
      import('../../../import/read-csv-file.js'),
      import('../../../import/client-rows.js'),
      import('../../../import/import-clients.js'),
      import('../../progress-bar.js'),
      import('../../../auth/policy.js'),
    ]);
    // Refused before the file is even read: a commercial learns nothing about it.
    assertAllowed('import.clients', context.actor);
    const rows = readClientRows(readCsvFile(this.context.cwd, this.file));
    // `--commercial`: an id, a prefix or an email, as wherever a user is named; the import checks it is a commercial.
    const commercialId =
      this.commercial === undefined
        ? undefined
        : await (await import('../../../commands/read-access.js')).resolveUserId(await runtime.readDb(), this.commercial);
    const bar = new ProgressBar(this.context.stderr, {
      unit: t('cli.import.progressUnit'),
      label: this.dryRun ? t('cli.import.progressChecking') : t('cli.import.progressImporting'),
      words: progressWords(),
    });
    try {
      return await importClients(context, rows, {
        dryRun: this.dryRun,
        onProgress: (done, total) => bar.update(done, total),
        ...(commercialId !== undefined && { commercialId }),
      });
    } finally {
      bar.finish();
    }
  }

  private print(report: ImportReport): void {
    if (this.json) {
      // Each refused row's reason in words (the reader's language) and as its message, as `epic log` shows reasons.
      const refused = report.refused.map((row) => ({
        ...row,
        reason: words(row.reason),
        reasonMessage: typeof row.reason === 'string' ? null : toStoredMessage(row.reason),
      }));
      printJson(this.context.stdout, { ...report, refused });
      return;
    }
    const counts = {
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      refused: report.refused.length,
      rows: report.rows,
    };
    const lines = [report.dryRun ? t('cli.import.dryRun', counts) : t('cli.import.done', counts)];
    if (report.ignoredColumns.length > 0) lines.push(t('cli.import.ignoredColumns', { columns: report.ignoredColumns }));
    for (const row of report.refused) lines.push(t('cli.import.lineRefused', { line: row.line, reason: words(row.reason) }));
    for (const dup of report.duplicates) lines.push(t('cli.import.duplicate', { line: dup.line, sameEmailAsLine: dup.sameEmailAsLine }));
    // Values from the file never reach the terminal as control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced
    this.write(lines.map((line) => line.replace(/[\u0000-\u001f\u007f]/g, '?')).join('\n'));
  }
}

function lineList(report: ImportReport): string {
  const lines = report.refused.map((row) => row.line);
  return lines.length <= 10 ? lines.join(', ') : `${lines.slice(0, 10).join(', ')}, ...`;
}

/**
 * The command log's entry says what the import did: accepted with the counts
 * of created, updated, unchanged and refused rows, or rejected when rows were
 * refused and none was imported.
 */
function importOutcome(report: ImportReport): { outcome: 'accepted' | 'rejected'; reason: Message } {
  const counts = {
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    refused: report.refused.length,
    rows: report.rows,
  };
  const imported = report.created + report.updated + report.unchanged;
  return report.refused.length > 0 && imported === 0
    ? { outcome: 'rejected', reason: msg('import.nothingImported', counts) }
    : { outcome: 'accepted', reason: msg('import.imported', counts) };
}
