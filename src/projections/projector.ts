/**
 * The projector: reads the log from the projections' checkpoints and keeps
 * the read tables up to date.
 *
 * Each batch of events is applied in ONE transaction with the new
 * checkpoints, so a crash leaves every projection either before or after the
 * whole batch: nothing is half-applied, nothing applied twice. Two processes
 * catching up at once take turns: the batch transaction first locks the
 * checkpoint rows (a write), then checks they are still where this process
 * read them; if another process moved them, the batch is dropped and read
 * again from the new checkpoints.
 *
 * Before serving, each projection's stored version is compared with its
 * code's (one SELECT of the checkpoints, the cheap path every command takes);
 * one that differs is rebuilt blue/green first (blue-green.ts), and so is one
 * a MySQL switch left half done.
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { upcast } from '../domain/upcasters.js';
import { InvalidInput, PositionNotInLog } from '../errors.js';
import type { EventStore, RecordedEvent } from '../events/event-store.js';
import { msg } from '../i18n/message.js';
import { clientsProjection } from './clients-projection.js';
import { commandLogProjection } from './command-log-projection.js';
import { contractsProjection } from './contracts-projection.js';
import { MIGRATED_VERSIONS } from './migrations/index.js';
import { occasionsProjection } from './occasions-projection.js';
import type { Projection } from './projection.js';
import { isProjectionName, projectionNamed } from './projection-names.js';
import type { AnyTables, Database, ProjectionLockRow } from './read-db/database.js';
import type { ReadDb } from './read-db/open-read-db.js';
import { retryOnDeadlock } from './read-db/retry-on-deadlock.js';
import { existingTables } from './read-db/schema-catalog.js';
import { upsertRows } from './read-db/upsert.js';
import type { RebuildProgress } from './rebuild/blue-green.js';
import { completeSwitches, readStates, rebuildBlueGreen } from './rebuild/blue-green.js';
import { currentRebuilds } from './rebuild/projection-lock.js';
import { opened } from './sealed.js';
import { usersProjection } from './users-projection.js';

export type { Projection } from './projection.js';
export type { RebuildProgress } from './rebuild/blue-green.js';

export const PROJECTIONS: readonly Projection[] = [
  usersProjection,
  clientsProjection,
  contractsProjection,
  occasionsProjection,
  commandLogProjection,
];

export const DEFAULT_BATCH_SIZE = 1_000;

/**
 * Events per transaction of a rebuild (into empty shadow tables nobody
 * reads), unless a batch size is given: fewer commits, and more of a
 * record's events folded in memory before its row is written once. One
 * batch of events and its rows in memory at a time. 10,000 put the peak
 * RSS of a 1,000,000-event rebuild at 298–318 MB (B7's bound is 300 MB);
 * 5,000 keeps most of the gain over 1,000 (docs/performance.md).
 */
export const REBUILD_BATCH_SIZE = 5_000;

/**
 * After applying this many events in one catch-up, MySQL's index statistics
 * are refreshed: InnoDB recomputes them in the background, and until it has,
 * a freshly filled table looks empty to the optimizer, which then picks
 * table scans. (SQLite plans well here without statistics; stale ones would
 * do more harm.)
 */
const ANALYZE_AFTER_EVENTS = 10_000;

/**
 * The version a checkpoint gets when its tables already exist but it does
 * not: the version the migrations made them in (1 for a projection they do
 * not know). A projection whose tables do not exist yet starts at 0: built at once.
 */
function bootstrapVersion(name: string): number {
  return isProjectionName(name) ? MIGRATED_VERSIONS[name] : 1;
}

/** How long a catch-up waits for another process's rebuild of a projection it must serve (a schema change). */
const REBUILD_WAIT_MS = 10 * 60_000;

