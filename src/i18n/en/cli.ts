/**
 * What the command line itself says (src/cli): prompts, confirmations, table
 * headings, field labels, what a change did, usage errors. Texts that show
 * records (a confirmation naming a client) are printed, never thrown: they
 * never reach the command log or monitoring.
 */
import type { Format } from '../format.js';

const listed = (items: readonly string[], f: Format) => f.list(items);

export const cli = {
  // Errors and warnings
  'cli.missingOption': ({ option }: { option: string }) => `missing required option ${option}`,
  'cli.notLoggedIn': 'not logged in: run epic login',
  'cli.accountGone': 'your account no longer exists',
  'cli.passwordNeeded': 'a password is needed: pipe it with --password-stdin, or run on a terminal',
  'cli.noPasswordOnStdin': 'no password on stdin',
  'cli.cancelled': 'cancelled',
  'cli.backendUnavailable': ({ code }: { code: string }) => `backend unavailable (${code})`,
  'cli.internalError': ({ detail }: { detail: string }) =>
    `internal error: ${detail} (a bug: rerun with EPIC_DEBUG=1 for the stack trace and report it)`,
  'cli.internalErrorReported': ({ detail, eventId }: { detail: string; eventId: string }) =>
    `internal error: ${detail} (a bug: reported to Sentry as event ${eventId}; rerun with EPIC_DEBUG=1 for the stack trace)`,
  'cli.warning.notRecorded': ({ reason }: { reason: string }) => `could not record this attempt in the command log: ${reason}`,
  'cli.notFound.contract': ({ id }: { id: string }) => `no contract ${id}`,
  'cli.notFound.event': ({ id }: { id: string }) => `no event ${id}`,
  'cli.notFound.user': ({ id }: { id: string }) => `no user ${id}`,
  'cli.notFound.userEmail': 'no user with this email',
  'cli.input.count': ({ option, got }: { option: string; got: string }) =>
    `${option} must be a whole number ≥ 0 (got ${JSON.stringify(got)})`,
  'cli.input.role': ({ option }: { option: string }) => `${option} must be one of gestion, commercial, support`,
  'cli.input.choice': ({ option, choices, got }: { option: string; choices: readonly string[]; got: string }, f: Format) =>
    `${option} must be ${f.alternatives(choices)}, got ${JSON.stringify(got)}`,

  // Usage errors (the parser's)
  'cli.usage.unknownOption': ({ option, command }: { option: string; command: string }) =>
    command === '' ? `unknown option ${option}` : `epic ${command} has no option ${option} (see epic ${command} --help)`,
  'cli.usage.extraArgument': ({ argument, command }: { argument: string; command: string }) =>
    command === ''
      ? `unexpected argument ${JSON.stringify(argument)}`
      : `unexpected argument ${JSON.stringify(argument)} (see epic ${command} --help)`,
  'cli.usage.missingArgument': ({ command }: { command: string }) =>
    command === '' ? 'an argument is missing' : `an argument is missing (see epic ${command} --help)`,
  'cli.usage.optionNeedsValue': ({ option }: { option: string }) => `${option} needs a value`,
  'cli.usage.invalid': ({ command }: { command: string }) =>
    command === '' ? 'invalid command line (see epic --help)' : `invalid command line (see epic ${command} --help)`,
  'cli.usage.unknownCommand': ({ words, suggestions }: { words: string; suggestions: readonly string[] }, f: Format) =>
    suggestions.length === 0
      ? `unknown command ${f.quote(words)} (see epic --help)`
      : `unknown command ${f.quote(words)}; did you mean ${suggestions.map((s) => `epic ${s}`).join(', ')}?`,

  // Prompts
  'cli.prompt.empty': 'an answer is needed',
  'cli.prompt.invalidName': 'a name is needed (at most 200 characters, no control characters)',
  'cli.prompt.invalidEmail': 'not a valid email address (like name@example.com)',
  'cli.prompt.invalidPhone': 'a phone number is 7 to 20 digits, with an optional +, spaces, dots or dashes',
  'cli.prompt.dateFormat': 'YYYY-MM-DD HH:MM',
  'cli.prompt.amountFormat': 'like 1500 or 1500.50',
  'cli.prompt.password': 'password',
  'cli.prompt.newPassword': 'new password',
  'cli.prompt.newPasswordAgain': 'the same password again',
  'cli.prompt.passwordsDiffer': 'the two passwords differ',
  'cli.prompt.nothingToChoose': ({ option }: { option: string }) => `nothing to choose from for ${option}`,
  'cli.prompt.instructions': '↑↓ to move, Enter to choose',
  'cli.prompt.instructionsMore': '↑↓ to move (more below), Enter to choose',
  'cli.prompt.searchInstructions': 'type to search, ↑↓ to move, Enter to choose',
  'cli.prompt.searchInstructionsMore': 'type to search, ↑↓ to move (more below), Enter to choose',
  'cli.prompt.keyNavigate': 'move',
  'cli.prompt.keySelect': 'choose',
  'cli.prompt.noResults': 'nothing matches',
  'cli.prompt.hidden': '(not shown as you type)',

  // Confirmations
  'cli.confirm.question': 'Continue? (y/N)',
  /** The answers that mean yes, `|`-separated, lower-case and without accents. */
  'cli.confirm.yesWords': 'y|yes',
  'cli.confirm.needsYes': ({ command }: { command: string }) =>
    `epic ${command} cannot be undone: confirm with --yes when not on a terminal`,
  'cli.confirm.deleteClient': ({ id, name, company }: { id: string; name: string; company: string | null }) =>
    `deletes client ${id} (${company === null ? name : `${name}, ${company}`})`,
  'cli.confirm.deleteContract': (
    { id, client, totalCents, signed }: { id: string; client: string; totalCents: number; signed: boolean },
    f: Format,
  ) => `deletes contract ${id} (${client}, ${f.money(totalCents)}, ${signed ? 'signed' : 'not signed'})`,
  'cli.confirm.deleteUser': ({ id, name, email, role }: { id: string; name: string; email: string; role: string }) =>
    `deletes user ${id} (${name}, ${email}, ${role})`,

  // What a change did
  'cli.init.already': 'already initialized: users exist; log in instead',
  'cli.init.done': ({ home, name }: { home: string; name: string }) => `initialized ${home}; logged in as ${name} (gestion)`,
  'cli.login.done': ({ name, role, until }: { name: string; role: string; until: string }, f: Format) =>
    `logged in as ${name} (${role}) until ${f.dateTime(until)}`,
  'cli.logout.done': ({ name }: { name: string }) => `logged out ${name}`,
  'cli.logout.none': 'no open session',
  'cli.done.deletedClient': ({ id, name }: { id: string; name: string }) => `deleted client ${id} (${name})`,
  'cli.done.deletedContract': ({ id, client }: { id: string; client: string }) => `deleted contract ${id} (${client})`,
  // On a terminal, after the new id (stdout), what was created, on stderr.
  'cli.done.createdUser': ({ name, role }: { name: string; role: string }) => `created ${role} ${name}: they can sign in now`,
  'cli.done.createdClient': ({ name }: { name: string }) => `created client ${name}`,
  'cli.done.createdContract': ({ client, totalCents }: { client: string; totalCents: number }, f: Format) =>
    `drew up a contract for ${client}, ${f.money(totalCents)}`,
  'cli.done.createdEvent': ({ name }: { name: string }) => `created event ${name}`,
  'cli.done.deletedUser': ({ id, name }: { id: string; name: string }) => `deleted user ${id} (${name})`,
  'cli.done.updatedClient': ({ id, fields }: { id: string; fields: readonly string[] }, f: Format) =>
    fields.length === 0 ? `client ${id}: nothing changed` : `updated client ${id}: ${listed(fields, f)}`,
  'cli.done.updatedEvent': ({ id, fields }: { id: string; fields: readonly string[] }, f: Format) =>
    fields.length === 0 ? `event ${id}: nothing changed` : `updated event ${id}: ${listed(fields, f)}`,
  'cli.done.updatedUser': ({ id, name, fields }: { id: string; name: string; fields: readonly string[] }, f: Format) =>
    fields.length === 0 ? `user ${id} (${name}): nothing changed` : `updated user ${id} (${name}): ${listed(fields, f)}`,
  'cli.done.updatedContract': ({ id, totalCents, remainingCents }: { id: string; totalCents: number; remainingCents: number }, f: Format) =>
    `updated contract ${id}: total ${f.money(totalCents)}; remaining ${f.money(remainingCents)}`,
  'cli.done.paid': ({ amountCents, remainingCents }: { id: string; amountCents: number; remainingCents: number }, f: Format) =>
    `paid ${f.money(amountCents)}; remaining ${f.money(remainingCents)}`,
  'cli.done.signed': ({ id, client, totalCents }: { id: string; client: string; totalCents: number }, f: Format) =>
    `signed contract ${id} (${client}, ${f.money(totalCents)})`,
  'cli.done.assigned': ({ support, event }: { support: string; event: string }) => `assigned ${support} to ${event}`,
  'cli.done.unassigned': ({ support, event }: { support: string; event: string }) => `unassigned ${support} from ${event}`,
  'cli.done.unassignedNobody': ({ event }: { event: string }) => `${event} had no support assigned`,

  // Listings
  'cli.column.id': 'id',
  'cli.column.name': 'name',
  'cli.column.email': 'email',
  'cli.column.phone': 'phone',
  'cli.column.company': 'company',
  'cli.column.commercial': 'commercial',
  'cli.column.client': 'client',
  'cli.column.total': 'total',
  'cli.column.remaining': 'remaining',
  'cli.column.signed': 'signed',
  'cli.column.start': 'start',
  'cli.column.end': 'end',
  'cli.column.location': 'location',
  'cli.column.attendees': 'attendees',
  'cli.column.support': 'support',
  'cli.column.role': 'role',
  'cli.column.at': 'at',
  'cli.column.who': 'who',
  'cli.column.command': 'command',
  'cli.column.outcome': 'outcome',
  'cli.column.reason': 'reason',
  'cli.column.events': 'events',
  'cli.column.projection': 'projection',
  'cli.column.version': 'version',
  'cli.column.checkpoint': 'checkpoint',
  'cli.column.behind': 'behind',
  'cli.column.lastRebuilt': 'last rebuilt',
  'cli.column.state': 'state',
  'cli.empty.clients': 'no clients',
  'cli.empty.contracts': 'no contracts',
  'cli.empty.events': 'no events',
  'cli.empty.users': 'no users',
  'cli.empty.log': 'no entries',
  'cli.empty.projections': 'no projections',
  'cli.outcome.accepted': 'accepted',
  'cli.outcome.rejected': 'rejected',
  'cli.outcome.denied': 'denied',
  'cli.outcome.failed': 'failed',
  'cli.yes': 'yes',
  'cli.no': 'no',
  'cli.unassigned': '(unassigned)',

  // Fields of a record, and what is asked for them
  'cli.field.id': 'id',
  'cli.field.name': 'name',
  'cli.field.fullName': 'full name',
  'cli.field.email': 'email',
  'cli.field.phone': 'phone',
  'cli.field.company': 'company',
  'cli.field.commercial': 'commercial',
  'cli.field.client': 'client',
  'cli.field.clientContact': 'client contact',
  'cli.field.contract': 'contract',
  'cli.field.total': 'total',
  'cli.field.remaining': 'remaining',
  'cli.field.remainingDefault': 'remaining (Enter: the total)',
  'cli.field.payment': ({ remainingCents }: { remainingCents: number }, f: Format) => `amount paid (${f.money(remainingCents)} remaining)`,
  'cli.field.signed': 'signed',
  'cli.field.eventName': 'event name',
  'cli.field.start': 'start',
  'cli.field.end': 'end',
  'cli.field.location': 'location',
  'cli.field.attendees': 'attendees',
  'cli.field.notes': 'notes',
  'cli.field.support': 'support',
  'cli.field.role': 'role',
  'cli.field.password': 'password',
  'cli.field.reassignTo': 'commercial who takes over the clients',
  'cli.field.createdAt': 'created',
  'cli.field.updatedAt': 'updated',

  // Records in a list to pick from
  'cli.pick.client': ({ name, company }: { name: string; company: string | null }) => (company === null ? name : `${name} — ${company}`),
  'cli.pick.contract': (
    { client, totalCents, remainingCents, signed }: { client: string; totalCents: number; remainingCents: number; signed: boolean },
    f: Format,
  ) =>
    `${client} — ${f.money(totalCents)} (${remainingCents === 0 ? 'paid' : `${f.money(remainingCents)} due`}, ${signed ? 'signed' : 'not signed'})`,
  'cli.pick.event': ({ start, name, client }: { start: string; name: string; client: string }, f: Format) =>
    `${f.dateTime(start)} — ${name} (${client})`,
  'cli.pick.user': ({ name, email, role }: { name: string; email: string; role: string }) => `${name} <${email}> (${role})`,

  // history
  'cli.history.kind': ({ kinds, got }: { kinds: readonly string[]; got: string }) =>
    `history of what? expected one of ${kinds.join(', ')}, got ${JSON.stringify(got)}`,
  'cli.history.notYet': ({ kind, id, at }: { kind: string; id: string; at: string }) => `${kind} ${id} did not exist at ${at}`,
  'cli.history.none': ({ kind, id }: { kind: string; id: string }) => `no ${kind} ${id} in the log`,

  // audit verify
  'cli.verify.badDigest': '--expect must be a digest printed by epic audit verify (64 hex characters)',

  // projections
  'cli.projection.rebuilt': ({
    names,
    events,
    seconds,
    position,
  }: {
    names: readonly string[];
    events: number;
    seconds: string;
    position: number;
  }) => `rebuilt ${names.join(', ')}: ${events} events in ${seconds}s, at position ${position}`,
  'cli.projection.applied': ({ events, position }: { events: number; position: number }) =>
    `applied ${events} events; at position ${position}`,
  'cli.projection.stopped': ({ events, position }: { events: number; position: number }) =>
    `stopped: applied ${events} events; at position ${position}`,
  'cli.projection.interval': '--interval must be a whole number of milliseconds, at least 10',
  'cli.projection.versions': ({ version, stored }: { version: number; stored: number | null }) =>
    `${version} (tables: ${stored ?? 'none'})`,
  'cli.projection.rebuilding': ({ pid, host, since }: { pid: number; host: string; since: string }) =>
    `rebuilding (pid ${pid} on ${host} since ${since})`,
  'cli.projection.due': 'rebuild due',
  'cli.projection.upToDate': 'up to date',
  'cli.projection.behind': 'behind',

  // import
  'cli.import.done': (c: { created: number; updated: number; unchanged: number; refused: number; rows: number }) =>
    `created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, refused ${c.refused} (of ${c.rows} rows)`,
  'cli.import.dryRun': (c: { created: number; updated: number; unchanged: number; refused: number; rows: number }) =>
    `dry run, nothing written: would have created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, refused ${c.refused} (of ${c.rows} rows)`,
  'cli.import.ignoredColumns': ({ columns }: { columns: readonly string[] }) => `ignored columns: ${columns.join(', ')}`,
  'cli.import.lineRefused': ({ line, reason }: { line: number; reason: string }) => `line ${line}: ${reason}`,
  'cli.import.duplicate': ({ line, sameEmailAsLine }: { line: number; sameEmailAsLine: number }) =>
    `line ${line}: same email as line ${sameEmailAsLine}, updated the client that line imported`,
  'cli.import.refusedImported': ({ refused, rows, lines }: { refused: number; rows: number; lines: string }) =>
    `${refused} of ${rows} rows refused (lines ${lines}); the others were imported`,
  'cli.import.refusedChecked': ({ refused, rows, lines }: { refused: number; rows: number; lines: string }) =>
    `${refused} of ${rows} rows refused (lines ${lines}); the others were checked`,
};
