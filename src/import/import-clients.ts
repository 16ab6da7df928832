/**
 * `epic import clients`: every row goes through the same path as `client
 * create` / `client edit` — fold the client's stream, authorize with the
 * permission table, decide with `decideAccount` (the one validator), append to
 * that client's stream — under the command id of the whole import, so the
 * command log holds one entry listing every event the import recorded.
 */
import { assertAllowed } from '../auth/policy.js';
import { clientEmailClaimer } from '../commands/client-emails.js';
import { appendCounter, decideOnStream, loadStream } from '../commands/decide-on-stream.js';
import type { ActorContext } from '../commands/handler-context.js';
import { loadUsers } from '../commands/load-users.js';
import { toNewEvents } from '../commands/new-events.js';
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
import type { StreamAppend } from '../events/event-store.js';
import { WrongExpectedVersion } from '../events/wrong-expected-version.js';
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
  /** Rows per batched append (IMPORT_BATCH); for tests. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The commercial of every new client (`--commercial`), for a file without a
   * commercial column; clients the file updates keep theirs.
   */
  readonly commercialId?: string;
}

/** Rows written per transaction where the store batches appends: one commit (one fsync) per batch, not per client. */
const IMPORT_BATCH = 1_000;

/** What a row may fail with: the row is refused and the import goes on. Anything else stops it. */
const ROW_ERRORS = [InvalidInput, RuleViolation, NotFound, Forbidden, Conflict] as const;

