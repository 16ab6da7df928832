/**
 * Blue/green rebuilds: a projection's next tables are built beside the live
 * ones, from the start of the log, then switched in at once.
 *
 * 1. Under the projection's rebuild lock (projection-lock.ts), shadow tables
 *    `<table>__next` are created by the projection's own `createTables` (its
 *    version's shape), after dropping any a dead rebuild left.
 * 2. The log is replayed into them batch by batch: the projection's `apply`,
 *    unchanged, with its statements renamed to the shadow tables; rows are
 *    folded in memory within a batch and written in multi-row statements;
 *    one batch in memory at a time (REBUILD_BATCH_SIZE events per
 *    transaction unless told). The secondary indexes the projection's apply
 *    does not need are dropped from the shadow tables before the fill and
 *    created again after it (deferred-indexes.ts: bulk load, then index). The live tables keep being read and kept
 *    up to date by every other process meanwhile.
 * 3. The switch: the shadow tables become the live ones and the checkpoint
 *    becomes the shadow's position, with the new version, in one step:
 *    - SQLite: DROP the live table, ALTER TABLE ... RENAME the shadow, and
 *      the checkpoint update, in one transaction;
 *    - MySQL (DDL commits on its own): the checkpoint is written with a
 *      `swapping` mark, then one atomic `RENAME TABLE t TO t__old,
 *      t__next TO t`, then the mark is cleared and `t__old` dropped. While
 *      the mark is set nobody applies events to the projection; if the
 *      process dies in between, whoever takes the lock next sees the mark
 *      and finishes the switch (the renames are idempotent to check: the
 *      shadow is there or it is not).
 *
 * The shadow's position, not the head, is the new checkpoint: events that
 * arrived during the switch are applied by the next catch-up, to the new
 * tables. A crash anywhere before the switch leaves the live tables and
 * their checkpoint as they were; the next rebuild starts over.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { upcast } from '../../domain/upcasters.js';
import type { EventStore } from '../../events/event-store.js';
import type { Projection } from '../projection.js';
import type { Database, ProjectionStateRow } from '../read-db/database.js';
import type { ReadDb } from '../read-db/open-read-db.js';
import { retryOnDeadlock } from '../read-db/retry-on-deadlock.js';
import { existingTables } from '../read-db/schema-catalog.js';
import { RETIRED_SUFFIX, SHADOW_SUFFIX, shadowNaming } from '../read-db/table-ddl.js';
import { upsertRows } from '../read-db/upsert.js';
import { opened } from '../sealed.js';
import { createDeferredIndexes, dropSecondaryIndexes } from './deferred-indexes.js';
import type { RebuildLock } from './projection-lock.js';
import { acquireRebuildLock } from './projection-lock.js';
import { TableRenamePlugin } from './table-rename-plugin.js';

export interface RebuildProgress {
  /** The shadow's position: every event up to here is in it. */
  readonly position: number;
  /** The log's head when the rebuild started (the position grows past it if events keep coming). */
  readonly head: number;
  /** Events read so far. */
  readonly events: number;
  readonly elapsedMs: number;
}

export interface BlueGreenOptions {
  readonly batchSize: number;
  readonly now: () => Date;
  /** After every batch written to the shadow tables; the rebuild waits for a promise it returns. */
  readonly onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  /** How long to wait for another process's rebuild of the same projection; 0: fail at once (RebuildInProgress). */
  readonly lockWaitMs?: number;
  /** Only those whose stored version is not their code's, checked again under the lock (a schema change at catch-up). */
  readonly onlyIfStale?: boolean;
}

export interface BlueGreenResult {
  /** The projections switched to new tables. */
  readonly rebuilt: readonly string[];
  readonly events: number;
  readonly batches: number;
  /** Their checkpoint after the switch. */
  readonly position: number;
}

