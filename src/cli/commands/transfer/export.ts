import { Option } from 'clipanion';
import { currentLanguage } from '../../../i18n/translator.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class ExportCommand extends EpicCommand {
  static override paths = [['export']];

  noun = Option.String({ name: 'clients|contracts|events' });
  format = Option.String('--format', 'csv');
  delimiter = Option.String('--delimiter');
  output = Option.String('--output,-o');

  /** Every export is in the command log (what left the system, and who took it), whatever its outcome. */
  protected override audited() {
    return {
      command: 'export',
      args: { noun: this.noun, format: this.format, delimiter: this.delimiter, output: this.output },
      every: true,
    };
  }

  protected async run(runtime: Runtime): Promise<void> {
    const [{ exportRecords, parseExportFormat, parseExportNoun }, { csvOptions }] = await Promise.all([
      import('../../../export/export-records.js'),
      import('../../../export/csv-options.js'),
    ]);
    const noun = parseExportNoun(this.noun);
    const format = parseExportFormat(this.format);
    const csv = csvOptions(this.delimiter, currentLanguage());
    const actor = await runtime.actor();
    const text = await exportRecords(await runtime.readDb(), actor, noun, format, csv);
    if (this.output === undefined) {
      this.context.stdout.write(text);
      return;
    }
    const { writeExportFile } = await import('../../../export/write-export-file.js');
    writeExportFile(this.context.cwd, this.output, text);
  }
}
