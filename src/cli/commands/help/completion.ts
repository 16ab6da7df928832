import { Option } from 'clipanion';
import { InvalidInput } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { EpicCommand } from '../../base-command.js';
import type { Runtime } from '../../runtime.js';

export class CompletionCommand extends EpicCommand {
  static override paths = [['completion']];

  shell = Option.String({ name: 'bash|zsh|fish' });

  protected async run(_runtime: Runtime): Promise<void> {
    const [{ completionScript, SHELLS }, { commandSpecs }] = await Promise.all([
      import('../../help/completion-script.js'),
      import('../../help/command-specs.js'),
    ]);
    const shell = SHELLS.find((name) => name === this.shell);
    if (shell === undefined) throw new InvalidInput(msg('cli.input.choice', { option: 'shell', choices: [...SHELLS], got: this.shell }));
    this.context.stdout.write(completionScript(shell, await commandSpecs()));
  }
}