export async function importClients(context: ActorContext, input: ClientRows, options: ImportOptions): Promise<ImportReport> {
  assertAllowed('import.clients', context.actor);
  // The directory and the email index are read once, not per row.
  const users = await loadUsers(context);
  const defaultCommercial = options.commercialId === undefined ? undefined : commercialNamed(users, options.commercialId, input);
  const byEmail = await clientsByEmail(context.store);
  const apply = options.dryRun ? dryRunner(context) : appender(context);
  const claimer = clientEmailClaimer(context);

  const refused: RefusedRow[] = [...input.refused];
  const duplicates: { line: number; sameEmailAsLine: number }[] = [];
  const seenAt = new Map<string, number>();
  /** The id each created row got: a row decided again (its batch met a concurrent change) keeps the id its email was claimed for. */
  const clientIds = new Map<number, string>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const total = input.rows.length;

  /** What became of one row: counted, and its key noted, once its batch is written. */
  type Outcome =
    | { readonly row: ClientRow; readonly kind: 'created'; readonly key: string }
    | { readonly row: ClientRow; readonly kind: 'updated' | 'unchanged'; readonly key: string }
    | { readonly row: ClientRow; readonly kind: 'refused'; readonly reason: RefusedRow['reason'] };

  const decideRows = async (
    rows: readonly ClientRow[],
    applyRow: Apply,
    claimEmail: (clientId: string, email: string) => Promise<void>,
  ): Promise<Outcome[]> => {
    const outcomes: Outcome[] = [];
    for (const row of rows) {
      try {
        const key = emailKey(row.email);
        const matches = byEmail.get(key) ?? [];
        if (matches.length > 1) throw new Conflict(msg('transfer.emailShared', { count: matches.length, clientIds: matches }));
        const decision = matches[0] === undefined ? creation(row, users, defaultCommercial, clientIds) : update(row, matches[0], users);
        // A new client's email is claimed on its holder stream first (client-emails.ts): another
        // process creating a client with it meanwhile makes this row a conflict, never a second client.
        if (matches[0] === undefined && !options.dryRun) {
          authorizeAccount(decision.command, accountAggregate.initial(), context.actor);
          decideAccount(decision.command, accountAggregate.initial(), decision.context);
          await claimEmail(decision.clientId, row.email);
        }
        const events = await applyRow(
          decision.clientId,
          (state) => {
            authorizeAccount(decision.command, state, context.actor);
            return decideAccount(decision.command, state, decision.context);
          },
          matches[0] === undefined,
        );
        if (matches[0] === undefined) {
          byEmail.set(key, [decision.clientId]);
          outcomes.push({ row, kind: 'created', key });
        } else outcomes.push({ row, kind: events.length > 0 ? 'updated' : 'unchanged', key });
      } catch (error) {
        if (!ROW_ERRORS.some((type) => error instanceof type)) throw error;
        outcomes.push({ row, kind: 'refused', reason: (error as EpicError).text });
      }
    }
    return outcomes;
  };

  let done = 0;
  const count = (outcomes: readonly Outcome[]) => {
    for (const outcome of outcomes) {
      const { row } = outcome;
      if (outcome.kind === 'refused') refused.push({ line: row.line, email: row.email.trim() || null, reason: outcome.reason });
      else {
        if (outcome.kind === 'created') created++;
        else if (outcome.kind === 'updated') updated++;
        else unchanged++;
        const first = seenAt.get(outcome.key);
        if (first === undefined) seenAt.set(outcome.key, row.line);
        else duplicates.push({ line: row.line, sameEmailAsLine: first });
      }
      done++;
      options.onProgress?.(done, total);
    }
  };

  // Batched where the store can append to many streams at once (B9): a batch's rows are decided in turn
  // (each seeing the ones before), then written in one transaction, all or none. On a concurrent change
  // to one of its streams nothing of it was written: its rows are decided again one by one, as elsewhere.
  const batches = !options.dryRun && context.store.appendBatch !== undefined;
  const size = batches ? (options.batchSize ?? IMPORT_BATCH) : total;
  for (let start = 0; start < total; start += size) {
    const rows = input.rows.slice(start, start + size);
    if (batches) {
      // The batch's email claims go in its transaction too: one commit for the whole batch, not one per new client.
      const staged = stager(context);
      // The holder streams of the batch's emails that are empty are known in one query, not read one by one.
      await claimer.prefetch(rows.map((row) => row.email));
      const outcomes = await decideRows(rows, staged.apply, claimer.stage);
      try {
        await staged.flush(claimer.batchAppends());
        claimer.batchDone();
        count(outcomes);
        continue;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        claimer.batchDone();
        for (const outcome of outcomes) if (outcome.kind === 'created') byEmail.delete(outcome.key);
      }
    }
    count(await decideRows(rows, apply, claimer.claim));
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

function creation(row: ClientRow, users: UsersState, defaultCommercial: User | undefined, clientIds: Map<number, string>): Decision {
  const commercial = commercialOf(row, users) ?? defaultCommercial;
  if (commercial === undefined) throw new InvalidInput(msg('transfer.commercialNeeded'));
  const clientId = clientIds.get(row.line) ?? newId();
  clientIds.set(row.line, clientId);
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
/** `fresh`: the client id was just drawn for a new client, so its stream cannot hold anything yet. */
type Apply = (clientId: string, decide: Decide, fresh: boolean) => Promise<readonly unknown[]>;

/** Decides on the client's stream and appends, retrying on a concurrent change (like any command). */
function appender(context: ActorContext): Apply {
  return async (clientId, decide) =>
    (await decideOnStream(context, context.actor, accountStream(clientId), accountAggregate, decide)).events;
}

/**
 * Decides without appending, keeping each stream's state and new events in
 * memory (a later row of the batch decides on them); `flush` appends them
 * all in one transaction (`appendBatch`), one append per stream.
 */
function stager(context: ActorContext): { apply: Apply; flush(first: readonly StreamAppend[]): Promise<void> } {
  const streams = new Map<string, { state: AccountState; version: number; at: string; events: AccountEvent[] }>();
  return {
    async apply(clientId, decide, fresh) {
      const streamId = accountStream(clientId);
      let staged = streams.get(streamId);
      if (staged === undefined) {
        // A new client's stream is not read: it is appended as 'no_stream', which the store checks.
        const loaded = fresh ? { state: accountAggregate.initial(), version: 0 } : await loadStream(context, streamId, accountAggregate);
        staged = { state: loaded.state, version: loaded.version, at: context.now().toISOString(), events: [] };
        streams.set(streamId, staged);
      }
      const events = decide(staged.state);
      const { at } = staged;
      staged.state = events.reduce((next, event) => accountAggregate.evolve(next, event, at), staged.state);
      staged.events.push(...events);
      return events;
    },
    /** Appends `first` (the batch's email claims) and the staged streams in one transaction. */
    async flush(first) {
      const appends = [...streams]
        .filter(([, staged]) => staged.events.length > 0)
        .map(([streamId, staged]) => ({
          streamId,
          events: toNewEvents(staged.events, {
            streamId,
            commandId: context.commandId,
            append: appendCounter(context),
            actor: context.actor,
            at: staged.at,
          }),
          expected: staged.version === 0 ? ('no_stream' as const) : staged.version,
        }));
      const all = [...first, ...appends];
      if (all.length === 0 || context.store.appendBatch === undefined) return;
      const results = await context.store.appendBatch(all);
      for (const result of results) context.recorded.push(...result.events);
    },
  };
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
