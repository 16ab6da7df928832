/**
 * `epic` alone on a terminal: the interactive menu. Signed out, it offers to
 * sign in or quit; signed in, the actions the user's role allows — read from
 * the permission table through the route table's actions, never a second
 * copy — grouped by noun, in the user's language. A record an action works
 * on is picked from a list that typing filters (by name, never by id); then
 * the action is the CLI command itself, run with that id, asking what it
 * still needs: the menu adds no second implementation of any command. After
 * an action (done, refused or cancelled) the menu comes back.
 */
import { scopeOf } from '../../auth/policy.js';
import type { Actor } from '../../commands/handler-context.js';
import { loadConfig } from '../../config/config.js';
import { assertNever } from '../../domain/assert-never.js';
import { ExitCode, InvalidInput, isCancelled, NotAuthenticated } from '../../errors.js';
import type { MessageKey } from '../../i18n/message.js';
import { msg } from '../../i18n/message.js';
import { COMMAND_ROUTES } from '../commands/routes.js';
import type { EpicContext } from '../context.js';
import { colourFor, paint } from '../output/terminal.js';
import { clientChoices, contractChoices, eventChoices, userChoices } from '../pickers.js';
import { type Choice, type Entry, pickFrom } from '../prompt.js';
import { reportError } from '../report-error.js';
import { Runtime } from '../runtime.js';
import { t } from '../say.js';

/** What an action works on: picked from a list before the command runs. */
type Pick = 'client' | 'contract' | 'unsignedContract' | 'unpaidContract' | 'event' | 'user';

interface MenuAction {
  readonly route: string;
  readonly pick?: Pick;
}

/** The menu's actions, in the order shown; each is offered only when the role may take it. */
const ACTIONS: readonly MenuAction[] = [
  { route: 'client list' },
  { route: 'client view', pick: 'client' },
  { route: 'client create' },
  { route: 'client edit', pick: 'client' },
  { route: 'client delete', pick: 'client' },
  { route: 'client forget', pick: 'client' },
  { route: 'client dossier', pick: 'client' },
  { route: 'contract list' },
  { route: 'contract view', pick: 'contract' },
  { route: 'contract create' },
  { route: 'contract edit', pick: 'contract' },
  { route: 'contract sign', pick: 'unsignedContract' },
  { route: 'contract pay', pick: 'unpaidContract' },
  { route: 'contract refund', pick: 'contract' },
  { route: 'contract delete', pick: 'contract' },
  { route: 'event list' },
  { route: 'event view', pick: 'event' },
  { route: 'event create' },
  { route: 'event edit', pick: 'event' },
  { route: 'event assign', pick: 'event' },
  { route: 'event unassign', pick: 'event' },
  { route: 'event cancel', pick: 'event' },
  { route: 'user list' },
  { route: 'user view', pick: 'user' },
  { route: 'user create' },
  { route: 'user edit', pick: 'user' },
  { route: 'user delete', pick: 'user' },
  { route: 'user disable', pick: 'user' },
  { route: 'user enable', pick: 'user' },
  { route: 'user unlock', pick: 'user' },
  { route: 'passwd' },
  { route: 'log' },
  { route: 'audit verify' },
  { route: 'projection status' },
];

const GROUPS: readonly { readonly key: MessageKey; readonly keywords: MessageKey; readonly words: readonly string[] }[] = [
  { key: 'help.group.client', keywords: 'menu.keywords.client', words: ['client'] },
  { key: 'help.group.contract', keywords: 'menu.keywords.contract', words: ['contract'] },
  { key: 'help.group.event', keywords: 'menu.keywords.event', words: ['event'] },
  { key: 'help.group.user', keywords: 'menu.keywords.user', words: ['user'] },
  { key: 'menu.group.other', keywords: 'menu.keywords.other', words: ['log', 'audit', 'projection', 'passwd'] },
];

/** The actions `role` may take, as the permission table says (an action without a permission is anyone's). */
export function allowedActions(role: Actor['role']): MenuAction[] {
  return ACTIONS.filter(({ route }) => {
    const entry = COMMAND_ROUTES.find((r) => r.route === route);
    if (entry === undefined) throw new Error(`the menu names ${route}, which is no command`);
    return entry.action === undefined || scopeOf(entry.action, role) !== 'none';
  });
}

