/**
 * `epic import clients`: every row goes through the same path as `client
 * create` / `client edit` — fold the client's stream, authorize with the
 * permission table, decide with `decideAccount` (the one validator), append to
 * that client's stream — under the command id of the whole import, so the
 * command log holds one entry listing every event the import recorded.
 */
import { assertAllowed } from '../auth/policy.js';
import { decideOnStream, loadStream } from '../commands/decide-on-stream.js';
import type { ActorContext } from '../commands/handler-context.js';
import { loadUsers } from '../commands/user-handler.js';
import type { AccountCommand } from '../domain/accounts/account-commands.js';
import type { AccountEvent } from '../domain/accounts/account-events.js';
import { accountStream } from '../domain/accounts/account-events.js';
import type { AccountState } from '../domain/accounts/account-state.js';
import { authorizeAccount } from '../domain/accounts/authorize-account.js';
import { type AccountContext, decideAccount } from '../domain/accounts/decide-account.js';
import { accountAggregate } from '../domain/aggregates.js';
import { liveUser, type User, type UsersState } from '../domain/users/users-state.js';
import { emailKey } from '../domain/values/contact.js';
import { newId } from '../domain/values/ids.js';
import { Conflict, type EpicError, Forbidden, InvalidInput, NotFound, RuleViolation } from '../errors.js';
import { msg } from '../i18n/message.js';
import { clientsByEmail } from './client-emails.js';
import type { ClientRow, ClientRows, RefusedRow } from './client-rows.js';

export interface ImportReport {
  readonly dryRun: boolean;
  /** Data rows read (refused ones included). */
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  /** Rows whose email matched a client that already had exactly these details. */
  readonly unchanged: number;
  /** By line number. */
  readonly refused: readonly RefusedRow[];
  /** Rows whose email an earlier row of the file already imported: the later row updated that client. */
  readonly duplicates: readonly { readonly line: number; readonly sameEmailAsLine: number }[];
  readonly ignoredColumns: readonly string[];
}

export interface ImportOptions {
  /** Decide every row, write nothing. */
  readonly dryRun: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The commercial of every new client (`--commercial`), for a file without a
   * commercial column; clients the file updates keep theirs.
   */
  readonly commercialId?: string;
}

/** What a row may fail with: the row is refused and the import goes on. Anything else stops it. */
const ROW_ERRORS = [InvalidInput, RuleViolation, NotFound, Forbidden, Conflict] as const;

export async function importClients(context: ActorContext, input: ClientRows, options: ImportOptions): Promise<ImportReport> {
  assertAllowed('import.clients', context.actor);
  // The directory and the email index are read once, not per row.
  const users = await loadUsers(context);
  const defaultCommercial = options.commercialId === undefined ? undefined : commercialNamed(users, options.commercialId, input);
  const byEmail = await clientsByEmail(context.store);
  const apply = options.dryRun ? dryRunner(context) : appender(context);

  const refused: RefusedRow[] = [...input.refused];
  const duplicates: { line: number; sameEmailAsLine: number }[] = [];
  const seenAt = new Map<string, number>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const total = input.rows.length;

  for (const [index, row] of input.rows.entries()) {
    try {
      const key = emailKey(row.email);
      const matches = byEmail.get(key) ?? [];
      if (matches.length > 1) throw new Conflict(msg('transfer.emailShared', { count: matches.length, clientIds: matches }));
      const decision = matches[0] === undefined ? creation(row, users, defaultCommercial) : update(row, matches[0], users);
      const events = await apply(decision.clientId, (state) => {
        authorizeAccount(decision.command, state, context.actor);
        return decideAccount(decision.command, state, decision.context);
      });
      if (matches[0] === undefined) {
        byEmail.set(key, [decision.clientId]);
        created++;
      } else if (events.length > 0) updated++;
      else unchanged++;
      const first = seenAt.get(key);
      if (first === undefined) seenAt.set(key, row.line);
      else duplicates.push({ line: row.line, sameEmailAsLine: first });
    } catch (error) {
      if (!ROW_ERRORS.some((type) => error instanceof type)) throw error;
      refused.push({ line: row.line, email: row.email.trim() || null, reason: (error as EpicError).text });
    }
    options.onProgress?.(index + 1, total);
  }

  refused.sort((a, b) => a.line - b.line);
  return {
    dryRun: options.dryRun,
    rows: total + input.refused.length,
    created,
    updated,
    unchanged,
    refused,
    duplicates,
    ignoredColumns: input.ignoredColumns,
  };
}

