import type { CommandClass } from 'clipanion';
import type { Action } from '../auth/permission-table.js';
import type { EpicContext } from './context.js';

/**
 * A command of the CLI, as a route (the words of its first path) and a
 * loader; routes.ts lists them all. This module holds what reads that list
 * (help, completion, "did you mean", the menu) without importing it: the
 * list's loaders import the help and completion commands, so their modules
 * get the list from main.ts through `useCommandTable` (as the words come
 * through `useTranslator`) and no import runs back up to routes.ts.
 */
export interface CommandRoute {
  /** The words of the command's first path, e.g. `client create` (a plural first word is accepted too). */
  readonly route: string;
  readonly load: () => Promise<CommandClass<EpicContext>>;
  /**
   * The permission the command needs (src/auth/policy.ts): the menu offers a
   * command to the roles whose scope for it is not `none`. Absent: anyone
   * signed in (whoami, logout), or a command decided on what it reads (history, export).
   */
  readonly action?: Action;
  /** Left out of help and completion (the completion script's own helper). */
  readonly hidden?: boolean;
}

let table: readonly CommandRoute[] | undefined;

/** Set once per launch by main.ts (and by the tests that render help without running the CLI). */
export function useCommandTable(routes: readonly CommandRoute[]): void {
  table = routes;
}

/** The command table main.ts gave; reading it before is a programming error. */
export function commandTable(): readonly CommandRoute[] {
  if (table === undefined) throw new Error('the command table is read before main.ts set it (useCommandTable)');
  return table;
}

/** The first word as a route spells it: a plural noun is its singular (`clients` is `client`). */
export function singularNoun(word: string): string {
  return word.replace(/s$/, '');
}

/** The route the leading words of a command line spell (the longest, when one extends another), if any. */
export function findRoute(routes: readonly CommandRoute[], argv: readonly string[]): CommandRoute | undefined {
  const words = argv.map((word, index) => (index === 0 ? singularNoun(word) : word));
  let found: CommandRoute | undefined;
  for (const entry of routes) {
    const parts = entry.route.split(' ');
    if (parts.every((word, index) => words[index] === word) && parts.length > (found?.route.split(' ').length ?? 0)) found = entry;
  }
  return found;
}
