/**
 * Questions on a terminal, for what the command line did not say. Each
 * answer is checked as it is typed by the validator the deciders use (an
 * email, an amount, a date...) and asked again with the reason, three times
 * at most; choices are picked from a list; Ctrl-C or Ctrl-D cancels (exit
 * 130, nothing recorded). The prompt library (@inquirer/prompts) is loaded
 * only when a question is actually asked: no ordinary command pays for it.
 * Questions and their chrome go to stderr: stdout stays the command's output.
 */
import { emitKeypressEvents } from 'node:readline';
import { assertNever } from '../domain/assert-never.js';
import { isValidEmail, isValidName, isValidPhone } from '../domain/values/contact.js';
import { parseAmount } from '../domain/values/money.js';
import { Cancelled, EpicError, InvalidInput } from '../errors.js';
import type { Message } from '../i18n/message.js';
import { msg } from '../i18n/message.js';
import { words } from '../i18n/translator.js';
import type { EpicContext } from './context.js';
import { colourFor, paint } from './output/terminal.js';
import { parseCount } from './parse-count.js';
import { t } from './say.js';
import { parseTypedDateTime } from './typed-input.js';

/** Exit 2 with the name of the missing option, when no terminal can ask for it. */
export class MissingOption extends InvalidInput {
  constructor(option: string) {
    super(msg('cli.missingOption', { option }));
  }
}

/** How many times a wrong answer is asked again before the command gives up (exit 2, with the reason). */
export const MAX_TRIES = 3;

/** What an answer must be: each kind is checked by the same function the deciders check it with. */
export type AnswerKind = 'text' | 'name' | 'email' | 'phone' | 'amount' | 'dateTime' | 'count';

export interface Question {
  /** The option the answer stands for (`--email`): named when there is no terminal to ask on. */
  readonly option: string;
  /** What is asked, in the reader's language (`full name`). */
  readonly label: string;
  readonly kind?: AnswerKind;
  /** Offered as the answer (an edit shows the current value); Enter keeps it. */
  readonly default?: string | undefined;
  /** A rule across answers, checked as this one is typed once it is a `kind` (an end after the start given). */
  readonly check?: (answer: string) => Message | string | undefined;
}

/** Why `answer` is not a `kind`, or undefined when it is one. */
export function rejectionOf(kind: AnswerKind, answer: string, option: string): Message | string | undefined {
  const text = answer.trim();
  switch (kind) {
    case 'text':
      return text === '' ? msg('cli.prompt.empty') : undefined;
    case 'name':
      return isValidName(answer) ? undefined : msg('cli.prompt.invalidName');
    case 'email':
      return isValidEmail(text) ? undefined : msg('cli.prompt.invalidEmail');
    case 'phone':
      return isValidPhone(text) ? undefined : msg('cli.prompt.invalidPhone');
    case 'amount':
      return reasonOf(() => parseAmount(text, option));
    case 'dateTime':
      return reasonOf(() => parseTypedDateTime(text, option));
    case 'count':
      return reasonOf(() => parseCount(text, option));
    default:
      return assertNever(kind);
  }
}

function reasonOf(parse: () => unknown): Message | string | undefined {
  try {
    parse();
    return undefined;
  } catch (error) {
    if (error instanceof EpicError) return error.text;
    throw error;
  }
}

/** The label as asked: with the expected format for dates and amounts. */
function labelOf(question: Question): string {
  switch (question.kind) {
    case 'dateTime':
      return `${question.label} (${t('cli.prompt.dateFormat')})`;
    case 'amount':
      return `${question.label} (${t('cli.prompt.amountFormat')})`;
    default:
      return question.label;
  }
}