interface Decision {
  readonly clientId: string;
  readonly command: AccountCommand;
  readonly context: AccountContext;
}

/** The commercial `--commercial` names, checked once for the whole file rather than refused on every row. */
function commercialNamed(users: UsersState, userId: string, input: ClientRows): User {
  if (input.hasCommercialColumn) throw new InvalidInput(msg('transfer.commercialTwice'));
  const user = liveUser(users, userId);
  if (!user) throw new NotFound(msg('user.notFound', { userId }));
  if (user.role !== 'commercial') throw new RuleViolation(msg('client.commercialNotCommercial', { userId, role: user.role }));
  return user;
}

function creation(row: ClientRow, users: UsersState, defaultCommercial: User | undefined): Decision {
  const commercial = commercialOf(row, users) ?? defaultCommercial;
  if (commercial === undefined) throw new InvalidInput(msg('transfer.commercialNeeded'));
  const clientId = newId();
  return {
    clientId,
    command: {
      type: 'CreateClient',
      data: {
        clientId,
        name: row.name,
        email: row.email,
        phone: row.phone ?? null,
        company: row.company ?? null,
        commercialId: commercial.id,
      },
    },
    context: { commercial },
  };
}

/**
 * The row is the new truth for the columns the file has: a present but empty
 * phone or company clears it. The email is the key and is left as stored (its
 * case included); an empty commercial cell keeps the current commercial.
 */
function update(row: ClientRow, clientId: string, users: UsersState): Decision {
  const commercial = commercialOf(row, users);
  return {
    clientId,
    command: {
      type: 'EditClient',
      data: {
        clientId,
        name: row.name,
        ...(row.phone !== undefined && { phone: row.phone }),
        ...(row.company !== undefined && { company: row.company }),
        ...(commercial !== undefined && { commercialId: commercial.id }),
      },
    },
    context: { commercial },
  };
}

/** The user the commercial cell names by email; undefined when the cell is absent or empty. */
function commercialOf(row: ClientRow, users: UsersState) {
  const email = row.commercial?.trim() ?? '';
  if (email === '') return undefined;
  const id = users.emails[emailKey(email)];
  const user = id === undefined ? undefined : liveUser(users, id);
  // The address is not repeated: a person's email is not a message's to carry (the line number says which row).
  if (!user) throw new NotFound(msg('transfer.commercialUnknown'));
  return user;
}

type Decide = (state: AccountState) => AccountEvent[];
type Apply = (clientId: string, decide: Decide) => Promise<readonly unknown[]>;

/** Decides on the client's stream and appends, retrying on a concurrent change (like any command). */
function appender(context: ActorContext): Apply {
  return async (clientId, decide) =>
    (await decideOnStream(context, context.actor, accountStream(clientId), accountAggregate, decide)).events;
}

/**
 * Decides without appending. Clients the dry run "created" or "changed" are
 * kept in memory, so a later row of the file is decided as the real import
 * would decide it.
 */
function dryRunner(context: ActorContext): Apply {
  const states = new Map<string, AccountState>();
  return async (clientId, decide) => {
    const state = states.get(clientId) ?? (await loadStream(context, accountStream(clientId), accountAggregate)).state;
    const events = decide(state);
    const at = context.now().toISOString();
    states.set(
      clientId,
      events.reduce((next, event) => accountAggregate.evolve(next, event, at), state),
    );
    return events;
  };
}