type Choose = string;
const SIGN_IN = ':sign-in';
const SIGN_OUT = ':sign-out';
const QUIT = ':quit';

/** How the menu runs the command chosen: main.ts's `run`, passed in (the menu is a page of the CLI, not above it). */
export type RunCommand = (argv: readonly string[], context: EpicContext) => Promise<number>;

export async function runMenu(context: EpicContext, run: RunCommand): Promise<number> {
  const colour = colourFor(context.stderr, context.env);
  for (;;) {
    const runtime = new Runtime(loadConfig(context.env, context.cwd));
    try {
      const actor = await signedIn(runtime);
      context.stderr.write(
        `\n${paint(colour, 'bold', actor === undefined ? t('menu.signedOut') : t('menu.signedIn', { name: actor.name, role: actor.role }))}\n`,
      );
      const entries: Entry<Choose>[] =
        actor === undefined
          ? [
              { value: SIGN_IN, name: t('menu.signIn') },
              { value: QUIT, name: t('menu.quit') },
            ]
          : [
              ...actionEntries(actor.role),
              { heading: t('menu.group.session') },
              { value: SIGN_OUT, name: t('menu.signOut') },
              { value: QUIT, name: t('menu.quit') },
            ];
      let chosen: string;
      try {
        chosen = await pickFrom(context, t('menu.question'), entries, { search: true });
      } catch (error) {
        // Ctrl-C or Ctrl-D at the menu itself: leave it, as cancelled.
        if (isCancelled(error)) return reportError(context, error);
        throw error;
      }
      if (chosen === QUIT) return ExitCode.ok;
      if (chosen === SIGN_IN) await run(['login'], context);
      else if (chosen === SIGN_OUT) await run(['logout'], context);
      else if (actor !== undefined) await runAction(context, runtime, actor, chosen, run);
    } finally {
      await runtime.close().catch(() => undefined);
    }
  }
}

function actionEntries(role: Actor['role']): Entry<Choose>[] {
  const allowed = allowedActions(role);
  return GROUPS.flatMap((group) => {
    const members = allowed.filter(({ route }) => group.words.includes(route.split(' ')[0] ?? ''));
    if (members.length === 0) return [];
    // Typing finds an action by its group's name and synonyms, and by the command's own words (`user create`), too.
    const keywords = `${t(group.key)} ${t(group.keywords as 'menu.quit')}`;
    return [
      { heading: t(group.key) },
      ...members.map(({ route }) => ({ value: route, name: t(`menu.${route}` as 'menu.quit'), keywords: `${keywords} ${route}` })),
    ];
  });
}

async function signedIn(runtime: Runtime): Promise<Actor | undefined> {
  try {
    return await runtime.actor();
  } catch (error) {
    if (error instanceof NotAuthenticated) return undefined;
    throw error;
  }
}

/** Picks what the action works on, then runs the command; a refusal or a cancellation is shown and the menu goes on. */
async function runAction(
  context: EpicContext,
  runtime: Runtime,
  actor: Actor,
  route: string,
  run: (argv: readonly string[], context: EpicContext) => Promise<number>,
): Promise<void> {
  const action = ACTIONS.find((a) => a.route === route);
  if (action === undefined) return;
  let id: string | undefined;
  if (action.pick !== undefined) {
    try {
      const choices = await choicesFor(runtime, actor, action.pick);
      if (choices.length === 0) throw new InvalidInput(msg('menu.nothingToPick'));
      id = await pickFrom(context, t(`menu.pick.${action.pick}`), choices, { search: true });
    } catch (error) {
      reportError(context, error);
      return;
    }
  }
  // The command reports its own outcome (a change, a refusal, `cancelled`); the menu goes on whatever it was.
  await run([...route.split(' '), ...(id === undefined ? [] : [id])], context);
}

function choicesFor(runtime: Runtime, actor: Actor, pick: Pick): Promise<Choice<string>[]> {
  switch (pick) {
    case 'client':
      return clientChoices(runtime, actor);
    case 'contract':
      return contractChoices(runtime, actor);
    case 'unsignedContract':
      return contractChoices(runtime, actor, { unsigned: true });
    case 'unpaidContract':
      return contractChoices(runtime, actor, { unpaid: true });
    case 'event':
      return eventChoices(runtime, actor);
    case 'user':
      return userChoices(runtime);
    default:
      return assertNever(pick);
  }
}
