/**
 * One rebuild of a projection at a time, across processes and machines.
 *
 * Each projection being rebuilt has a row in `projection_lock`: who holds it
 * (a random token, the host and pid, for the message the next one reads) and
 * until when. The holder refreshes the expiry with every batch it writes and
 * deletes the row when done.
 *
 * - SQLite: the row is the lock. Taking it is one write transaction (SQLite
 *   has a single writer), so two processes cannot both take it. A row left by
 *   a process that died is taken over at once on the same host (its pid is
 *   gone), or once it has expired.
 * - MySQL: the lock is `GET_LOCK` on a connection reserved for the holder;
 *   the server releases it the moment that connection ends, so a killed
 *   process never blocks the next. The row is only the holder's description.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { Conflict } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { Database, ProjectionLockRow } from '../read-db/database.js';
import type { ReadDb } from '../read-db/open-read-db.js';
import { upsertRows } from '../read-db/upsert.js';

/** A holder that stopped refreshing its row for this long is taken to be gone. */
export const LOCK_TTL_MS = 60_000;
const POLL_MS = 100;

/** Someone else is rebuilding: exit 6, with who and since when. */
export class RebuildInProgress extends Conflict {
  constructor(
    readonly projection: string,
    readonly holder: ProjectionLockRow | undefined,
  ) {
    super(
      msg('readDb.rebuildInProgress', {
        projection,
        holder: holder ? { pid: holder.pid, host: holder.host, since: holder.acquired_at } : null,
      }),
    );
  }
}

export interface RebuildLock {
  readonly names: readonly string[];
  /** Pushes the expiry further, in the caller's transaction (one statement). */
  refresh(db: Kysely<Database>): Promise<void>;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a holder to finish; 0 (default): fail at once with RebuildInProgress. */
  readonly waitMs?: number;
  readonly now?: () => Date;
}

