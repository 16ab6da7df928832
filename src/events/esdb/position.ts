/**
 * How the port's global positions (one number, "read after N") map onto
 * EventStoreDB's `$all` positions (a `{commit, prepare}` pair of byte offsets
 * in its transaction log).
 *
 * Assumptions, checked where events are decoded:
 * - every event was written through gRPC without an explicit transaction, so
 *   its commit and prepare positions are equal: the log offset of its record;
 * - the server fills the `$all` position of events read from a stream
 *   (EventStoreDB 22.10 and later);
 * - the log stays below 2^52 bytes (4 PiB), so every number is a safe integer.
 *
 * Why not the commit position itself: besides event positions, the server
 * hands out positions *between* records, `{commit: X, prepare: 0}`, meaning
 * "everything before the record at X" (the checkpoints of a filtered
 * subscription, and where a read that reached the end would resume). Resuming
 * from such a position must include the event at X, while resuming from an
 * event's own position must exclude it. One number per commit cannot say
 * both, so positions are doubled:
 *
 *     event at X (commit X = prepare X)   ->  2X + 1
 *     "before the record at X" (X, 0)     ->  2X
 *
 * The encoding keeps the order of `{commit, prepare}` pairs, "after 0" is the
 * start of the log, and "after 2X" (any event position minus one) reads from
 * the record at X inclusive. A number that encodes an offset that is not the
 * start of a record is refused by the server ("invalid position").
 */
import type { Position } from '@eventstore/db-client';

/** Offsets up to this bound keep 2X + 1 a safe integer. */
const MAX_OFFSET = 2n ** 52n;

/** The position of an event read from EventStoreDB, or undefined when the pair is not an event's own (see the assumptions above). */
export function eventPosition(position: Position | undefined): number | undefined {
  if (position === undefined || position.commit !== position.prepare || position.commit >= MAX_OFFSET || position.commit < 0n)
    return undefined;
  return Number(position.commit) * 2 + 1;
}

/**
 * The position of a subscription checkpoint: an event's own position, or
 * "before the record at commit" for any pair whose prepare is lower.
 */
export function checkpointPosition(position: Position): number | undefined {
  if (position.commit < 0n || position.commit >= MAX_OFFSET || position.prepare > position.commit) return undefined;
  // (0, 0) is the start of the log, before any record.
  if (position.commit === 0n) return 0;
  return Number(position.commit) * 2 + (position.prepare === position.commit ? 1 : 0);
}

/**
 * The server position that "after N" starts from: `start` for 0; the event's
 * own pair for an odd N (reads include it, so the reader skips it;
 * subscriptions start after it); `{X, 0}` for N = 2X, which includes the
 * record at X both ways.
 */
export function serverPosition(after: number): 'start' | Position {
  if (after === 0) return 'start';
  const offset = BigInt(Math.floor(after / 2));
  return after % 2 === 1 ? { commit: offset, prepare: offset } : { commit: offset, prepare: 0n };
}
