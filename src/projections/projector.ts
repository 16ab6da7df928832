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
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { upcast } from '../domain/upcasters.js';
import { InvalidInput } from '../errors.js';
import type { EventStore } from '../events/event-store.js';
import { clientsProjection } from './clients-projection.js';
import { commandLogProjection } from './command-log-projection.js';
import { contractsProjection } from './contracts-projection.js';
import type { Database, ProjectionStateRow, TableName } from './database.js';
import { occasionsProjection } from './occasions-projection.js';
import type { ReadDb } from './open-read-db.js';
import type { Projection } from './projection.js';
import { upsertRows } from './upsert.js';
import { usersProjection } from './users-projection.js';

export type { Projection } from './projection.js';

export const PROJECTIONS: readonly Projection[] = [
  usersProjection,
  clientsProjection,
  contractsProjection,
  occasionsProjection,
  commandLogProjection,
];

export const DEFAULT_BATCH_SIZE = 1_000;

/**
 * After applying this many events in one catch-up, MySQL's index statistics
 * are refreshed: InnoDB recomputes them in the background, and until it has,
 * a freshly filled table looks empty to the optimizer, which then picks
 * table scans. (SQLite plans well here without statistics; stale ones would
 * do more harm.)
 */
const ANALYZE_AFTER_EVENTS = 10_000;

export interface CatchUpOptions {
  /** Events read (and applied in one transaction) at a time; default 1000. */
  readonly batchSize?: number;
  /** The projections to bring up to date; default all of PROJECTIONS. */
  readonly projections?: readonly Projection[];
  /** The clock for the checkpoints' timestamps. */
  readonly now?: () => Date;
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

  let positions = await prepare(readDb, projections, [], now);
  let events = 0;
  let batches = 0;
  for (;;) {
    const from = Math.min(...positions.values());
    // Projections see every event in its current shape (older stored versions lifted here, the one read point).
    const batch = (await store.readAll({ after: from, limit: batchSize })).map(upcast);
    const last = batch[batch.length - 1]?.position;
    if (last === undefined) {
      if (readDb.dialect === 'mysql' && events >= ANALYZE_AFTER_EVENTS) await analyzeTables(readDb.db, projections);
      return { events, batches, position: from };
    }

    const expected = positions;
    const outcome = await retryOnDeadlock(() => readDb.db.transaction().execute(async (trx) => {
      const at = now().toISOString();
      // The lock: a write before any read, so concurrent projectors queue here (SQLite's write lock, InnoDB's row locks).
      await trx.updateTable('projection_state').set({ updated_at: at }).where('name', 'in', names).execute();
      const current = await readPositions(trx, names);
      if (!samePositions(current, expected)) return { applied: false as const, current };
      for (const projection of projections) {
        const after = expected.get(projection.name) ?? 0;
        const types = handled.get(projection.name);
        const mine = batch.filter((event) => event.position > after && types?.has(event.type) === true);
        if (mine.length > 0) await projection.apply(trx, mine, readDb.dialect);
      }
      const behind = names.filter((name) => (expected.get(name) ?? 0) < last);
      await trx.updateTable('projection_state').set({ position: last, updated_at: at }).where('name', 'in', behind).execute();
      return { applied: true as const };
    }));

    if (!outcome.applied) {
      positions = outcome.current;
      continue;
    }
    positions = new Map(names.map((name) => [name, Math.max(expected.get(name) ?? 0, last)]));
    events += batch.length;
    batches += 1;
  }
}

export interface RebuildOptions extends CatchUpOptions {
  /** Only these projections (by name); default every one of `projections`. */
  readonly names?: readonly string[];
}

/**
 * Clears the tables of the named projections and replays the whole log into
 * them (then catches the others up too). The clearing and the reset of the
 * checkpoints are one transaction; readers see the tables fill up again
 * batch by batch.
 */
export async function rebuild(store: EventStore, readDb: ReadDb, options: RebuildOptions = {}): Promise<CatchUpResult> {
  const projections = options.projections ?? PROJECTIONS;
  checkNames(projections);
  const known = new Map(projections.map((p) => [p.name, p]));
  const names = options.names ?? [...known.keys()];
  const targets = names.map((name) => {
    const projection = known.get(name);
    if (!projection) throw new InvalidInput(`unknown projection ${JSON.stringify(name)}: expected one of ${[...known.keys()].join(', ')}`);
    return projection;
  });
  await prepare(readDb, projections, targets, options.now ?? (() => new Date()));
  return catchUp(store, readDb, options);
}