/** Takes the locks of every named projection, or none (RebuildInProgress names the first one held). */
export async function acquireRebuildLock(readDb: ReadDb, names: readonly string[], options: LockOptions = {}): Promise<RebuildLock> {
  const now = options.now ?? (() => new Date());
  const deadline = Date.now() + (options.waitMs ?? 0);
  // Sorted: two processes locking overlapping sets take them in the same order.
  const sorted = [...new Set(names)].sort();
  const owner = randomBytes(12).toString('hex');
  for (;;) {
    const outcome = readDb.dialect === 'mysql' ? await tryMysql(readDb, sorted, owner, now) : await trySqlite(readDb, sorted, owner, now);
    if ('lock' in outcome) return outcome.lock;
    if (Date.now() >= deadline) throw new RebuildInProgress(outcome.held, await holderOf(readDb.db, outcome.held));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

type Attempt = { readonly lock: RebuildLock } | { readonly held: string };

function lockRows(names: readonly string[], owner: string, now: () => Date) {
  const at = now();
  return names.map((name) => ({
    name,
    owner,
    host: hostname().slice(0, 255),
    pid: process.pid,
    acquired_at: at.toISOString(),
    expires_at: new Date(at.getTime() + LOCK_TTL_MS).toISOString(),
  }));
}

function refresher(owner: string, names: readonly string[], now: () => Date): RebuildLock['refresh'] {
  return async (db) => {
    const expires = new Date(now().getTime() + LOCK_TTL_MS).toISOString();
    await db.updateTable('projection_lock').set({ expires_at: expires }).where('name', 'in', names).where('owner', '=', owner).execute();
  };
}

async function trySqlite(readDb: ReadDb, names: readonly string[], owner: string, now: () => Date): Promise<Attempt> {
  const held = await readDb.db.transaction().execute(async (trx) => {
    // A write first: the check and the take happen under SQLite's write lock.
    await trx.updateTable('projection_lock').set({ owner: sql`owner` }).where('name', 'in', names).execute();
    const rows = await trx.selectFrom('projection_lock').selectAll().where('name', 'in', names).execute();
    const live = rows.find((row) => isAlive(row, now()));
    if (live) return live.name;
    await upsertRows(trx, 'sqlite', 'projection_lock', lockRows(names, owner, now), { key: ['name'] });
    return undefined;
  });
  if (held !== undefined) return { held };
  return {
    lock: {
      names,
      refresh: refresher(owner, names, now),
      async release() {
        await readDb.db.deleteFrom('projection_lock').where('name', 'in', names).where('owner', '=', owner).execute();
      },
    },
  };
}

/** A row whose holder still runs: not expired, and on this host, its process still exists. */
function isAlive(row: ProjectionLockRow, now: Date): boolean {
  if (Date.parse(row.expires_at) <= now.getTime()) return false;
  if (row.host !== hostname().slice(0, 255)) return true;
  try {
    process.kill(Number(row.pid), 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user. ESRCH: it is gone.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

async function tryMysql(readDb: ReadDb, names: readonly string[], owner: string, now: () => Date): Promise<Attempt> {
  const { conn, end } = await reserveConnection(readDb.db);
  const taken: string[] = [];
  let database = '';
  const lockName = (name: string) => serverLockName(database, name);
  try {
    database = (await sql<{ name: string }>`select database() as name`.execute(conn)).rows[0]?.name ?? '';
    for (const name of names) {
      const { rows } = await sql<{ got: number | null }>`select get_lock(${lockName(name)}, 0) as got`.execute(conn);
      if (Number(rows[0]?.got) !== 1) {
        for (const mine of taken) await sql`select release_lock(${lockName(mine)})`.execute(conn);
        await end();
        return { held: name };
      }
      taken.push(name);
    }
    await upsertRows(readDb.db, 'mysql', 'projection_lock', lockRows(names, owner, now), { key: ['name'] });
    return {
      lock: {
        names,
        refresh: refresher(owner, names, now),
        async release() {
          try {
            await readDb.db.deleteFrom('projection_lock').where('name', 'in', names).where('owner', '=', owner).execute();
            for (const name of names) await sql`select release_lock(${lockName(name)})`.execute(conn);
          } finally {
            await end();
          }
        },
      },
    };
  } catch (error) {
    // The error is what matters; a lock that will not release now goes when the connection ends.
    for (const mine of taken) await sql`select release_lock(${lockName(mine)})`.execute(conn).catch(() => undefined);
    await end();
    throw error;
  }
}

/** GET_LOCK names are server-wide (at most 64 characters): the database's name keeps two CRMs on one server apart. */
function serverLockName(database: string, projection: string): string {
  const name = `epic:${database}:projection:${projection}`;
  return name.length <= 64 ? name : `epic:projection:${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
}

/** One pooled connection kept for the caller until `end()`: session state (GET_LOCK) lives on it. */
function reserveConnection(db: Kysely<Database>): Promise<{ conn: Kysely<Database>; end(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolveFinished) => {
      finish = resolveFinished;
    });
    let settled = false;
    const held = db.connection().execute(async (conn) => {
      settled = true;
      resolve({
        conn,
        end: async () => {
          finish();
          await held;
        },
      });
      await finished;
    });
    held.catch((error: unknown) => {
      if (!settled) reject(error);
    });
  });
}

async function holderOf(db: Kysely<Database>, name: string): Promise<ProjectionLockRow | undefined> {
  return db.selectFrom('projection_lock').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Who rebuilds what right now (rows of live holders), for `epic projection status`. */
export async function currentRebuilds(readDb: ReadDb, now: Date = new Date()): Promise<Map<string, ProjectionLockRow>> {
  const rows = await readDb.db.selectFrom('projection_lock').selectAll().execute();
  const live = new Map<string, ProjectionLockRow>();
  let database: string | undefined;
  for (const row of rows) {
    if (readDb.dialect === 'sqlite') {
      if (isAlive(row, now)) live.set(row.name, row);
      continue;
    }
    // A row left by a killed process stays; its GET_LOCK does not.
    database ??= (await sql<{ name: string }>`select database() as name`.execute(readDb.db)).rows[0]?.name ?? '';
    const { rows: used } = await sql<{
      holder: number | null;
    }>`select is_used_lock(${serverLockName(database, row.name)}) as holder`.execute(readDb.db);
    if (used[0]?.holder !== null && used[0]?.holder !== undefined) live.set(row.name, row);
  }
  return live;
}
