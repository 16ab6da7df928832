import { Command, Option } from 'clipanion';
import type { ActorContext } from '../../../commands/handler-context.js';
import { toStoredMessage } from '../../../i18n/stored-message.js';
import { words } from '../../../i18n/translator.js';
import type { ImportReport } from '../../../import/import-clients.js';
import { MutationCommand } from '../../base-command.js';
import { printJson } from '../../output.js';
import type { Runtime } from '../../runtime.js';

export class ImportClientsCommand extends MutationCommand {
  static override paths = [['import', 'clients']];
  static override usage = Command.Usage({
    category: 'Import and export',
    description: 'create or update clients from a CSV file (gestion)',
    details: `
      The header row names the columns, in French or English: nom_complet/name, email, telephone/phone, entreprise/company, commercial (a commercial user's email). Separators , or ; are detected; UTF-8 with or without BOM.

      Each row is validated as \`client create\` validates. A row whose email belongs to a client updates that client; a later row with the same email as an earlier one updates the client that row imported. Valid rows are imported and refused ones reported with their line number: exit 0 when every row was imported, 2 when some were refused.

      \`--dry-run\` decides every row and reports, writing nothing (not even a command-log entry). See docs/import-export.md.
    `,
    examples: [
      ['Check a file first', '$0 import clients clients.csv --dry-run'],
      ['Import it', '$0 import clients clients.csv'],
    ],
  });

  file = Option.String({ name: 'file.csv' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'report what would happen, write nothing' });
  json = Option.Boolean('--json', false, { description: 'print the report as JSON' });

  protected async run(runtime: Runtime): Promise<number> {
    const report = this.dryRun
      ? await this.importFile(await runtime.actorContext(await runtime.actor()))
      : await this.mutate(runtime, 'import clients', { file: this.file }, (context) => this.importFile(context));
    this.print(report);
    if (report.refused.length === 0) return 0;
    this.context.stderr.write(
      `error: ${report.refused.length} of ${report.rows} rows refused (lines ${lineList(report)}); the others were ${report.dryRun ? 'checked' : 'imported'}\n`,
    );
    return 2;
  }

  private async importFile(context: ActorContext): Promise<ImportReport> {
    const [{ readCsvFile }, { readClientRows }, { importClients }, { ProgressBar }, { assertAllowed }] = await Promise.all([
      import('../../../import/read-csv-file.js'),
      import('../../../import/client-rows.js'),
      import('../../../import/import-clients.js'),
      import('../../progress-bar.js'),
      import('../../../auth/policy.js'),
    ]);
    // Refused before the file is even read: a commercial learns nothing about it.
    assertAllowed('import.clients', context.actor);
    const rows = readClientRows(readCsvFile(this.context.cwd, this.file));
    const bar = new ProgressBar(this.context.stderr, { unit: 'rows', label: this.dryRun ? 'checking' : 'importing' });
    try {
      return await importClients(context, rows, { dryRun: this.dryRun, onProgress: (done, total) => bar.update(done, total) });
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
    const verb = report.dryRun ? 'dry run, nothing written: would have ' : '';
    const lines = [
      `${verb}created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, refused ${report.refused.length} (of ${report.rows} rows)`,
    ];
    if (report.ignoredColumns.length > 0) lines.push(`ignored columns: ${report.ignoredColumns.join(', ')}`);
    for (const row of report.refused) lines.push(`line ${row.line}: ${words(row.reason)}`);
    for (const dup of report.duplicates)
      lines.push(`line ${dup.line}: same email as line ${dup.sameEmailAsLine}, updated the client that line imported`);
    // Values from the file never reach the terminal as control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced
    this.write(lines.map((line) => line.replace(/[\u0000-\u001f\u007f]/g, '?')).join('\n'));
  }
}

function lineList(report: ImportReport): string {
  const lines = report.refused.map((row) => row.line);
  return lines.length <= 10 ? lines.join(', ') : `${lines.slice(0, 10).join(', ')}, ...`;
}