/** The option's value; asked for on a terminal when missing; without one, exit 2 naming the option. */
export async function required(context: EpicContext, value: string | undefined, question: Question): Promise<string> {
  if (value !== undefined) return value;
  if (!context.interactive) throw new MissingOption(question.option);
  const kind = question.kind ?? 'text';
  return (
    await ask(
      context,
      question,
      (answer) =>
        rejectionOf('text', answer, question.option) ?? rejectionOf(kind, answer, question.option) ?? question.check?.(answer.trim()),
    )
  ).trim();
}

/**
 * An option that may be left out: asked for only when `guided` (a command run
 * with none of its options, on a terminal, or from the menu); an empty answer
 * leaves it out.
 */
export async function optional(
  context: EpicContext,
  value: string | undefined,
  question: Question,
  guided: boolean,
): Promise<string | undefined> {
  if (value !== undefined || !guided || !context.interactive) return value;
  const kind = question.kind ?? 'text';
  const answer = await ask(context, question, (typed) =>
    typed.trim() === '' ? undefined : (rejectionOf(kind, typed, question.option) ?? question.check?.(typed.trim())),
  );
  return answer.trim() === '' ? undefined : answer.trim();
}

/** Whether a command asks for its optional options too: on a terminal, when none of them was given. */
export function isGuided(context: EpicContext, ...given: readonly unknown[]): boolean {
  return context.interactive && given.every((value) => value === undefined || value === false);
}

export interface Choice<T extends string> {
  readonly value: T;
  /** What the list shows (`Bob Seller <bob@epic.test>`). */
  readonly name: string;
  /** More words typing may find it by, not shown (the menu: its group, the command's own words, synonyms). */
  readonly keywords?: string;
}

/**
 * One of `choices`, picked from a list on a terminal (typing filters it);
 * the option's value as given otherwise. Without a terminal and without the
 * option: exit 2 naming it.
 */
export async function choose<T extends string>(
  context: EpicContext,
  value: string | undefined,
  question: Pick<Question, 'option' | 'label'>,
  choices: readonly Choice<T>[] | (() => Promise<readonly Choice<T>[]>),
): Promise<string> {
  if (value !== undefined) return value;
  if (!context.interactive) throw new MissingOption(question.option);
  // Records (loaded from the read tables) are searched by typing; a few fixed words are a plain list.
  const records = typeof choices === 'function';
  const list = records ? await choices() : choices;
  if (list.length === 0) throw new InvalidInput(msg('cli.prompt.nothingToChoose', { option: question.option }));
  return pickFrom(context, question.label, list, { search: records });
}

/** An entry of a list, or a heading between entries (the menu's nouns). */
export type Entry<T extends string> = Choice<T> | { readonly heading: string };

/**
 * One of `list`, picked with the arrow keys; with `search`, typing filters
 * it (case and accents ignored): records are found by name, never typed as ids.
 */
export async function pickFrom<T extends string>(
  context: EpicContext,
  label: string,
  list: readonly Entry<T>[],
  options: { readonly search?: boolean } = {},
): Promise<T> {
  const { search, select, Separator } = await inquirer();
  const theme = promptTheme(context);
  const colour = colourFor(context.stderr, context.env);
  const choices = list.map((entry) => ('heading' in entry ? new Separator(paint(colour, 'bold', entry.heading)) : { ...entry }));
  // As much of the list as the terminal has room for, below the question and above the key help.
  const rows = (context.stderr as { rows?: number }).rows;
  const pageSize = Math.max(5, Math.min(choices.length, (typeof rows === 'number' && rows > 0 ? rows : 24) - 5));
  return withCancel(context, (signal) => {
    const io = { input: context.stdin, output: context.stderr, signal };
    if (options.search !== true) {
      const instructions = { navigation: t('cli.prompt.instructions'), pager: t('cli.prompt.instructionsMore') };
      return select({ message: label, choices, theme, instructions, pageSize, loop: false }, io);
    }
    const instructions = { navigation: t('cli.prompt.searchInstructions'), pager: t('cli.prompt.searchInstructionsMore') };
    const only = list.filter((entry): entry is Choice<T> => !('heading' in entry));
    return search(
      {
        message: label,
        theme,
        instructions,
        pageSize,
        source: (term) => {
          // Nothing typed: the whole list, headings included; then only what matches.
          if ((term ?? '').trim() === '') return choices;
          // Every word typed must be found, in any order, accents and case aside ("creer util" finds "Créer un utilisateur").
          const needles = fold(term ?? '')
            .split(/\s+/)
            .filter((word) => word !== '');
          const finds = (text: string) => needles.every((needle) => fold(text).includes(needle));
          // What its name alone matches first, then what its keywords make match: "record a payment" puts the payment before the signature.
          const byName = only.filter((choice) => finds(choice.name));
          const byKeywords = only.filter(
            (choice) => !byName.includes(choice) && choice.keywords !== undefined && finds(`${choice.name} ${choice.keywords}`),
          );
          return [...byName, ...byKeywords].map(({ value, name }) => ({ value, name }));
        },
      },
      io,
    );
  });
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase();
}

