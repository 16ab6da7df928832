import type { CommandClass } from 'clipanion';
import { type CommandRoute, findRoute, singularNoun } from '../command-table.js';
import type { EpicContext } from '../context.js';

/**
 * Every command of the CLI, with its loader. A launch imports only the
 * command its arguments name: importing every command module and what they
 * import was most of `epic`'s start-up time (issue 9, docs/performance.md).
 * Each file holds one command, which imports its heavy modules only when it
 * runs. Add a command here with its first path's words;
 * test/cli/command-routes.test.ts checks they agree.
 */
export const COMMAND_ROUTES: readonly CommandRoute[] = [
  { route: 'init', load: async () => (await import('./session/init.js')).InitCommand },
  { route: 'login', load: async () => (await import('./session/login.js')).LoginCommand },
  { route: 'logout', load: async () => (await import('./session/logout.js')).LogoutCommand },
  { route: 'passwd', load: async () => (await import('./session/passwd.js')).PasswdCommand },
  { route: 'whoami', load: async () => (await import('./session/whoami.js')).WhoamiCommand },
  { route: 'user create', load: async () => (await import('./user/create.js')).UserCreateCommand, action: 'user.create' },
  { route: 'user list', load: async () => (await import('./user/list.js')).UserListCommand, action: 'user.list' },
  { route: 'user view', load: async () => (await import('./user/view.js')).UserViewCommand, action: 'user.view' },
  { route: 'user edit', load: async () => (await import('./user/edit.js')).UserEditCommand, action: 'user.edit' },
  { route: 'user delete', load: async () => (await import('./user/delete.js')).UserDeleteCommand, action: 'user.delete' },
  { route: 'user disable', load: async () => (await import('./user/disable.js')).UserDisableCommand, action: 'user.disable' },
  { route: 'user enable', load: async () => (await import('./user/enable.js')).UserEnableCommand, action: 'user.enable' },
  { route: 'user unlock', load: async () => (await import('./user/unlock.js')).UserUnlockCommand, action: 'user.unlock' },
  { route: 'client create', load: async () => (await import('./client/create.js')).ClientCreateCommand, action: 'client.create' },
  { route: 'client list', load: async () => (await import('./client/list.js')).ClientListCommand, action: 'client.view' },
  { route: 'client view', load: async () => (await import('./client/view.js')).ClientViewCommand, action: 'client.view' },
  { route: 'client edit', load: async () => (await import('./client/edit.js')).ClientEditCommand, action: 'client.edit' },
  { route: 'client delete', load: async () => (await import('./client/delete.js')).ClientDeleteCommand, action: 'client.delete' },
  { route: 'client forget', load: async () => (await import('./client/forget.js')).ClientForgetCommand, action: 'client.forget' },
  { route: 'client dossier', load: async () => (await import('./client/dossier.js')).ClientDossierCommand, action: 'client.dossier' },
  { route: 'contract create', load: async () => (await import('./contract/create.js')).ContractCreateCommand, action: 'contract.create' },
  { route: 'contract list', load: async () => (await import('./contract/list.js')).ContractListCommand, action: 'contract.view' },
  { route: 'contract view', load: async () => (await import('./contract/view.js')).ContractViewCommand, action: 'contract.view' },
  { route: 'contract edit', load: async () => (await import('./contract/edit.js')).ContractEditCommand, action: 'contract.edit' },
  { route: 'contract sign', load: async () => (await import('./contract/sign.js')).ContractSignCommand, action: 'contract.sign' },
  { route: 'contract pay', load: async () => (await import('./contract/pay.js')).ContractPayCommand, action: 'contract.pay' },
  { route: 'contract refund', load: async () => (await import('./contract/refund.js')).ContractRefundCommand, action: 'contract.refund' },
  { route: 'contract delete', load: async () => (await import('./contract/delete.js')).ContractDeleteCommand, action: 'contract.delete' },
  { route: 'event create', load: async () => (await import('./event/create.js')).EventCreateCommand, action: 'event.create' },
  { route: 'event list', load: async () => (await import('./event/list.js')).EventListCommand, action: 'event.view' },
  { route: 'event view', load: async () => (await import('./event/view.js')).EventViewCommand, action: 'event.view' },
  { route: 'event edit', load: async () => (await import('./event/edit.js')).EventEditCommand, action: 'event.edit' },
  { route: 'event assign', load: async () => (await import('./event/assign.js')).EventAssignCommand, action: 'event.assign' },
  { route: 'event unassign', load: async () => (await import('./event/unassign.js')).EventUnassignCommand, action: 'event.assign' },
  { route: 'event cancel', load: async () => (await import('./event/cancel.js')).EventCancelCommand, action: 'event.cancel' },
  { route: 'log', load: async () => (await import('./audit/log.js')).LogCommand, action: 'log.list' },
  { route: 'history', load: async () => (await import('./audit/history.js')).HistoryCommand },
  { route: 'audit verify', load: async () => (await import('./audit/verify.js')).AuditVerifyCommand, action: 'audit.verify' },
  { route: 'audit digest', load: async () => (await import('./audit/digest.js')).AuditDigestCommand, action: 'audit.digest' },
  {
    route: 'projection status',
    load: async () => (await import('./projection/status.js')).ProjectionStatusCommand,
    action: 'projection.manage',
  },
  {
    route: 'projection rebuild',
    load: async () => (await import('./projection/rebuild.js')).ProjectionRebuildCommand,
    action: 'projection.manage',
  },
  { route: 'projection run', load: async () => (await import('./projection/run.js')).ProjectionRunCommand, action: 'projection.manage' },
  {
    route: 'import clients',
    load: async () => (await import('./transfer/import-clients.js')).ImportClientsCommand,
    action: 'import.clients',
  },
  { route: 'export', load: async () => (await import('./transfer/export.js')).ExportCommand },
  { route: 'help', load: async () => (await import('./help/help.js')).HelpCommand },
  { route: 'completion', load: async () => (await import('./help/completion.js')).CompletionCommand },
  { route: 'completion users', load: async () => (await import('./help/completion-users.js')).CompletionUsersCommand, hidden: true },
];

/** Every command class, in the order of the table (help, tests). */
export async function loadAllCommands(): Promise<CommandClass<EpicContext>[]> {
  return Promise.all(COMMAND_ROUTES.map((entry) => entry.load()));
}

/** The route the leading words of a command line spell (the longest, when one extends another), if any. */
export function routeFor(argv: readonly string[]): CommandRoute | undefined {
  return findRoute(COMMAND_ROUTES, argv);
}

/**
 * The commands a command line can reach: the one whose route its leading
 * words spell (a plural first word counts as its singular), none for a bare
 * `--version`, and every command otherwise (general help, a noun's usage,
 * an unknown or misspelled command: clipanion lists and suggests from all).
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandClass<EpicContext>[]> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) return [];
  const words = argv.map((word, index) => (index === 0 ? singularNoun(word) : word));
  const matches = COMMAND_ROUTES.filter(({ route }) => route.split(' ').every((word, index) => words[index] === word));
  if (matches.length === 0) return loadAllCommands();
  return Promise.all(matches.map((entry) => entry.load()));
}