export interface CatchUpOptions {
  /** Events read (and applied in one transaction) at a time; default 1000. */
  readonly batchSize?: number;
  /** The projections to bring up to date; default all of PROJECTIONS. */
  readonly projections?: readonly Projection[];
  /** The clock for the checkpoints' timestamps. */
  readonly now?: () => Date;
  /** Stops between two batches (each batch commits whole, with its checkpoint). */
  readonly signal?: AbortSignal;
  /** Hears which projections were found beyond the head of the log, before they are rebuilt. */
  readonly onAheadOfLog?: (names: readonly string[]) => void;
  /**
   * Hears which projections saw another event at their checkpoint than the
   * log holds there (a log restored from an older backup, then appended to
   * again), before they are rebuilt.
   */
  readonly onDivergedFromLog?: (names: readonly string[]) => void;
  /** Hears which projections had rows but no checkpoint (its row deleted), before they are rebuilt. */
  readonly onCheckpointLost?: (names: readonly string[]) => void;
  /** Progress of a rebuild this catch-up runs (a projection's version changed). */
  readonly onRebuildProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface CatchUpResult {
  /** Events read from the log and applied (to the projections that handle them). */
  readonly events: number;
  /** Transactions committed. */
  readonly batches: number;
  /** The lowest checkpoint afterwards: every projection has applied the log up to here. */
  readonly position: number;
}

/** Brings the projections up to the head of the log. A projection whose stored version differs from its code is rebuilt first. */
export async function catchUp(store: EventStore, readDb: ReadDb, options: CatchUpOptions = {}): Promise<CatchUpResult> {
  const projections = options.projections ?? PROJECTIONS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const now = options.now ?? (() => new Date());
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  checkNames(projections);
  if (projections.length === 0) return { events: 0, batches: 0, position: await store.headPosition() };
  const names = projections.map((p) => p.name);
  const handled = new Map(projections.map((p) => [p.name, new Set(p.handles)]));

  const rebuildBatchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
  await prepare(store, readDb, projections, {
    batchSize: rebuildBatchSize,
    now,
    ...(options.onRebuildProgress && { onProgress: options.onRebuildProgress }),
    ...(options.onCheckpointLost && { onCheckpointLost: options.onCheckpointLost }),
  });
  let checkpoints = await readCheckpoints(readDb.db, names);
  let positions = positionsOf(checkpoints, names);
  let events = 0;
  let batches = 0;
  // Rebuilds of projections found ahead of the log or diverged from it: one round per catch-up (a second would chase a log being replaced).
  let repaired = false;
  for (;;) {
    const from = Math.min(...positions.values());
    if (options.signal?.aborted) return { events, batches, position: from };
    // Read from the checkpoint's own event (`after: from - 1` returns the first event at `from` or beyond, whatever the
    // positions' gaps): the one read every catch-up makes also says whether the log still holds what the tables saw.
    // A position the log does not have at all (EventStoreDB: not the start of a record) reads as nothing there: diverged.
    const limit = from > 0 ? batchSize + 1 : batchSize;
    const atCheckpoint =
      from === 0
        ? await store.readAll({ after: 0, limit })
        : repaired
          ? await store.readAll({ after: from - 1, limit })
          : await readAt(store, from, limit);
    const read = atCheckpoint ?? [];
    const complete = atCheckpoint !== null && read.length < limit;
    if (!repaired) {
      const found = await checkAgainstLog(store, checkpoints, read, complete);
      if (found.ahead.length > 0 || found.diverged.length > 0) {
        repaired = true;
        const ahead = projections.filter((p) => found.ahead.includes(p.name));
        const diverged = projections.filter((p) => found.diverged.includes(p.name));
        if (ahead.length > 0) options.onAheadOfLog?.(ahead.map((p) => p.name));
        if (diverged.length > 0) options.onDivergedFromLog?.(diverged.map((p) => p.name));
        await rebuildBlueGreen(store, readDb, [...ahead, ...diverged], { batchSize: rebuildBatchSize, now, lockWaitMs: REBUILD_WAIT_MS });
        checkpoints = await readCheckpoints(readDb.db, names);
        positions = positionsOf(checkpoints, names);
        batches += 1;
        continue;
      }
    }
    const fresh = read.filter((event) => event.position > from);
    // Projections see every event in its current shape (older stored versions lifted here, the one read point).
    const batch = fresh.map((event) => upcast(opened(event)));
    const lastEvent = fresh[fresh.length - 1];
    const last = lastEvent?.position;
    if (last === undefined) {
      if (readDb.dialect === 'mysql' && events >= ANALYZE_AFTER_EVENTS) await analyzeTables(readDb.db, projections);
      return { events, batches, position: from };
    }
    const lastHash = lastEvent?.metadata.hash ?? null;

    const expected = positions;
    const outcome = await retryOnDeadlock(() =>
      readDb.db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        // The lock: a write before any read, so concurrent projectors queue here (SQLite's write lock, InnoDB's row locks).
        await trx.updateTable('projection_state').set({ updated_at: at }).where('name', 'in', names).execute();
        const states = await readStates(trx, names);
        // A MySQL switch under way (or left by a dead rebuild): its tables are not to be written until it is done.
        const switching = projections.filter((p) => states.get(p.name)?.swapping != null);
        if (switching.length > 0) return { applied: false as const, switching };
        const current = positionsOf(states, names);
        if (!samePositions(current, expected)) return { applied: false as const, switching };
        for (const projection of projections) {
          const after = expected.get(projection.name) ?? 0;
          const types = handled.get(projection.name);
          const mine = batch.filter((event) => event.position > after && types?.has(event.type) === true);
          if (mine.length > 0) await projection.apply(trx, mine, readDb.dialect);
        }
        const behind = names.filter((name) => (expected.get(name) ?? 0) < last);
        await trx
          .updateTable('projection_state')
          .set({ position: last, hash: lastHash, updated_at: at })
          .where('name', 'in', behind)
          .execute();
        return { applied: true as const };
      }),
    );

