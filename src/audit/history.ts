/**
 * A record's history and the record at a past instant, both folded from the
 * event log with the command side's own aggregates (src/domain/aggregates.ts:
 * the same `evolve`, events lifted by the upcasters), never from read tables.
 *
 * - a user's history comes from the `users` stream;
 * - a client's, a contract's and an event's from the client's account stream,
 *   keeping the events that change the record's public view (a contract's
 *   history includes its client's renames and reassignments, which change its
 *   clientName and commercial).
 *
 * Who acted is shown with the name the directory gave them at that moment
 * (the `users` stream folded up to the event's position) and the role the
 * store recorded with the event.
 */

import { accountStream } from '../domain/accounts/account-events.js';
import type { AccountState } from '../domain/accounts/account-state.js';
import { accountAggregate, usersAggregate } from '../domain/aggregates.js';
import type { Aggregate } from '../domain/decider.js';
import { fold } from '../domain/decider.js';
import { USERS_STREAM } from '../domain/users/user-events.js';
import type { UsersState } from '../domain/users/users-state.js';
import type { ActorRole, EventStore, RecordedEvent } from '../events/event-store.js';
import type { HistoryEventType } from './history-vocabulary.js';
import { accountRecordView, diffViews, type FieldChanges, type RecordKind, type RecordView, userView } from './record-views.js';

/** Where a record lives: its kind, full id, and (for account records) the client account holding it. */
export interface RecordRef {
  readonly kind: RecordKind;
  readonly id: string;
  /** The client account stream's client id; for users, undefined. */
  readonly clientId?: string;
}

/** One entry of `epic history` (docs/cli.md "history entry", plus where the event sits in the log). */
export interface HistoryEntry {
  /** 1..n within this record's history. */
  readonly version: number;
  /** The event's stored type (what `--json` shows); people read its wording. */
  readonly type: HistoryEventType;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string | null; readonly role: ActorRole };
  readonly changes: FieldChanges;
  readonly stream: string;
  readonly streamVersion: number;
  readonly eventId: string;
}

export function streamOf(ref: RecordRef): string {
  if (ref.kind === 'user') return USERS_STREAM;
  if (ref.clientId === undefined) throw new Error(`a ${ref.kind} reference needs its client id`);
  return accountStream(ref.clientId);
}

/** Folds the user directory forward, event by event, as the record's events go by in log order. */
class DirectoryCursor {
  #state: UsersState = usersAggregate.initial();
  #next = 0;
  constructor(private readonly events: readonly RecordedEvent[]) {}

  /** The directory with every users event before global position `position` applied. */
  before(position: number): UsersState {
    while (this.#next < this.events.length && this.events[this.#next]!.position < position) {
      this.#state = fold(usersAggregate, [this.events[this.#next]!], this.#state);
      this.#next += 1;
    }
    return this.#state;
  }
}

function actorOf(event: RecordedEvent, ...directories: UsersState[]): HistoryEntry['actor'] {
  const { id, role } = event.metadata.actor;
  const name = directories.map((d) => d.users[id]?.name).find((n) => n !== undefined) ?? null;
  return { id, name, role };
}

/**
 * Events of a record's stream read at a time: a longer stream is walked page by page, never held whole (B5).
 * Peak RSS of a 100,000-event history on Node 20 (docs/performance.md): 113-114 MB at 1,000 (as at 500), 124-139 MB at
 * 2,000: a page and what is built from it outlive a young-generation collection, and the heap grows to hold them.
 */
export const HISTORY_PAGE = 1_000;

/**
 * A stream of at most this many events is read once: authorization's fold
 * (`currentAccount`) keeps its pages for the walk. A longer one is read again
 * page by page, never held whole (B5's memory bound).
 */
export const HISTORY_KEEP = 10_000;

/** A stream read in pages of HISTORY_PAGE events, oldest first; `first` is its first page, already read. */
export interface StreamPages {
  readonly first: readonly RecordedEvent[];
  /** True when `first` is the whole stream. */
  readonly whole: boolean;
  readonly streamId: string;
  readonly pageSize: number;
  /** Every page of the stream, once `currentAccount` has read them all and they came to `keep` events or fewer. */
  kept?: readonly (readonly RecordedEvent[])[];
  /** The most events `currentAccount` keeps (HISTORY_KEEP). */
  readonly keep: number;
}

/** The first page of the record's stream (undefined for users: the directory is its own, small, stream). */
export async function firstPage(
  store: EventStore,
  ref: RecordRef,
  pageSize = HISTORY_PAGE,
  keep = HISTORY_KEEP,
): Promise<StreamPages | undefined> {
  if (ref.kind === 'user') return undefined;
  const streamId = streamOf(ref);
  const first = await store.readStream(streamId, { limit: pageSize });
  return { first, whole: first.length < pageSize, streamId, pageSize, keep };
}

