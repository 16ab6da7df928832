/**
 * `epic completion bash|zsh|fish`: a script that completes nouns, verbs,
 * options and the values help knows (roles, formats, record kinds), generated
 * from the route table and the commands' options, so it can never offer an
 * option a command does not have. Where a user is expected, it asks
 * `epic completion users [<role>]` at completion time for the emails (gestion
 * only: others get nothing).
 */
import { assertNever } from '../../domain/assert-never.js';
import type { CommandSpec } from './command-specs.js';
import { CHOICES } from './placeholders.js';
import { optionDescription, summaryOf } from './render-help.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Options whose value is a user, and the role the completed users have (none: any). */
const USER_OPTIONS: Readonly<Record<string, string>> = {
  '--commercial': 'commercial',
  '--reassign-to': 'commercial',
  '--support': 'support',
  '--user': '',
};

/** Words an operand can be, by the name the command gives it. */
function operandWords(spec: CommandSpec): string[] | 'users' | undefined {
  const operand = spec.operands[0];
  if (operand === undefined) return undefined;
  if (operand.name.includes('|')) return operand.name.split('|');
  if (spec.route.startsWith('user ') && operand.name === 'id') return 'users';
  if (spec.route === 'completion') return ['bash', 'zsh', 'fish'];
  if (spec.route === 'help') return undefined;
  return undefined;
}

function choicesOf(option: string): string[] | undefined {
  return CHOICES[option]?.split('|');
}

/** A word as a shell single-quoted string. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

interface Tree {
  /** First words: nouns and single-word commands. */
  readonly firsts: string[];
  /** Noun → its verbs. */
  readonly verbs: Map<string, string[]>;
  readonly commands: CommandSpec[];
}

function treeOf(specs: readonly CommandSpec[]): Tree {
  const commands = specs.filter((s) => !s.hidden);
  const verbs = new Map<string, string[]>();
  const firsts: string[] = [];
  for (const { route } of commands) {
    const [first = '', verb] = route.split(' ');
    if (!firsts.includes(first)) firsts.push(first);
    if (verb !== undefined) verbs.set(first, [...(verbs.get(first) ?? []), verb]);
  }
  return { firsts, verbs, commands };
}

export function completionScript(shell: Shell, specs: readonly CommandSpec[]): string {
  const tree = treeOf(specs);
  switch (shell) {
    case 'bash':
      return bashScript(tree);
    case 'zsh':
      return zshScript(tree);
    case 'fish':
      return fishScript(tree);
    default:
      return assertNever(shell);
  }
}

function bashFunction(tree: Tree): string {
  const verbCases = [...tree.verbs].map(([noun, verbs]) => `      ${noun}|${noun}s) words=${quoted(verbs.join(' '))} ;;`).join('\n');
  const commandCases = tree.commands
    .map((spec) => {
      const options = [...spec.options.flatMap((o) => o.names), '--help'].join(' ');
      const operand = operandWords(spec);
      const operandLine =
        operand === undefined
          ? ''
          : operand === 'users'
            ? ' operands="$(epic completion users 2>/dev/null)";'
            : ` operands=${quoted(operand.join(' '))};`;
      return `      ${quoted(spec.route)}) options=${quoted(options)};${operandLine} ;;`;
    })
    .join('\n');
  const valueCases = [
    ...Object.entries(USER_OPTIONS).map(([option, role]) => `      ${option}) words="$(epic completion users ${role} 2>/dev/null)" ;;`),
    ...Object.keys(CHOICES).map((option) => `      ${option}) words=${quoted((choicesOf(option) ?? []).join(' '))} ;;`),
  ].join('\n');
  const takesValue = [...new Set(tree.commands.flatMap((s) => s.options.filter((o) => o.takesValue).flatMap((o) => o.names)))].join('|');
  return `_epic() {
  local cur prev words options operands command noun
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W ${quoted(tree.firsts.join(' '))} -- "$cur") )
    return 0
  fi
  noun="\${COMP_WORDS[1]%s}"
  if [ "$COMP_CWORD" -eq 2 ]; then
    words=''
    case "\${COMP_WORDS[1]}" in
${verbCases}
    esac
    if [ -n "$words" ]; then
      COMPREPLY=( $(compgen -W "$words" -- "$cur") )
      return 0
    fi
  fi
  words=''
  case "$prev" in
${valueCases}
  esac
  if [ -n "$words" ]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
    return 0
  fi
  case "$prev" in
    ${takesValue}) return 0 ;;
  esac
  command="$noun \${COMP_WORDS[2]}"
  options=''
  operands=''
  case "$command" in
${commandCases}
    *)
      case "$noun" in
${tree.commands
  .filter((s) => !s.route.includes(' '))
  .map((spec) => {
    const options = [...spec.options.flatMap((o) => o.names), '--help'].join(' ');
    const operand = operandWords(spec);
    return `        ${spec.route}) options=${quoted(options)};${operand === undefined || operand === 'users' ? '' : ` operands=${quoted(operand.join(' '))};`} ;;`;
  })
  .join('\n')}
      esac
      ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$options" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$operands $options" -- "$cur") )
  fi
  return 0
}`;
}

