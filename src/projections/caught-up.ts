/**
 * Whether a catch-up would do nothing, known without the projector: every
 * command that reads asks first, and on a read side already at the head of
 * the log (the usual case) the projector, the five projections and the
 * rebuild's modules are never loaded (docs/performance.md, B1).
 */
import type { EventStore } from '../events/event-store.js';
import { PROJECTION_VERSIONS } from './projection-versions.js';
import type { ReadDb } from './read-db/open-read-db.js';

const NAMES = Object.keys(PROJECTION_VERSIONS) as (keyof typeof PROJECTION_VERSIONS)[];

/**
 * True when every projection's checkpoint is at the head of the log, with its
 * code's version, no switch under way, and the chain hash of the event the
 * log holds there (or none stored, a checkpoint older than migration 0004):
 * one SELECT of the checkpoints, the head and its event. Anything else (a
 * checkpoint missing, behind, beyond the head, on a log that diverged, of
 * another version, a switch left half done) is the projector's to handle and
 * report. Checkpoints first, head after, as the projector reads them.
 */
export async function caughtUp(store: EventStore, readDb: ReadDb): Promise<boolean> {
  const rows = await readDb.db
    .selectFrom('projection_state')
    .select(['name', 'version', 'position', 'hash', 'swapping'])
    .where('name', 'in', NAMES)
    .execute();
  if (rows.length !== NAMES.length) return false;
  const head = await store.headPosition();
  // BIGINT may come back as a string from a driver configured otherwise: Number() keeps the comparisons numeric.
  const atHead = rows.every(
    (row) =>
      Number(row.version) === PROJECTION_VERSIONS[row.name as keyof typeof PROJECTION_VERSIONS] &&
      row.swapping == null &&
      Number(row.position) === head,
  );
  if (!atHead) return false;
  if (head === 0 || rows.every((row) => row.hash === null)) return true;
  // The log's event at the head must be the one the tables saw last (a log replaced by another as long is not).
  const headEvent = await store.readAll({ after: head - 1, limit: 1 }).catch(() => []);
  const event = headEvent[0];
  return event?.position === head && rows.every((row) => row.hash === null || row.hash === event.metadata.hash);
}