/** Every page of the stream in turn, the first one as already read (all of them, when kept). */
async function* pagesOf(store: EventStore, pages: StreamPages): AsyncGenerator<readonly RecordedEvent[]> {
  if (pages.kept !== undefined) {
    yield* pages.kept;
    return;
  }
  yield pages.first;
  if (pages.whole) return;
  let next = (pages.first.at(-1)?.version ?? 0) + 1;
  for (;;) {
    const page = await store.readStream(pages.streamId, { fromVersion: next, limit: pages.pageSize });
    if (page.length > 0) yield page;
    if (page.length < pages.pageSize) return;
    next = (page.at(-1)?.version ?? next) + 1;
  }
}

/**
 * Every change of the record, oldest first, one entry at a time: nothing of
 * the stream is held beyond the page being walked. None when the log never
 * held it. `pages`: the record's stream as `firstPage` began reading it.
 */
export async function* recordHistory(store: EventStore, ref: RecordRef, pages?: StreamPages): AsyncGenerator<HistoryEntry> {
  const usersEvents = await store.readStream(USERS_STREAM);
  if (ref.kind === 'user') {
    yield* walk(
      [usersEvents],
      usersAggregate,
      (users) => userView(users, ref.id),
      (event, before, after) => actorOf(event, before, after),
    );
    return;
  }
  const kind = ref.kind;
  const directory = new DirectoryCursor(usersEvents);
  const stream = pages ?? (await firstPage(store, ref));
  if (stream === undefined) return;
  // Names in both views of one event come from the same directory, so a rename elsewhere never shows up as a change here.
  let users = usersAggregate.initial();
  // The view after one event is the view before the next, unless the directory moved in between: computed once.
  let seen: { account: AccountState; users: UsersState; view: RecordView | null } | undefined;
  yield* walk(
    pagesOf(store, stream),
    accountAggregate,
    (account: AccountState) => {
      if (seen?.account !== account || seen.users !== users)
        seen = { account, users, view: accountRecordView(kind, account, users, ref.id) };
      return seen.view;
    },
    (event) => actorOf(event, users),
    (event) => {
      users = directory.before(event.position);
    },
  );
}

async function* walk<S, E extends { readonly type: HistoryEventType; readonly data: object }>(
  pages: AsyncIterable<readonly RecordedEvent[]> | Iterable<readonly RecordedEvent[]>,
  aggregate: Aggregate<S, E>,
  view: (state: S) => RecordView | null,
  actor: (event: RecordedEvent, before: S, after: S) => HistoryEntry['actor'],
  beforeEach?: (event: RecordedEvent) => void,
): AsyncGenerator<HistoryEntry> {
  let version = 0;
  let state = aggregate.initial();
  for await (const events of pages) {
    for (const event of events) {
      beforeEach?.(event);
      const before = view(state);
      const next = fold(aggregate, [event], state);
      const changes = diffViews(before, view(next));
      // Only an event of the aggregate's own types folds into a change.
      const type = aggregate.types.find((known) => known === event.type);
      if (type !== undefined && Object.keys(changes).length > 0) {
        version += 1;
        yield {
          version,
          type,
          at: event.metadata.at,
          actor: actor(event, state, next),
          changes,
          stream: event.streamId,
          streamVersion: event.version,
          eventId: event.id,
        };
      }
      state = next;
    }
  }
}

/** The record as it stood at `at` (ISO 8601), folded from the log up to that instant; null when it did not exist then. */
export async function recordAt(store: EventStore, ref: RecordRef, at: string): Promise<RecordView | null> {
  const users = fold(usersAggregate, await store.readStream(USERS_STREAM, { until: at }));
  if (ref.kind === 'user') return userView(users, ref.id);
  const account = fold(accountAggregate, await store.readStream(streamOf(ref), { until: at }));
  return accountRecordView(ref.kind, account, users, ref.id);
}

/** The client account holding an account record, folded to now (page by page): what authorization looks at. */
export async function currentAccount(store: EventStore, pages: StreamPages): Promise<AccountState> {
  let account = accountAggregate.initial();
  let kept: (readonly RecordedEvent[])[] | undefined = [];
  let events = 0;
  for await (const page of pagesOf(store, pages)) {
    account = fold(accountAggregate, page, account);
    events += page.length;
    // Past `keep` events the pages are let go at once: the walk reads them again.
    kept = kept !== undefined && events <= pages.keep ? [...kept, page] : undefined;
  }
  if (kept !== undefined) pages.kept = kept;
  return account;
}