/**
 * A password: the first line of stdin with `--password-stdin`, or typed on a
 * terminal without echo. Never from an option.
 */
export async function readPassword(context: EpicContext, fromStdin: boolean, label = t('cli.prompt.password')): Promise<string> {
  if (fromStdin) return passwordFromStdin(context);
  if (!context.interactive) throw new InvalidInput(msg('cli.passwordNeeded'));
  return askHidden(context, label, (answer) => (answer === '' ? msg('cli.prompt.empty') : undefined));
}

/**
 * A new password: checked as typed (`check` throws the rule it breaks), then
 * typed a second time; when the two differ both are asked again (three times
 * at most). From stdin: the first line, checked once.
 */
export async function newPassword(context: EpicContext, fromStdin: boolean, check: (password: string) => void): Promise<string> {
  if (fromStdin) {
    const password = await passwordFromStdin(context);
    check(password);
    return password;
  }
  if (!context.interactive) throw new InvalidInput(msg('cli.passwordNeeded'));
  for (let attempt = 1; ; attempt++) {
    const password = await askHidden(context, t('cli.prompt.newPassword'), (answer) => reasonOf(() => check(answer)));
    const again = await askHidden(context, t('cli.prompt.newPasswordAgain'), () => undefined);
    if (again === password) return password;
    if (attempt >= MAX_TRIES) throw new InvalidInput(msg('cli.prompt.passwordsDiffer'));
    context.stderr.write(`${paint(colourFor(context.stderr, context.env), 'red', t('cli.prompt.passwordsDiffer'))}\n`);
  }
}

async function passwordFromStdin(context: EpicContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of context.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const password = text.replace(/\r?\n$/, '').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new InvalidInput(msg('cli.noPasswordOnStdin'));
  return password;
}

/**
 * Asks before an irreversible change, saying what it will do. `--yes` skips
 * the question; without a terminal and without `--yes` the command refuses
 * (exit 2, naming `--yes`); anything but yes cancels (exit 130, nothing recorded).
 */
export async function confirmIrreversible(context: EpicContext, options: { yes: boolean; command: string; what: string }): Promise<void> {
  if (options.yes) return;
  if (!context.interactive) throw new InvalidInput(msg('cli.confirm.needsYes', { command: options.command }));
  const answer = await ask(context, { option: '--yes', label: `${options.what}. ${t('cli.confirm.question')}` }, () => undefined);
  const yes = t('cli.confirm.yesWords')
    .split('|')
    .some((word) => fold(answer.trim()) === word);
  if (!yes) throw new Cancelled(msg('cli.cancelled'));
}