    if (!outcome.applied) {
      if (outcome.switching.length > 0) await completeSwitches(readDb, outcome.switching, now, REBUILD_WAIT_MS);
      // Moved by another process (or switched to rebuilt tables): read where they stand and go on from there.
      await prepare(store, readDb, projections, { batchSize: rebuildBatchSize, now });
      checkpoints = await readCheckpoints(readDb.db, names);
      positions = positionsOf(checkpoints, names);
      continue;
    }
    const moved = new Map<string, Checkpoint>();
    for (const name of names) {
      const before = checkpoints.get(name) ?? { position: 0, hash: null };
      moved.set(name, before.position < last ? { position: last, hash: lastHash } : before);
    }
    checkpoints = moved;
    positions = positionsOf(checkpoints, names);
    events += batch.length;
    batches += 1;
    // The checkpoints now are this batch's own: nothing more to compare with the log in this catch-up.
    repaired = true;
  }
}

/**
 * Up to `limit` events from `position` on (`after: position - 1`: the event
 * there first, whatever the gaps between positions); null when the log has no
 * such position at all (EventStoreDB refuses an offset that is not the start
 * of a record: a checkpoint of another log than this one).
 */
async function readAt(store: EventStore, position: number, limit: number): Promise<RecordedEvent[] | null> {
  try {
    return await store.readAll({ after: position - 1, limit });
  } catch (error) {
    if (error instanceof PositionNotInLog) return null;
    throw error;
  }
}

/** Where a projection stands: its position, and the chain hash of the event it saw there (null: not known). */
interface Checkpoint {
  readonly position: number;
  readonly hash: string | null;
}

interface LogCheck {
  /** Checkpoints beyond the head of the log. */
  readonly ahead: readonly string[];
  /** Checkpoints at a position where the log holds another event than the projection saw, or none. */
  readonly diverged: readonly string[];
}

/**
 * Compares each checkpoint with the event the log holds at its position.
 * `read` is the catch-up's read from the lowest checkpoint's event on
 * (`complete`: it reached the end of the log); a checkpoint past what it
 * holds is looked up on its own (one read per position, only when the
 * projections do not all stand together, which is rare: a catch-up moves them together).
 * A stored hash of null (a checkpoint written before migration 0004) only
 * needs the event to be there.
 */
async function checkAgainstLog(
  store: EventStore,
  checkpoints: ReadonlyMap<string, Checkpoint>,
  read: readonly RecordedEvent[],
  complete: boolean,
): Promise<LogCheck> {
  const byPosition = new Map(read.map((event) => [event.position, event]));
  const lastRead = read[read.length - 1]?.position ?? 0;
  const ahead: string[] = [];
  const diverged: string[] = [];
  const looked = new Map<number, RecordedEvent | null>();
  for (const [name, { position, hash }] of checkpoints) {
    if (position === 0) continue;
    let event: RecordedEvent | null | undefined = byPosition.get(position);
    if (event === undefined && position > lastRead) {
      if (complete) {
        // Past the end of what the log holds: ahead of its head.
        ahead.push(name);
        continue;
      }
      if (!looked.has(position)) {
        const [found] = (await readAt(store, position, 1)) ?? [];
        looked.set(position, found?.position === position ? found : null);
      }
      event = looked.get(position);
      if (event === null) {
        // Nothing at that position: beyond the head, or a position this log never had.
        if (position > (await store.headPosition())) ahead.push(name);
        else diverged.push(name);
        continue;
      }
    }
    if (event === undefined || event === null || (hash !== null && event.metadata.hash !== hash)) diverged.push(name);
  }
  return { ahead, diverged };
}

