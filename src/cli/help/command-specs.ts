/**
 * What each command takes, read from the commands themselves (their clipanion
 * options and positionals), so help and completion can never list an option
 * a command does not have, nor miss one it has.
 */
import { type CommandRoute, commandTable } from '../command-table.js';
import type { EpicContext } from '../context.js';

export interface OptionSpec {
  /** `--output`, then its short forms (`-o`). */
  readonly names: readonly string[];
  readonly takesValue: boolean;
}

export interface OperandSpec {
  /** The name the command gives it (`id`, `user|client|contract|event`, `file.csv`); `name` for a list of names. */
  readonly name: string;
  readonly optional: boolean;
  /** Any number of them (`projection rebuild [<name>...]`). */
  readonly rest: boolean;
}

export interface CommandSpec {
  readonly route: string;
  readonly hidden: boolean;
  readonly operands: readonly OperandSpec[];
  readonly options: readonly OptionSpec[];
}

let specs: Promise<CommandSpec[]> | undefined;

/** Every command of the route table, in its order. */
export function commandSpecs(): Promise<CommandSpec[]> {
  specs ??= specsOf(commandTable());
  return specs;
}

/** One command's (its help needs no other command loaded). */
export async function commandSpec(route: string): Promise<CommandSpec | undefined> {
  const entry = commandTable().find((r) => r.route === route);
  return entry === undefined ? undefined : (await specsOf([entry]))[0];
}

async function specsOf(routes: readonly CommandRoute[]): Promise<CommandSpec[]> {
  const [{ Cli }, commands] = await Promise.all([import('clipanion'), Promise.all(routes.map((r) => r.load()))]);
  const cli = new Cli<EpicContext>({ binaryName: 'epic' });
  for (const command of commands) cli.register(command);
  const byRoute = new Map(cli.definitions().map((d) => [d.path.replace(/^epic /, ''), d.usage.replace(/^epic /, '')]));
  return routes.map(({ route, hidden }) => {
    const usage = byRoute.get(route);
    if (usage === undefined) throw new Error(`no usage for the route ${route}: does its command extend EpicCommand?`);
    return { route, hidden: hidden === true, ...parseUsage(usage.slice(route.length)) };
  });
}

/** Options and operands from clipanion's usage line (`[--at #0] [--json] <kind> <id>`, `...` for a rest). */
function parseUsage(usage: string): { operands: OperandSpec[]; options: OptionSpec[] } {
  const operands: OperandSpec[] = [];
  const options: OptionSpec[] = [];
  for (const match of usage.matchAll(/\[(-[^\]]+)\]|<([^>]+)>|\[([^\]-][^\]]*)\]|\.\.\./g)) {
    const [token, option, required, optional] = match;
    if (option !== undefined) {
      const [names = '', value] = option.split(' ');
      const all = names.split(',');
      options.push({
        names: [...all.filter((n) => n.startsWith('--')), ...all.filter((n) => !n.startsWith('--'))],
        takesValue: value !== undefined,
      });
    } else if (required !== undefined) operands.push({ name: required, optional: false, rest: false });
    else if (optional !== undefined) operands.push({ name: optional, optional: true, rest: false });
    else if (token === '...') operands.push({ name: 'name', optional: true, rest: true });
  }
  return { operands, options };
}