export interface ProjectionStatus {
  readonly name: string;
  /** The version of the projection's code. */
  readonly version: number;
  /** The version its rows were built with (null: never run); a difference means a rebuild at the next catch-up. */
  readonly storedVersion: number | null;
  readonly position: number;
  /** The log's head position. */
  readonly head: number;
  readonly upToDate: boolean;
  readonly rebuiltAt: string | null;
  readonly updatedAt: string | null;
}

/** Where each projection stands against the head of the log (`epic projection status`). */
export async function projectionStatus(store: EventStore, readDb: ReadDb, projections: readonly Projection[] = PROJECTIONS): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const rows = await readDb.db.selectFrom('projection_state').selectAll().execute();
  const stored = new Map(rows.map((row) => [row.name, row]));
  return projections.map((projection) => {
    const row = stored.get(projection.name);
    const position = Number(row?.position ?? 0);
    return {
      name: projection.name,
      version: projection.version,
      storedVersion: row ? Number(row.version) : null,
      position,
      head,
      upToDate: row !== undefined && Number(row.version) === projection.version && position >= head,
      rebuiltAt: row?.rebuilt_at ?? null,
      updatedAt: row?.updated_at ?? null,
    };
  });
}

/**
 * In one transaction: creates the missing checkpoints, resets (clears the
 * tables of, and moves back to 0) the projections in `reset` and those whose
 * stored version is not their code's. Returns the checkpoints.
 */
async function prepare(readDb: ReadDb, projections: readonly Projection[], reset: readonly Projection[], now: () => Date): Promise<Map<string, number>> {
  const names = projections.map((p) => p.name);
  return retryOnDeadlock(() => readDb.db.transaction().execute(async (trx) => {
    const at = now().toISOString();
    // In key order, the order the batch transactions lock these rows in: two projectors never wait on each other crosswise.
    const fresh = [...projections]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((p) => ({ name: p.name, version: p.version, position: 0, rebuilt_at: null, updated_at: at }));
    // Insert-or-keep is the first statement, a write: it takes the lock before the checkpoints are read.
    await upsertRows(trx, readDb.dialect, 'projection_state', fresh, { key: ['name'], update: [] });
    const stored = await readStates(trx, names);
    const resetNames = new Set(reset.map((p) => p.name));
    const stale = projections.filter((p) => resetNames.has(p.name) || Number(stored.get(p.name)?.version) !== p.version);
    for (const projection of stale) {
      for (const table of projection.tables) await clearTable(trx, table);
      await trx
        .updateTable('projection_state')
        .set({ version: projection.version, position: 0, rebuilt_at: at, updated_at: at })
        .where('name', '=', projection.name)
        .execute();
    }
    return readPositions(trx, names);
  }));
}

const MAX_DEADLOCK_RETRIES = 5;

/**
 * Runs a transaction again when MySQL chose it as a deadlock victim (two
 * projectors creating the same checkpoint rows at once can meet there): the
 * transaction was rolled back whole, so running it again is safe.
 */
async function retryOnDeadlock<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== 'ER_LOCK_DEADLOCK' || attempt >= MAX_DEADLOCK_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}

async function analyzeTables(db: Kysely<Database>, projections: readonly Projection[]): Promise<void> {
  const tables = [...new Set(projections.flatMap((p) => p.tables))];
  if (tables.length > 0) await sql`analyze table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}

async function clearTable(trx: Kysely<Database>, table: TableName): Promise<void> {
  if (table === 'projection_state') throw new Error('a projection cannot own projection_state');
  await trx.deleteFrom(table).execute();
}

async function readStates(db: Kysely<Database>, names: readonly string[]): Promise<Map<string, ProjectionStateRow>> {
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('projection_state').selectAll().where('name', 'in', names).execute();
  return new Map(rows.map((row) => [row.name, row]));
}

async function readPositions(db: Kysely<Database>, names: readonly string[]): Promise<Map<string, number>> {
  const states = await readStates(db, names);
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
