/**
 * How far the read tables are behind the log, for commands that leave the
 * catching up to the follower (`EPIC_PROJECTIONS=external`, docs/scaling.md).
 *
 * The lag is a time: the age of the oldest event that not every projection
 * has applied yet (its `at`), 0 when they all stand at the head. Positions
 * cannot say it (EventStoreDB's are byte offsets), and a count of events
 * would say nothing to a user; "your listing may be 40 s old" does. It costs
 * one SELECT of the checkpoints and a read of one event. The `at` of an event
 * is its writer's clock: a workstation's clock ahead or behind shifts the
 * lag by as much (a negative age counts as 0).
 */

import { PositionNotInLog } from '../errors.js';
import type { EventStore } from '../events/event-store.js';
import { PROJECTIONS, type Projection } from './projector.js';
import type { ReadDb } from './read-db/open-read-db.js';
import { readStates } from './rebuild/blue-green.js';

export interface ReadSideLag {
  /** Age in milliseconds of the oldest event not applied by every projection; 0 when they are at the head. */
  readonly ms: number;
  /** The lowest checkpoint: every projection has applied the log up to here. */
  readonly position: number;
  /** Projections never built in this read database (no checkpoint, or one at version 0). */
  readonly unbuilt: readonly string[];
  /** Projections whose tables another version of the code built (the follower runs another version). */
  readonly otherVersion: readonly string[];
}

/** Where the read tables stand; reads only. */
export async function readSideLag(
  store: EventStore,
  readDb: ReadDb,
  now: () => Date,
  projections: readonly Projection[] = PROJECTIONS,
): Promise<ReadSideLag> {
  const states = await readStates(
    readDb.db,
    projections.map((p) => p.name),
  );
  const unbuilt: string[] = [];
  const otherVersion: string[] = [];
  let position = Number.MAX_SAFE_INTEGER;
  for (const projection of projections) {
    const state = states.get(projection.name);
    const version = Number(state?.version ?? 0);
    if (state === undefined || version === 0) unbuilt.push(projection.name);
    else if (version !== projection.version) otherVersion.push(projection.name);
    position = Math.min(position, Number(state?.position ?? 0));
  }
  if (projections.length === 0) position = 0;
  // A checkpoint this log does not have (EventStoreDB: another log's offset): the follower rebuilds; until then all of it is behind.
  const [oldest] = await store.readAll({ after: position, limit: 1 }).catch((error: unknown) => {
    if (error instanceof PositionNotInLog) return store.readAll({ after: 0, limit: 1 });
    throw error;
  });
  const ms = oldest === undefined ? 0 : Math.max(0, now().getTime() - Date.parse(oldest.metadata.at));
  return { ms, position, unbuilt, otherVersion };
}

export interface WaitOptions {
  /** How long to wait at most. */
  readonly timeoutMs: number;
  /** Between two looks at the checkpoints; default 50 ms. */
  readonly pollMs?: number;
  readonly projections?: readonly Projection[];
}

/** Waits until every projection's checkpoint has reached `position` (true), or `timeoutMs` went by (false). */
export async function waitForReadSide(readDb: ReadDb, position: number, options: WaitOptions): Promise<boolean> {
  const names = (options.projections ?? PROJECTIONS).map((p) => p.name);
  const pollMs = options.pollMs ?? 50;
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const states = await readStates(readDb.db, names);
    if (names.every((name) => Number(states.get(name)?.position ?? 0) >= position)) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
  }
}