export interface RebuildOptions extends CatchUpOptions {
  /** Only these projections (by name, or by a name a person uses: projection-names.ts); default every one of `projections`. */
  readonly names?: readonly string[];
  /** After every batch written to the shadow tables; the rebuild waits for a promise it returns. */
  readonly onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface RebuildResult extends CatchUpResult {
  /** The projections switched to freshly built tables. */
  readonly rebuilt: readonly string[];
}

/**
 * Rebuilds the named projections blue/green (blue-green.ts): their next
 * tables are built from the whole log beside the live ones, which keep
 * answering, then switched in at once. Then every projection is caught up.
 * Another process rebuilding one of them: RebuildInProgress (exit 6).
 */
export async function rebuild(store: EventStore, readDb: ReadDb, options: RebuildOptions = {}): Promise<RebuildResult> {
  const projections = options.projections ?? PROJECTIONS;
  const batchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
  const now = options.now ?? (() => new Date());
  checkNames(projections);
  const known = new Map(projections.map((p) => [p.name, p]));
  // A person may name a projection by the CLI's words (`events`, `log`, in English or French): the stored name is the code's.
  const named = (options.names ?? [...known.keys()]).map((name) => {
    const projection = known.get(name) ?? known.get(projectionNamed(name) ?? '');
    if (!projection) throw new InvalidInput(msg('readDb.unknownProjection', { name, known: [...known.keys()] }));
    return projection;
  });
  const targets = [...new Set(named)];
  await createMissingStates(readDb, projections, now);
  const built = await rebuildBlueGreen(store, readDb, targets, {
    batchSize,
    now,
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const after = await catchUp(store, readDb, options);
  return { rebuilt: built.rebuilt, events: built.events + after.events, batches: built.batches + after.batches, position: after.position };
}

export interface ProjectionStatus {
  readonly name: string;
  /** The version of the projection's code. */
  readonly version: number;
  /** The version its rows were built with (null: never run); a difference means a rebuild at the next catch-up. */
  readonly storedVersion: number | null;
  /** The checkpoint: global position of the last event applied. */
  readonly position: number;
  /** The log's head position. */
  readonly head: number;
  /** Events of the log after the checkpoint (counted up to BEHIND_COUNT_LIMIT; `behindAtLeast` says when there are more). */
  readonly behind: number;
  readonly behindAtLeast: boolean;
  readonly upToDate: boolean;
  readonly rebuiltAt: string | null;
  readonly updatedAt: string | null;
  /** The checkpoint is beyond the head: the tables hold events the log does not (restored from an older backup); the next command rebuilds them. */
  readonly aheadOfLog: boolean;
  /**
   * The log holds another event at the checkpoint than the one the projection
   * saw there (restored from an older backup, then appended to again): the
   * tables hold events the log no longer has; the next command rebuilds them.
   */
  readonly divergedFromLog: boolean;
  /** A rebuild running now (by whom, since when), or null. */
  readonly rebuilding: { readonly pid: number; readonly host: string; readonly since: string } | null;
}

/** Counting the events behind reads them: past this many, status says "at least". */
export const BEHIND_COUNT_LIMIT = 100_000;

/** Where each projection stands against the head of the log (`epic projection status`); changes nothing. */
export async function projectionStatus(
  store: EventStore,
  readDb: ReadDb,
  projections: readonly Projection[] = PROJECTIONS,
): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const rows = await readDb.db.selectFrom('projection_state').selectAll().execute();
  const stored = new Map(rows.map((row) => [row.name, row]));
  const rebuilds = await currentRebuilds(readDb);
  const positionOf = (name: string) => Number(stored.get(name)?.position ?? 0);
  const counts = await countBehind(
    store,
    projections.map((p) => positionOf(p.name)),
  );
  const checked = await checkAgainstLog(
    store,
    new Map(projections.map((p) => [p.name, { position: positionOf(p.name), hash: stored.get(p.name)?.hash ?? null }])),
    [],
    false,
  );
  return projections.map((projection) => {
    const row = stored.get(projection.name);
    const position = positionOf(projection.name);
    const behind = counts.behind(position);
    return {
      name: projection.name,
      version: projection.version,
      storedVersion: row ? Number(row.version) : null,
      position,
      head,
      behind: behind.count,
      behindAtLeast: behind.atLeast,
      upToDate:
        row !== undefined && Number(row.version) === projection.version && position === head && !checked.diverged.includes(projection.name),
      aheadOfLog: position > head,
      divergedFromLog: checked.diverged.includes(projection.name),
      rebuiltAt: row?.rebuilt_at ?? null,
      updatedAt: row?.updated_at ?? null,
      rebuilding: rebuildOf(rebuilds.get(projection.name)),
    };
  });
}

function rebuildOf(row: ProjectionLockRow | undefined): ProjectionStatus['rebuilding'] {
  return row ? { pid: Number(row.pid), host: row.host, since: row.acquired_at } : null;
}

/**
 * Positions may have gaps (EventStoreDB's are byte offsets), so the events
 * behind a checkpoint are counted, in one read from the lowest checkpoint,
 * up to BEHIND_COUNT_LIMIT events.
 */
async function countBehind(
  store: EventStore,
  checkpoints: readonly number[],
): Promise<{ behind(position: number): { count: number; atLeast: boolean } }> {
  const from = checkpoints.length === 0 ? 0 : Math.min(...checkpoints);
  const positions: number[] = [];
  let after = from;
  let complete = false;
  while (positions.length < BEHIND_COUNT_LIMIT) {
    const limit = Math.min(DEFAULT_BATCH_SIZE * 5, BEHIND_COUNT_LIMIT - positions.length);
    // A checkpoint this log does not have (EventStoreDB: another log's offset, `divergedFromLog`): counted from the start.
    const page = await store.readAll({ after, limit }).catch((error: unknown) => {
      if (!(error instanceof PositionNotInLog) || positions.length > 0) throw error;
      after = 0;
      return store.readAll({ after, limit });
    });
    for (const event of page) positions.push(event.position);
    const last = page[page.length - 1]?.position;
    if (last === undefined) {
      complete = true;
      break;
    }
    after = last;
  }
  return {
    behind(position) {
      // Positions are in order: the count is those past `position`, found by binary search.
      let low = 0;
      let high = positions.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((positions[middle] ?? 0) <= position) low = middle + 1;
        else high = middle;
      }
      return { count: positions.length - low, atLeast: !complete };
    },
  };
}

interface PrepareOptions {
  readonly batchSize: number;
  readonly now: () => Date;
  readonly onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  readonly onCheckpointLost?: (names: readonly string[]) => void;
}

/**
 * What must hold before a projection is served: its checkpoint exists, no
 * MySQL switch is left half done, and its stored version is its code's (else
 * it is rebuilt blue/green now, or this waits for the process that is
 * rebuilding it). The usual case costs one SELECT.
 */
async function prepare(store: EventStore, readDb: ReadDb, projections: readonly Projection[], options: PrepareOptions): Promise<void> {
  const names = projections.map((p) => p.name);
  let states = await readStates(readDb.db, names);
  if (projections.some((p) => !states.has(p.name))) {
    const lost = await createMissingStates(readDb, projections, options.now);
    if (lost.length > 0) options.onCheckpointLost?.(lost);
    states = await readStates(readDb.db, names);
  }
  const switching = projections.filter((p) => states.get(p.name)?.swapping != null);
  if (switching.length > 0) await completeSwitches(readDb, switching, options.now, REBUILD_WAIT_MS);
  const stale = projections.filter((p) => Number(states.get(p.name)?.version) !== p.version);
  if (stale.length > 0) await rebuildBlueGreen(store, readDb, stale, { ...options, onlyIfStale: true, lockWaitMs: REBUILD_WAIT_MS });
}

/**
 * Inserts the checkpoints that do not exist yet (insert-or-keep, so two
 * processes may race here): at 0, with the version of the tables there are.
 * Tables that already hold rows without a checkpoint (its row deleted) hold
 * events nobody can say: their checkpoint gets version 0, so they are rebuilt
 * before they serve (events applied again on top would count payments twice).
 * Returns the names of those.
 */
async function createMissingStates(readDb: ReadDb, projections: readonly Projection[], now: () => Date): Promise<string[]> {
  const stored = await readStates(
    readDb.db,
    projections.map((p) => p.name),
  );
  const missing = projections.filter((p) => !stored.has(p.name));
  if (missing.length === 0) return [];
  const tables = await existingTables(
    readDb.db,
    readDb.dialect,
    missing.flatMap((p) => p.tables),
  );
  const built = missing.filter((p) => p.tables.every((table) => tables.has(table)));
  const lost = new Set<string>();
  for (const projection of built) if (await holdsRows(readDb.db, projection.tables)) lost.add(projection.name);
  const at = now().toISOString();
  // In key order, the order the batch transactions lock these rows in: two projectors never wait on each other crosswise.
  const fresh = [...missing]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => ({
      name: p.name,
      version: p.tables.every((table) => tables.has(table)) && !lost.has(p.name) ? bootstrapVersion(p.name) : 0,
      position: 0,
      rebuilt_at: null,
      updated_at: at,
      swapping: null,
    }));
  await retryOnDeadlock(() =>
    readDb.db.transaction().execute((trx) => upsertRows(trx, readDb.dialect, 'projection_state', fresh, { key: ['name'], update: [] })),
  );
  return [...lost];
}

