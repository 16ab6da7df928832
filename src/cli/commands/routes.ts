import type { CommandClass } from 'clipanion';
import type { EpicContext } from '../context.js';

/**
 * Every command of the CLI, as a route (the words of its first path) and a
 * loader. A launch imports only the command its arguments name: importing
 * every command module and what they import was most of `epic`'s start-up
 * time (issue 9, docs/performance.md). Each file holds one command, which
 * imports its heavy modules only when it runs. Add a command here with its
 * first path's words; test/cli/command-routes.test.ts checks they agree.
 */
export interface CommandRoute {
  /** The words of the command's first path, e.g. `client create` (a plural first word is accepted too). */
  readonly route: string;
  readonly load: () => Promise<CommandClass<EpicContext>>;
}

export const COMMAND_ROUTES: readonly CommandRoute[] = [
  { route: 'init', load: async () => (await import('./session/init.js')).InitCommand },
  { route: 'login', load: async () => (await import('./session/login.js')).LoginCommand },
  { route: 'logout', load: async () => (await import('./session/logout.js')).LogoutCommand },
  { route: 'whoami', load: async () => (await import('./session/whoami.js')).WhoamiCommand },
  { route: 'user create', load: async () => (await import('./user/create.js')).UserCreateCommand },
  { route: 'user list', load: async () => (await import('./user/list.js')).UserListCommand },
  { route: 'user view', load: async () => (await import('./user/view.js')).UserViewCommand },
  { route: 'user edit', load: async () => (await import('./user/edit.js')).UserEditCommand },
  { route: 'user delete', load: async () => (await import('./user/delete.js')).UserDeleteCommand },
  { route: 'client create', load: async () => (await import('./client/create.js')).ClientCreateCommand },
  { route: 'client list', load: async () => (await import('./client/list.js')).ClientListCommand },
  { route: 'client view', load: async () => (await import('./client/view.js')).ClientViewCommand },
  { route: 'client edit', load: async () => (await import('./client/edit.js')).ClientEditCommand },
  { route: 'client delete', load: async () => (await import('./client/delete.js')).ClientDeleteCommand },
  { route: 'contract create', load: async () => (await import('./contract/create.js')).ContractCreateCommand },
  { route: 'contract list', load: async () => (await import('./contract/list.js')).ContractListCommand },
  { route: 'contract view', load: async () => (await import('./contract/view.js')).ContractViewCommand },
  { route: 'contract edit', load: async () => (await import('./contract/edit.js')).ContractEditCommand },
  { route: 'contract sign', load: async () => (await import('./contract/sign.js')).ContractSignCommand },
  { route: 'contract pay', load: async () => (await import('./contract/pay.js')).ContractPayCommand },
  { route: 'contract delete', load: async () => (await import('./contract/delete.js')).ContractDeleteCommand },
  { route: 'event create', load: async () => (await import('./event/create.js')).EventCreateCommand },
  { route: 'event list', load: async () => (await import('./event/list.js')).EventListCommand },
  { route: 'event view', load: async () => (await import('./event/view.js')).EventViewCommand },
  { route: 'event edit', load: async () => (await import('./event/edit.js')).EventEditCommand },
  { route: 'event assign', load: async () => (await import('./event/assign.js')).EventAssignCommand },
  { route: 'event unassign', load: async () => (await import('./event/unassign.js')).EventUnassignCommand },
  { route: 'log', load: async () => (await import('./audit/log.js')).LogCommand },
  { route: 'history', load: async () => (await import('./audit/history.js')).HistoryCommand },
  { route: 'audit verify', load: async () => (await import('./audit/verify.js')).AuditVerifyCommand },
  { route: 'projection status', load: async () => (await import('./projection/status.js')).ProjectionStatusCommand },
  { route: 'projection rebuild', load: async () => (await import('./projection/rebuild.js')).ProjectionRebuildCommand },
  { route: 'projection run', load: async () => (await import('./projection/run.js')).ProjectionRunCommand },
  { route: 'import clients', load: async () => (await import('./transfer/import-clients.js')).ImportClientsCommand },
  { route: 'export', load: async () => (await import('./transfer/export.js')).ExportCommand },
];

/** Every command class, in the order of the table (help, tests). */
export async function loadAllCommands(): Promise<CommandClass<EpicContext>[]> {
  return Promise.all(COMMAND_ROUTES.map((entry) => entry.load()));
}

/**
 * The commands a command line can reach: the one whose route its leading
 * words spell (a plural first word counts as its singular), none for a bare
 * `--version`, and every command otherwise (general help, a noun's usage,
 * an unknown or misspelled command: clipanion lists and suggests from all).
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandClass<EpicContext>[]> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) return [];
  const words = argv.map((word, index) => (index === 0 ? word.replace(/s$/, '') : word));
  const matches = COMMAND_ROUTES.filter(({ route }) => route.split(' ').every((word, index) => words[index] === word));
  if (matches.length === 0) return loadAllCommands();
  return Promise.all(matches.map((entry) => entry.load()));
}
