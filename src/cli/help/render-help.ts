/**
 * The help a person reads, rendered from the route table, the commands'
 * options (command-specs.ts) and the catalogue, in their language: every
 * option with its placeholder (`--total <amount>`), what it does, and
 * examples. The catalogue holds, per command route R: `help.R` (what it
 * does, one line), `help.R.details`, `help.R.details2`... (paragraphs, if
 * any), `help.R.ex1`, `help.R.ex2`... (what each example of examples.ts
 * shows); per option O: `opt.R.O`, else `opt.O`.
 */
import type { Writable } from 'node:stream';
import type { MessageKey } from '../../i18n/message.js';
import { wordsFor } from '../../i18n/translator.js';
import { columnsOf, isTerminal } from '../output/terminal.js';
import { wrapToWidth } from '../output/text-width.js';
import { t } from '../say.js';
import { type CommandSpec, commandSpec, commandSpecs, type OperandSpec, type OptionSpec } from './command-specs.js';
import { EXAMPLES } from './examples.js';
import { CHOICES, PLACEHOLDERS } from './placeholders.js';

/** The groups of the general help, in order, and the first words of the routes in each. */
const GROUPS: readonly { readonly key: MessageKey; readonly words: readonly string[] }[] = [
  { key: 'help.group.session', words: ['init', 'login', 'logout', 'whoami', 'passwd'] },
  { key: 'help.group.user', words: ['user'] },
  { key: 'help.group.client', words: ['client'] },
  { key: 'help.group.contract', words: ['contract'] },
  { key: 'help.group.event', words: ['event'] },
  { key: 'help.group.audit', words: ['history', 'log', 'audit'] },
  { key: 'help.group.projection', words: ['projection'] },
  { key: 'help.group.transfer', words: ['import', 'export'] },
  { key: 'help.group.shell', words: ['help', 'completion'] },
];

/** Help fits the terminal (at most 120 columns, for reading); in a pipe or a file, 80 columns. */
export function helpWidth(stdout: Writable): number {
  return isTerminal(stdout) ? Math.min(columnsOf(stdout), 120) : 80;
}

/** A catalogue text looked up by name; undefined when the catalogue has none. */
const lookup = wordsFor;

/** What a command does, in one line. */
export function summaryOf(route: string): string {
  return lookup(`help.${route}`) ?? route;
}

export function optionDescription(route: string, option: string): string | undefined {
  return lookup(`opt.${route}.${option}`) ?? lookup(`opt.${option}`);
}

/** `<amount>`, `<gestion|commercial|support>`; undefined for a flag, or a value help has no name for (a test sees to it that none is missing). */
export function placeholderOf(option: OptionSpec): string | undefined {
  if (!option.takesValue) return undefined;
  const name = option.names[0] ?? '';
  const choices = CHOICES[name];
  if (choices !== undefined) return `<${choices}>`;
  const key = PLACEHOLDERS[name];
  const word = key === undefined ? undefined : lookup(key);
  return word === undefined ? undefined : `<${word}>`;
}

function operandText(operand: OperandSpec): string {
  const word = operand.name.includes('|') ? operand.name : (lookup(`ph.operand.${operand.name}`) ?? operand.name);
  if (operand.rest) return `[<${word}>...]`;
  return operand.optional ? `[<${word}>]` : `<${word}>`;
}

/** `epic history <user|client|contract|event> <id> [options]` */
export function usageLine(spec: CommandSpec): string {
  const operands = lookup(`help.${spec.route}.operands`);
  const parts = ['epic', spec.route, ...(operands === undefined ? spec.operands.map(operandText) : [operands])];
  if (spec.options.length > 0) parts.push(`[${t('help.optionsWord')}]`);
  return parts.join(' ');
}

function examplesOf(route: string): { description: string; command: string }[] {
  return (EXAMPLES[route] ?? []).map((command, index) => ({ description: lookup(`help.${route}.ex${index + 1}`) ?? '', command }));
}

/** A command's details: `help.R.details`, then `help.R.details2`... one paragraph each. */
function detailsOf(route: string): string[] {
  const paragraphs: string[] = [];
  for (let n = 1; ; n++) {
    const text = lookup(`help.${route}.details${n === 1 ? '' : n}`);
    if (text === undefined) return paragraphs;
    paragraphs.push(text);
  }
}

