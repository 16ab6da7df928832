import { readFileSync } from 'node:fs';
import type { Cli, Command, CommandClass } from 'clipanion';
import { languageEnv } from '../config/config.js';
import { detectLanguage, loadTranslator, useTranslator } from '../i18n/translator.js';
import { commandsFor } from './commands/routes.js';
import type { EpicContext } from './context.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The CLI with these commands (all of them: `loadAllCommands()`; for one launch: `commandsFor(argv)`). */
export async function buildCli(commands: readonly CommandClass<EpicContext>[]): Promise<Cli<EpicContext>> {
  const { Builtins, Cli } = await import('clipanion');
  const cli = new Cli<EpicContext>({ binaryName: 'epic', binaryLabel: 'Epic Events CRM', binaryVersion: version(), enableColors: false });
  for (const command of commands) cli.register(command);
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  return cli;
}

const NOUNS = new Set(['user', 'client', 'contract', 'event', 'history', 'audit', 'projection', 'import', 'export']);

/**
 * Runs one invocation and returns the exit code. clipanion prints its own
 * parse errors on stdout; here they go to stderr as the contract's one line.
 */
export async function run(argv: readonly string[], context: EpicContext): Promise<number> {
  const args = joinNegativeValues(argv);
  // The language first: help texts and every message are worded in it.
  useTranslator(await loadTranslator(detectLanguage(languageEnv(context.env, context.cwd))));
  // Only the command these arguments name is imported (all of them for help and unknown commands).
  const cli = await buildCli(await commandsFor(args));
  // `epic <noun> --help` and a bare `epic <noun>`: the usage of that noun's commands.
  const noun = args[0]?.replace(/s$/, '');
  if (noun !== undefined && NOUNS.has(noun) && (args.length === 1 || (args.length === 2 && (args[1] === '--help' || args[1] === '-h')))) {
    const paths = cli.definitions().filter((d) => d.path.split(' ')[1] === noun);
    if (paths.length > 0) {
      context.stdout.write(`${paths.map((d) => `  ${d.usage}\n      ${d.description ?? ''}`).join('\n')}\n`);
      return args.length === 1 ? 2 : 0;
    }
  }
  let command: Command<EpicContext>;
  try {
    command = cli.process(helpRequest(cli, args, context) ?? args, context);
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    return reportError(context, error);
  }
  // Handing the parsed command back to clipanion gives it `cli` and `context` (help, version).
  return cli.run(command, context);
}

/**
 * `--help` after some of a command's positionals (`epic history contract --help`)
 * is not a state clipanion's parser accepts: the command's own help is what the
 * user asks for. Returns the arguments that show it, or undefined when `--help`
 * is not asked for or names no command.
 */
function helpRequest(cli: Cli<EpicContext>, args: readonly string[], context: EpicContext): string[] | undefined {
  if (!args.includes('--help') && !args.includes('-h')) return undefined;
  const words = args.filter((arg) => arg !== '--help' && arg !== '-h' && !arg.startsWith('-'));
  for (let n = words.length; n >= 1; n--) {
    const candidate = [...words.slice(0, n), '--help'];
    try {
      cli.process(candidate, context);
      return candidate;
    } catch {
      // Not a command path at this length: try a shorter prefix.
    }
  }
  return undefined;
}

/**
 * clipanion reads "-5" after `--amount` as an unknown option; a negative
 * number right after a long option is that option's value, so it reaches the
 * command (which refuses it with its own message, recorded in the command log).
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z][a-z-]*$/.test(token) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${token}=${next}`);
      i++;
    } else out.push(token);
  }
  return out;
}

export async function main(argv: readonly string[]): Promise<void> {
  // `epic --version` needs neither the parser nor any command: answered before they load (same
  // output as clipanion's VersionCommand, which `run` keeps using). See docs/performance.md.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const [{ Cli }, { reportEscaped }] = await Promise.all([import('clipanion'), import('./report-error.js')]);
  const context: EpicContext = {
    ...Cli.defaultContext,
    cwd: process.cwd(),
    interactive: process.stdin.isTTY === true,
  };
  // Nothing escapes as a Node stack trace: a late rejection or throw is an internal error too.
  let escaped = false;
  const onEscaped = (error: unknown): void => {
    escaped = true;
    process.exitCode = 1;
    void reportEscaped(context, error);
  };
  process.on('unhandledRejection', onEscaped);
  process.on('uncaughtException', onEscaped);
  const code = await run(argv, context).catch((error: unknown) => reportEscaped(context, error));
  if (!escaped) process.exitCode = code;
}
