import { Option } from 'clipanion';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class ExportCommand extends EpicCommand {
  static override paths = [['export']];

  noun = Option.String({ name: 'clients|contracts|events' });
  format = Option.String('--format', 'csv');
  output = Option.String('--output,-o');

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