function wrapped(text: string, width: number, indent: number): string[] {
  return text
    .split('\n')
    .flatMap((paragraph) => (paragraph.trim() === '' ? [''] : wrapToWidth(paragraph, Math.max(20, width - indent))))
    .map((line) => (line === '' ? '' : ' '.repeat(indent) + line));
}

/** Two columns: the terms, and what each means wrapped beside them (under them when the terms are too wide). */
function twoColumns(rows: readonly (readonly [string, string])[], width: number, indent = 2, terms = rows): string[] {
  const termWidth = Math.min(Math.max(...terms.map(([term]) => term.length)), Math.floor(width / 2));
  const lines: string[] = [];
  for (const [term, text] of rows) {
    const start = indent + termWidth + 2;
    const pieces = text === '' ? [''] : wrapToWidth(text, Math.max(20, width - start));
    if (term.length > termWidth) {
      lines.push(' '.repeat(indent) + term);
      for (const piece of pieces) lines.push(' '.repeat(start) + piece);
      continue;
    }
    lines.push(`${' '.repeat(indent)}${term.padEnd(termWidth)}  ${pieces[0] ?? ''}`.trimEnd());
    for (const piece of pieces.slice(1)) lines.push(' '.repeat(start) + piece);
  }
  return lines;
}

/** `epic --help`, `epic help`, and `epic` alone without a terminal. */
export async function generalHelp(version: string, width: number): Promise<string> {
  const specs = (await commandSpecs()).filter((s) => !s.hidden);
  const lines = [t('help.title', { version }), '', t('help.usageTitle'), ...twoColumns(usageRows(), width), ''];
  // One column width for every group: the descriptions line up down the whole page.
  const all = specs.map((s): [string, string] => [`epic ${s.route}`, '']);
  for (const group of GROUPS) {
    const members = specs.filter((s) => group.words.includes(s.route.split(' ')[0] ?? ''));
    if (members.length === 0) continue;
    lines.push(
      t(group.key),
      ...twoColumns(
        members.map((s) => [`epic ${s.route}`, summaryOf(s.route)]),
        width,
        2,
        all,
      ),
      '',
    );
  }
  lines.push(...wrapped(t('help.footer'), width, 0));
  return `${lines.join('\n')}\n`;
}

function usageRows(): [string, string][] {
  return [
    [`epic ${t('help.usage.commandForm')}`, t('help.usage.command')],
    ['epic', t('help.usage.menu')],
    [`epic help ${t('help.usage.helpForm')}`, t('help.usage.help')],
  ];
}

/** `epic client`, `epic client --help`, `epic help client`: the noun's commands. Undefined when it is no noun. */
export async function nounHelp(noun: string, width: number): Promise<string | undefined> {
  const specs = (await commandSpecs()).filter((s) => !s.hidden && s.route.split(' ')[0] === noun && s.route.includes(' '));
  if (specs.length === 0) return undefined;
  const lines = [
    t('help.nounTitle', { noun }),
    ...twoColumns(
      specs.map((s) => [usageLine(s), summaryOf(s.route)]),
      width,
    ),
    '',
  ];
  lines.push(...wrapped(t('help.nounFooter', { noun }), width, 0));
  return `${lines.join('\n')}\n`;
}

/** One command's help: usage, what it does, every option with its placeholder, details, examples. */
export async function commandHelp(route: string, width: number): Promise<string> {
  const spec = await commandSpec(route);
  if (spec === undefined) throw new Error(`no command ${route}`);
  const lines = [usageLine(spec), ...wrapped(summaryOf(route), width, 2), ''];
  const options: [string, string][] = spec.options.map((option) => {
    const placeholder = placeholderOf(option);
    const names = [...option.names].reverse().join(', ');
    return [placeholder === undefined ? names : `${names} ${placeholder}`, optionDescription(route, option.names[0] ?? '') ?? ''];
  });
  options.push(['-h, --help', t('help.helpOption')]);
  lines.push(t('help.optionsTitle'), ...twoColumns(options, width), '');
  for (const paragraph of detailsOf(route)) lines.push(...wrapped(paragraph, width, 0), '');
  const examples = examplesOf(route);
  if (examples.length > 0) {
    lines.push(t('help.examplesTitle'));
    for (const example of examples) lines.push(...wrapped(example.description, width, 2), `    $ ${example.command}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
