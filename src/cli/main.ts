import type { Cli, CommandClass } from 'clipanion';
import { languageEnv } from '../config/config.js';
import { ExitCode, InvalidInput } from '../errors.js';
import { msg } from '../i18n/message.js';
import { detectLanguage, loadTranslator, type TranslatorOptions, useTranslator } from '../i18n/translator.js';
import { singularNoun, useCommandTable } from './command-table.js';
import { COMMAND_ROUTES, commandsFor, routeFor } from './commands/routes.js';
import type { EpicContext } from './context.js';
import { version } from './version.js';

/** The CLI with these commands (all of them: `loadAllCommands()`; for one launch: `commandsFor(argv)`). */
export async function buildCli(commands: readonly CommandClass<EpicContext>[]): Promise<Cli<EpicContext>> {
  const { Cli } = await import('clipanion');
  const cli = new Cli<EpicContext>({ binaryName: 'epic', binaryLabel: 'Epic Events CRM', binaryVersion: version(), enableColors: false });
  for (const command of commands) cli.register(command);
  return cli;
}

/**
 * Runs one invocation and returns the exit code. What the words name is
 * decided here, before clipanion parses: the menu (`epic` alone on a
 * terminal), help (ours, from the catalogue: `--help`, `epic help`, a noun
 * alone), an unknown command (the closest ones named). clipanion then parses
 * the one command named; its parse errors are worded by us.
 */
export async function run(argv: readonly string[], context: EpicContext): Promise<number> {
  const args = joinNegativeValues(argv);
  // The language first: help texts and every message are worded in it.
  const env = languageEnv(context.env, context.cwd);
  useTranslator(await loadTranslator(detectLanguage(env), valueOptions(env)));
  useCommandTable(COMMAND_ROUTES);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    context.stdout.write(`${version()}\n`);
    return ExitCode.ok;
  }
  const wantsHelp = args.includes('--help') || args.includes('-h');
  const route = routeFor(args);
  if (route === undefined) return notACommand(args, context, wantsHelp);
  if (wantsHelp) return printHelp(context, (help, width) => help.commandHelp(route.route, width));
  // Only the command these arguments name is imported.
  const cli = await buildCli(await commandsFor(args));
  let command: ReturnType<typeof cli.process>;
  try {
    command = cli.process(args, context);
  } catch (error) {
    const [{ reportError }, { usageErrorOf }] = await Promise.all([import('./report-error.js'), import('./usage-error.js')]);
    return reportError(context, usageErrorOf(error, route.route) ?? error);
  }
  // Handing the parsed command back to clipanion gives it `cli` and `context`.
  return cli.run(command, context);
}

/**
 * How values are written for this invocation: the currency of EPIC_CURRENCY
 * (an ISO 4217 code; anything else falls back to EUR rather than stop every
 * command) and the time zone of TZ when Intl knows it (otherwise the
 * process's own zone, which is what TZ set anyway).
 */
function valueOptions(env: Readonly<Record<string, string | undefined>>): TranslatorOptions {
  const currency = env.EPIC_CURRENCY?.trim().toUpperCase();
  const timeZone = env.TZ?.trim().replace(/^:/, '');
  return {
    ...(currency !== undefined && /^[A-Z]{3}$/.test(currency) && { currency }),
    ...(timeZone !== undefined && knownTimeZone(timeZone) && { timeZone }),
  };
}

function knownTimeZone(zone: string): boolean {
  if (zone === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    // RangeError: not an IANA zone Intl knows (a POSIX TZ string such as "CET-1"): the process's zone applies.
    return false;
  }
}

/** Words that name no command: the menu, general or a noun's help, or an unknown command with the closest ones. */
async function notACommand(args: readonly string[], context: EpicContext, wantsHelp: boolean): Promise<number> {
  const words = args.filter((arg) => !arg.startsWith('-'));
  if (words.length === 0) {
    if (args.length === 0 && context.interactive && (context.stdout as { isTTY?: boolean }).isTTY === true) {
      const { runMenu } = await import('./menu/menu.js');
      return runMenu(context, run);
    }
    if (args.length === 0 || wantsHelp) return printHelp(context, (help, width) => help.generalHelp(version(), width));
  }
  const noun = singularNoun(words[0] ?? '');
  // `epic client`, `epic client --help`: the noun's commands (exit 0).
  if (words.length === 1) {
    const help = await import('./help/render-help.js');
    const text = await help.nounHelp(noun, help.helpWidth(context.stdout));
    if (text !== undefined) {
      context.stdout.write(text);
      return ExitCode.ok;
    }
  }
  const [{ reportError }, { closestCommands }] = await Promise.all([import('./report-error.js'), import('./help/suggest.js')]);
  const typed = words.slice(0, 2).join(' ') || args.join(' ');
  return reportError(context, new InvalidInput(msg('cli.usage.unknownCommand', { words: typed, suggestions: closestCommands(args) })));
}

type Help = typeof import('./help/render-help.js');

async function printHelp(context: EpicContext, render: (help: Help, width: number) => Promise<string>): Promise<number> {
  const help = await import('./help/render-help.js');
  context.stdout.write(await render(help, help.helpWidth(context.stdout)));
  return ExitCode.ok;
}

/**
 * clipanion reads "-5" after `--amount` as an unknown option; a negative
 * number right after a long option is that option's value, so it reaches the
 * command (which refuses it with its own message, recorded in the command log).
 * Likewise `--sort -name` (descending): a word after `--sort` with a dash in
 * front is the sort, not an option (no option is a word of two letters or more
 * behind a single dash).
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    if (
      /^--[a-z][a-z-]*$/.test(token) &&
      next !== undefined &&
      (/^-\d/.test(next) || (token === '--sort' && /^-[A-Za-z]{2,}$/.test(next)))
    ) {
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
  endQuietlyOnClosedPipe();
  const [{ Cli }, { reportEscaped }] = await Promise.all([import('clipanion'), import('./report-error.js')]);
  const context: EpicContext = {
    ...Cli.defaultContext,
    cwd: process.cwd(),
    interactive: process.stdin.isTTY === true,
  };
  // Nothing escapes as a Node stack trace: a late rejection or throw is an internal error too.
  let escaped = false;
  const onEscaped = (error: unknown): void => {
    if (isClosedPipe(error)) process.exit(0);
    escaped = true;
    process.exitCode = 1;
    void reportEscaped(context, error);
  };
  process.on('unhandledRejection', onEscaped);
  process.on('uncaughtException', onEscaped);
  const code = await run(argv, context).catch((error: unknown) => reportEscaped(context, error));
  if (!escaped) process.exitCode = code;
}

/**
 * `epic client list | head -1`: once the reader has gone, nothing we write can
 * be read, and nothing went wrong. The command ends at once with exit 0 and
 * no message: a message could only go to the same closed pipe
 * (`2>&1 | head`), and trying again and again is what spun forever.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (isClosedPipe(error)) process.exit(0);
      throw error;
    });
  }
}

function isClosedPipe(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EPIPE';
}
