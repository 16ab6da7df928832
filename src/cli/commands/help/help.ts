import { Option } from 'clipanion';
import { InvalidInput } from '../../../errors.js';
import { msg } from '../../../i18n/message.js';
import { EpicCommand } from '../../base-command.js';
import { commandTable, findRoute, singularNoun } from '../../command-table.js';
import type { Runtime } from '../../runtime.js';
import { version } from '../../version.js';

export class HelpCommand extends EpicCommand {
  static override paths = [['help']];

  words = Option.Rest({ name: 'noun' });

  protected async run(_runtime: Runtime): Promise<void> {
    const [help, { closestCommands }] = await Promise.all([import('../../help/render-help.js'), import('../../help/suggest.js')]);
    const width = help.helpWidth(this.context.stdout);
    if (this.words.length === 0) {
      this.context.stdout.write(await help.generalHelp(version(), width));
      return;
    }
    const route = findRoute(commandTable(), this.words);
    if (route !== undefined && route.route.split(' ').length === this.words.length) {
      this.context.stdout.write(await help.commandHelp(route.route, width));
      return;
    }
    const noun = this.words.length === 1 ? await help.nounHelp(singularNoun(this.words[0] ?? ''), width) : undefined;
    if (noun !== undefined) {
      this.context.stdout.write(noun);
      return;
    }
    throw new InvalidInput(msg('cli.usage.unknownCommand', { words: this.words.join(' '), suggestions: closestCommands(this.words) }));
  }
}