export async function rebuildBlueGreen(
  store: EventStore,
  readDb: ReadDb,
  targets: readonly Projection[],
  options: BlueGreenOptions,
): Promise<BlueGreenResult> {
  const { now } = options;
  const lock = await acquireRebuildLock(
    readDb,
    targets.map((p) => p.name),
    { waitMs: options.lockWaitMs ?? 0, now },
  );
  try {
    await finishSwitches(readDb, targets, now);
    let todo = targets;
    if (options.onlyIfStale) {
      const states = await readStates(
        readDb.db,
        targets.map((p) => p.name),
      );
      todo = targets.filter((p) => Number(states.get(p.name)?.version) !== p.version);
    }
    if (todo.length === 0) return { rebuilt: [], events: 0, batches: 0, position: 0 };

    const buildId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const naming = shadowNaming(buildId);
    const tables = todo.flatMap((p) => p.tables);
    for (const table of tables) {
      await readDb.db.schema.dropTable(naming.table(table)).ifExists().execute();
      await readDb.db.schema.dropTable(`${table}${RETIRED_SUFFIX}`).ifExists().execute();
    }
    for (const projection of todo) await projection.createTables(readDb.db, readDb.dialect, naming);
    // Bulk load, then index: the indexes apply does not read through are built once after the fill.
    const keep = new Set(todo.flatMap((p) => (p.fillIndexes ?? []).map((name) => naming.index(name))));
    const deferred = await dropSecondaryIndexes(
      readDb.db,
      readDb.dialect,
      tables.map((table) => naming.table(table)),
      keep,
    );

    const replay = await replayInto(store, readDb, todo, new Map(tables.map((table) => [table, naming.table(table)])), lock, options);
    await createDeferredIndexes(readDb.db, readDb.dialect, deferred);
    if (readDb.dialect === 'mysql')
      await sql`analyze table ${sql.join(tables.map((table) => sql.table(naming.table(table))))}`.execute(readDb.db);
    await switchIn(readDb, todo, { position: replay.position, hash: replay.hash }, buildId, now);
    return { rebuilt: todo.map((p) => p.name), events: replay.events, batches: replay.batches, position: replay.position };
  } finally {
    await lock.release();
  }
}

/** The whole log into the shadow tables, one transaction per batch (the lock refreshed with it). */
async function replayInto(
  store: EventStore,
  readDb: ReadDb,
  projections: readonly Projection[],
  renames: ReadonlyMap<string, string>,
  lock: RebuildLock,
  options: BlueGreenOptions,
): Promise<{ events: number; batches: number; position: number; hash: string | null }> {
  const shadow = readDb.db.withPlugin(new TableRenamePlugin(renames));
  const handled = projections.map((p) => ({ projection: p, types: new Set(p.handles) }));
  const started = performance.now();
  const head = await store.headPosition();
  let position = 0;
  let hash: string | null = null;
  let events = 0;
  let batches = 0;
  for (;;) {
    // Projections see every event in its current shape (older stored versions lifted here, as in catchUp).
    const read = await store.readAll({ after: position, limit: options.batchSize });
    const batch = read.map((event) => upcast(opened(event)));
    const lastEvent = read[read.length - 1];
    if (lastEvent === undefined) return { events, batches, position, hash };
    await retryOnDeadlock(() =>
      shadow.transaction().execute(async (trx) => {
        for (const { projection, types } of handled) {
          const mine = batch.filter((event) => types.has(event.type));
          if (mine.length > 0) await projection.apply(trx, mine, readDb.dialect);
        }
        await lock.refresh(trx);
      }),
    );
    position = lastEvent.position;
    hash = lastEvent.metadata.hash;
    events += batch.length;
    batches += 1;
    await options.onProgress?.({ position, head, events, elapsedMs: performance.now() - started });
  }
}

