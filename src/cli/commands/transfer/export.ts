import { Command, Option } from 'clipanion';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class ExportCommand extends EpicCommand {
  static override paths = [['export']];
  static override usage = Command.Usage({
    category: 'Import and export',
    description: 'export the clients, contracts or events you may see, as CSV or JSON',
    details: `
      Exactly what \`list\` shows you: gestion everything, a commercial their own clients' records, a support the records behind the events assigned to them.

      CSV (the default) opens as intended in spreadsheets: UTF-8 with BOM, CRLF, every field quoted, a cell starting with = + - @ (or tab, CR) prefixed with ' so it is never run as a formula; an event's clientContact becomes clientContact.email and clientContact.phone. A clients CSV can be imported with \`epic import clients\`. JSON is an array of the records of \`list --json\`. See docs/import-export.md.
    `,
    examples: [
      ['Clients for a spreadsheet', '$0 export clients > clients.csv'],
      ['Contracts as JSON into a private file', '$0 export contracts --format json --output contracts.json'],
    ],
  });

  noun = Option.String({ name: 'clients|contracts|events' });
  format = Option.String('--format', 'csv', { description: 'csv (default) or json' });
  output = Option.String('--output,-o', { description: 'write to this file (created 0600) instead of stdout' });

  protected async run(runtime: Runtime): Promise<void> {
    const { exportRecords, parseExportFormat, parseExportNoun } = await import('../../../export/export-records.js');
    const noun = parseExportNoun(this.noun);
    const format = parseExportFormat(this.format);
    const actor = await runtime.actor();
    const text = await exportRecords(await runtime.readDb(), actor, noun, format);
    if (this.output === undefined) {
      this.context.stdout.write(text);
      return;
    }
    const { writeExportFile } = await import('../../../export/write-export-file.js');
    writeExportFile(this.context.cwd, this.output, text);
  }
}