/** True when one of these tables holds a row (one indexed read each, on the rare path of a missing checkpoint). */
async function holdsRows(db: Kysely<Database>, tables: readonly string[]): Promise<boolean> {
  const any = db.withTables<AnyTables>();
  for (const table of tables) if ((await any.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).execute()).length > 0) return true;
  return false;
}

/**
 * Rebuilds, blue/green, the projections of a read database whose tables a
 * statement found damaged (MySQL: a table dropped, or a column): those whose
 * tables are not all there, or every one when they all are (a column gone is
 * not said by the catalog). Another process's rebuild of one is waited for.
 * Returns the names rebuilt.
 */
export async function repairTables(store: EventStore, readDb: ReadDb, options: { readonly now?: () => Date } = {}): Promise<string[]> {
  const now = options.now ?? (() => new Date());
  const tables = await existingTables(
    readDb.db,
    readDb.dialect,
    PROJECTIONS.flatMap((p) => p.tables),
  );
  const missing = PROJECTIONS.filter((p) => p.tables.some((table) => !tables.has(table)));
  const targets = missing.length > 0 ? missing : PROJECTIONS;
  await createMissingStates(readDb, PROJECTIONS, now);
  await rebuildBlueGreen(store, readDb, targets, { batchSize: REBUILD_BATCH_SIZE, now, lockWaitMs: REBUILD_WAIT_MS });
  return targets.map((p) => p.name);
}

async function analyzeTables(db: Kysely<Database>, projections: readonly Projection[]): Promise<void> {
  const tables = [...new Set(projections.flatMap((p) => p.tables))];
  if (tables.length > 0) await sql`analyze table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}

async function readCheckpoints(db: Kysely<Database>, names: readonly string[]): Promise<Map<string, Checkpoint>> {
  const states = await readStates(db, names);
  // BIGINT may come back as a string from a driver configured otherwise: Number() keeps the comparison numeric.
  return new Map(
    names.map((name) => {
      const state = states.get(name);
      return [name, { position: Number(state?.position ?? 0), hash: state?.hash ?? null }];
    }),
  );
}

function positionsOf(states: ReadonlyMap<string, { readonly position: number }>, names: readonly string[]): Map<string, number> {
  // BIGINT may come back as a string from a driver configured otherwise: Number() keeps the comparison numeric.
  return new Map(names.map((name) => [name, Number(states.get(name)?.position ?? 0)]));
}

function samePositions(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, position] of a) if (b.get(name) !== position) return false;
  return true;
}

function checkNames(projections: readonly Projection[]): void {
  const seen = new Set<string>();
  for (const projection of projections) {
    if (seen.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
    seen.add(projection.name);
  }
}