/** Asks until `rejection` finds nothing wrong, three times at most; Enter on an empty line takes the default. */
async function ask(context: EpicContext, question: Question, rejection: (answer: string) => Message | string | undefined): Promise<string> {
  const { input } = await inquirer();
  const theme = promptTheme(context);
  let failures = 0;
  let last: Message | string | undefined;
  return withCancel(
    context,
    (signal, giveUp) =>
      input(
        {
          message: labelOf(question),
          ...(question.default !== undefined && { default: question.default }),
          theme,
          validate: (answer: string) => {
            const reason = rejection(answer);
            if (reason === undefined) return true;
            last = reason;
            if (++failures >= MAX_TRIES) giveUp();
            return words(reason);
          },
        },
        { input: context.stdin, output: context.stderr, signal },
      ),
    () => last,
  );
}

async function askHidden(
  context: EpicContext,
  label: string,
  rejection: (answer: string) => Message | string | undefined,
): Promise<string> {
  const { password } = await inquirer();
  const theme = promptTheme(context);
  let failures = 0;
  let last: Message | string | undefined;
  return withCancel(
    context,
    (signal, giveUp) =>
      password(
        {
          message: label,
          theme,
          validate: (answer: string) => {
            const reason = rejection(answer);
            if (reason === undefined) return true;
            last = reason;
            if (++failures >= MAX_TRIES) giveUp();
            return words(reason);
          },
        },
        { input: context.stdin, output: context.stderr, signal },
      ),
    () => last,
  );
}

/**
 * Runs one prompt. Ctrl-C (the library's exit) and Ctrl-D (seen here) become
 * `Cancelled`; a prompt given up after the last wrong answer becomes that
 * answer's reason, as InvalidInput.
 */
async function withCancel<T>(
  context: EpicContext,
  run: (signal: AbortSignal, giveUp: () => void) => Promise<T>,
  lastReason: () => Message | string | undefined = () => undefined,
): Promise<T> {
  const controller = new AbortController();
  let why: 'cancelled' | 'gave up' | undefined;
  const stdin = context.stdin as NodeJS.ReadStream;
  const onKey = (_: string, key: { ctrl?: boolean; name?: string } | undefined) => {
    if (key?.ctrl === true && key.name === 'd') {
      why = 'cancelled';
      controller.abort();
    }
  };
  emitKeypressEvents(stdin);
  stdin.on('keypress', onKey);
  try {
    return await run(controller.signal, () => {
      why = 'gave up';
      // After the library has shown the reason: the screen keeps the last wrong answer and why.
      setImmediate(() => controller.abort());
    });
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'ExitPromptError' || why === 'cancelled') throw new Cancelled(msg('cli.cancelled'));
    if (name === 'AbortPromptError' && why === 'gave up') throw new InvalidInput(lastReason() ?? msg('cli.prompt.empty'));
    throw error;
  } finally {
    stdin.off('keypress', onKey);
  }
}

type Inquirer = typeof import('@inquirer/prompts');
let loaded: Promise<Inquirer> | undefined;

function inquirer(): Promise<Inquirer> {
  loaded ??= import('@inquirer/prompts');
  return loaded;
}

/** The library's few words of its own, in the reader's language; its colours only where ours are allowed. */
function promptTheme(context: EpicContext) {
  const colour = colourFor(context.stderr, context.env);
  const own: Readonly<Record<string, string>> = {
    navigate: t('cli.prompt.keyNavigate'),
    select: t('cli.prompt.keySelect'),
    'No results found': t('cli.prompt.noResults'),
    '[input is masked]': t('cli.prompt.hidden'),
  };
  const say = (text: string) => own[text] ?? text;
  return {
    style: {
      error: (text: string) => paint(colour, 'red', `> ${say(text)}`),
      help: (text: string) => paint(colour, 'dim', say(text)),
      keysHelpTip: (keys: [string, string][]) => paint(colour, 'dim', keys.map(([key, action]) => `${key} ${say(action)}`).join(' • ')),
      message: (text: string) => paint(colour, 'bold', text),
      answer: (text: string) => paint(colour, 'cyan', text),
      highlight: (text: string) => paint(colour, 'cyan', text),
    },
    prefix: { idle: paint(colour, 'cyan', '?'), done: paint(colour, 'green', '✔') },
  };
}