/** The shadow tables become the live ones, and the checkpoints the shadow's (see the file's comment). */
async function switchIn(
  readDb: ReadDb,
  projections: readonly Projection[],
  checkpoint: { readonly position: number; readonly hash: string | null },
  buildId: string,
  now: () => Date,
): Promise<void> {
  const at = now().toISOString();
  const states = projections.map((p) => ({
    name: p.name,
    version: p.version,
    position: checkpoint.position,
    hash: checkpoint.hash,
    rebuilt_at: at,
    updated_at: at,
    swapping: null as string | null,
  }));
  if (readDb.dialect === 'sqlite') {
    await readDb.db.transaction().execute(async (trx) => {
      for (const table of projections.flatMap((p) => p.tables)) {
        await trx.schema.dropTable(table).ifExists().execute();
        await trx.schema.alterTable(`${table}${SHADOW_SUFFIX}`).renameTo(table).execute();
      }
      await upsertRows(trx, 'sqlite', 'projection_state', states, { key: ['name'] });
    });
    return;
  }
  await retryOnDeadlock(() =>
    readDb.db.transaction().execute(async (trx) => {
      await upsertRows(
        trx,
        'mysql',
        'projection_state',
        states.map((state) => ({ ...state, swapping: buildId })),
        { key: ['name'] },
      );
    }),
  );
  await finishSwitches(readDb, projections, now);
}

/**
 * MySQL: completes the switches a `swapping` mark says are under way (the
 * caller holds these projections' rebuild lock). Nothing to do on SQLite.
 */
export async function finishSwitches(readDb: ReadDb, projections: readonly Projection[], now: () => Date): Promise<void> {
  if (readDb.dialect !== 'mysql') return;
  const states = await readStates(
    readDb.db,
    projections.map((p) => p.name),
  );
  const pending = projections.filter((p) => states.get(p.name)?.swapping != null);
  if (pending.length === 0) return;
  const at = now().toISOString();
  // One RENAME TABLE per build: group what each build was switching in.
  const builds = new Map<string, Projection[]>();
  for (const projection of pending) {
    const build = states.get(projection.name)?.swapping ?? '';
    builds.set(build, [...(builds.get(build) ?? []), projection]);
  }
  for (const [build, group] of builds) {
    const tables = group.flatMap((p) => p.tables);
    const existing = await existingTables(
      readDb.db,
      'mysql',
      tables.flatMap((t) => [t, `${t}${SHADOW_SUFFIX}`, `${t}${RETIRED_SUFFIX}`]),
    );
    // The shadows are there: the rename has not happened yet (it renames all of them or none).
    if (tables.every((t) => existing.has(`${t}${SHADOW_SUFFIX}`))) {
      for (const t of tables)
        if (existing.has(`${t}${RETIRED_SUFFIX}`)) await readDb.db.schema.dropTable(`${t}${RETIRED_SUFFIX}`).execute();
      const pairs = tables.flatMap((t) => [
        ...(existing.has(t) ? [sql`${sql.table(t)} to ${sql.table(`${t}${RETIRED_SUFFIX}`)}`] : []),
        sql`${sql.table(`${t}${SHADOW_SUFFIX}`)} to ${sql.table(t)}`,
      ]);
      await sql`rename table ${sql.join(pairs)}`.execute(readDb.db);
    }
    await readDb.db
      .updateTable('projection_state')
      .set({ swapping: null, updated_at: at })
      .where(
        'name',
        'in',
        group.map((p) => p.name),
      )
      .where('swapping', '=', build)
      .execute();
    for (const t of tables) await readDb.db.schema.dropTable(`${t}${RETIRED_SUFFIX}`).ifExists().execute();
  }
}

/** Takes the lock of projections a MySQL switch left marked (waiting for a running one), and finishes it. */
export async function completeSwitches(readDb: ReadDb, projections: readonly Projection[], now: () => Date, waitMs: number): Promise<void> {
  const lock = await acquireRebuildLock(
    readDb,
    projections.map((p) => p.name),
    { waitMs, now },
  );
  try {
    await finishSwitches(readDb, projections, now);
  } finally {
    await lock.release();
  }
}

export async function readStates(db: Kysely<Database>, names: readonly string[]): Promise<Map<string, ProjectionStateRow>> {
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('projection_state').selectAll().where('name', 'in', names).execute();
  return new Map(rows.map((row) => [row.name, row]));
}
