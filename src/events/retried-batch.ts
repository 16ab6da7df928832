import { Conflict } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { AppendResult, RecordedEvent } from './event-store.js';

/** What an adapter found recorded under the first event id of a batch. */
interface RecordedRun {
  /** The stream the id is recorded in. */
  readonly streamId: string;
  /** That stream's events from the one with the id on, in version order: as many as the batch has, fewer where the stream ends. */
  readonly events: readonly RecordedEvent[];
}

/**
 * Idempotent retries, one rule for every adapter. Event ids are deterministic
 * per command, so an append whose first event id is already recorded is a
 * retry of a command that did commit (its reply was lost, or the process died
 * after the commit): it returns the recorded result instead of writing the
 * events again or failing on the expected version. The retried batch must
 * carry the same ids in the same order (only ids are compared); the first id
 * recorded in another stream, or as the start of another batch, is a Conflict.
 *
 * Each adapter finds the run in its own way (an id index, the stream's tail)
 * and passes what it found: undefined when the first id is not recorded, so
 * the batch is new.
 */
export function retriedBatch(
  streamId: string,
  batch: readonly { readonly event: { readonly id: string } }[],
  found: RecordedRun | undefined,
): AppendResult | undefined {
  const first = batch[0]?.event.id;
  if (first === undefined || found === undefined) return undefined;
  if (found.streamId !== streamId)
    throw new Conflict(msg('store.eventInOtherStream', { eventId: first, streamId, otherStreamId: found.streamId }));
  const { events } = found;
  const last = events[events.length - 1];
  if (last === undefined || events.length !== batch.length || events.some((event, i) => event.id !== batch[i]?.event.id)) {
    throw new Conflict(msg('store.eventInOtherBatch', { eventId: first, streamId }));
  }
  return { version: last.version, position: last.position, events: [...events] };
}