function bashScript(tree: Tree): string {
  return `# epic completion for bash. Load it with: source <(epic completion bash)
# or keep it: epic completion bash > ~/.local/share/bash-completion/completions/epic
${bashFunction(tree)}
complete -F _epic epic
`;
}

function zshScript(tree: Tree): string {
  return `#compdef epic
# epic completion for zsh. Load it with: source <(epic completion zsh)
# (it uses zsh's bash completion layer, bashcompinit).
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashFunction(tree)}
complete -F _epic epic
`;
}

function fishScript(tree: Tree): string {
  const lines = [
    '# epic completion for fish. Load it with: epic completion fish | source',
    '# or keep it: epic completion fish > ~/.config/fish/completions/epic.fish',
    'complete -c epic -f',
  ];
  const firsts = tree.firsts.join(' ');
  lines.push(
    `complete -c epic -n ${quoted(
      `not __fish_seen_subcommand_from ${firsts} ${firsts
        .split(' ')
        .map((w) => `${w}s`)
        .join(' ')}`,
    )} -a ${quoted(firsts)}`,
  );
  for (const [noun, verbs] of tree.verbs) {
    const inNoun = `__fish_seen_subcommand_from ${noun} ${noun}s; and not __fish_seen_subcommand_from ${verbs.join(' ')}`;
    for (const verb of verbs) lines.push(`complete -c epic -n ${quoted(inNoun)} -a ${verb} -d ${quoted(summaryOf(`${noun} ${verb}`))}`);
  }
  for (const spec of tree.commands) {
    const [noun = '', verb] = spec.route.split(' ');
    const condition =
      verb === undefined
        ? `__fish_seen_subcommand_from ${noun}`
        : `__fish_seen_subcommand_from ${noun} ${noun}s; and __fish_seen_subcommand_from ${verb}`;
    for (const option of spec.options) {
      const long = option.names.find((n) => n.startsWith('--'))?.slice(2);
      const short = option.names.find((n) => /^-[^-]/.test(n))?.slice(1);
      if (long === undefined) continue;
      const parts = ['complete -c epic', `-n ${quoted(condition)}`, `-l ${long}`];
      if (short !== undefined) parts.push(`-s ${short}`);
      const name = option.names[0] ?? '';
      const role = USER_OPTIONS[name];
      const choices = choicesOf(name);
      if (role !== undefined) parts.push(`-x -a ${quoted(`(epic completion users ${role} 2>/dev/null)`)}`);
      else if (choices !== undefined) parts.push(`-x -a ${quoted(choices.join(' '))}`);
      else if (option.takesValue) parts.push('-r');
      const description = optionDescription(spec.route, name);
      if (description !== undefined) parts.push(`-d ${quoted(description)}`);
      lines.push(parts.join(' '));
    }
    const operand = operandWords(spec);
    if (operand === 'users') lines.push(`complete -c epic -n ${quoted(condition)} -a ${quoted('(epic completion users 2>/dev/null)')}`);
    else if (operand !== undefined) lines.push(`complete -c epic -n ${quoted(condition)} -a ${quoted(operand.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
