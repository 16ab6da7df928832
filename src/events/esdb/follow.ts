/**
 * Following the log on EventStoreDB: a catch-up subscription to `$all`,
 * filtered on the server, with checkpoints. The projector's follow mode
 * (`epic projection run --follow`) applies each event and stores, with its
 * rows, the position of the last message it handled: an event's position, or
 * a checkpoint's. Restarting with `after` set to that position resumes
 * exactly there: nothing is missed, nothing is applied twice.
 *
 *     for await (const message of store.followAll({ after, signal })) {
 *       if (message.kind === 'event') apply(message.event);
 *       if (message.kind !== 'caught-up') checkpoint = message.kind === 'event' ? message.event.position : message.position;
 *     }
 *
 * Messages come in log order: a checkpoint is only handed out once every
 * event before it has been, and positions only grow.
 *
 * The server-side filter: with `types`, an event-type filter; without, a
 * stream-name filter that leaves out system streams and the credential
 * streams. Checkpoints then advance through stretches of filtered-out events
 * (every `checkpointInterval` x `maxSearchWindow` events the server looked at).
 *
 * Where the subscription starts: servers up to 23.10 start a filtered
 * subscription from a position by skipping the first *matching* event at or
 * after it, which is only "exclusive" when that position is a matching
 * event's own; later servers start strictly after the position. To be right
 * on both, the subscription starts from the last matching event at or before
 * `after` (or the start of the log), found with a short backward read, and
 * the events up to `after` that it repeats are dropped here.
 *
 * The iteration ends when `signal` aborts; it throws BackendUnavailable when
 * the server cannot be reached or does not confirm within the timeout, or
 * when the subscription breaks (resume from the last stored position).
 */
import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  eventTypeFilter,
  type Filter,
  FORWARDS,
  type Position,
  streamNameFilter,
} from '@eventstore/db-client';
import { BackendUnavailable } from '../../errors.js';
import { msg } from '../../i18n/message.js';
import type { RecordedEvent } from '../event-store.js';
import { toBackendError } from './backend-error.js';
import type { EsdbConnection } from './connection.js';
import { CREDENTIALS_STREAM_PREFIX, isLogEvent, KEYS_STREAM_PREFIX, logPosition, toRecordedEvent } from './event-codec.js';
import { checkpointPosition, serverPosition } from './position.js';

export interface FollowOptions {
  /** Exclusive position to follow after (an event's or a checkpoint's); 0 for the beginning of the log. */
  readonly after: number;
  /** Only events of these types (filtered on the server); default every event of the log. */
  readonly types?: readonly string[];
  /** Ends the iteration (without error) when aborted. */
  readonly signal?: AbortSignal;
  /** A checkpoint every `checkpointInterval` search windows; default 1. */
  readonly checkpointInterval?: number;
  /** How many events the server looks at per search window; default the server's (32). */
  readonly maxSearchWindow?: number;
}

export type FollowMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Every event up to `position` has been handed out or filtered out: store it as the checkpoint. */
  | { readonly kind: 'checkpoint'; readonly position: number }
  /** Everything recorded so far has been handed out; what follows is live (servers from 23.10 on say so). */
  | { readonly kind: 'caught-up' };

/** Something that can follow the log; EsdbEventStore is one. */
export interface LogFollower {
  followAll(options: FollowOptions): AsyncIterable<FollowMessage>;
}

export function followAll(connection: EsdbConnection, options: FollowOptions): AsyncIterable<FollowMessage> {
  const { after, checkpointInterval = 1, maxSearchWindow } = options;
  if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`followAll: after must be a non-negative integer, got ${after}`);
  if (!Number.isSafeInteger(checkpointInterval) || checkpointInterval < 1) {
    throw new RangeError(`followAll: checkpointInterval must be a positive integer, got ${checkpointInterval}`);
  }
  if (maxSearchWindow !== undefined && !(Number.isSafeInteger(maxSearchWindow) && maxSearchWindow >= 1)) {
    throw new RangeError(`followAll: maxSearchWindow must be a positive integer, got ${maxSearchWindow}`);
  }
  return { [Symbol.asyncIterator]: () => follow(connection, options) };
}

/** What the server filter lets through, and the same test here (for the start position). */
interface ServerFilter {
  readonly on: 'stream' | 'type';
  readonly regex: string;
  matches(streamId: string, type: string): boolean;
}

function serverFilter(types: readonly string[] | undefined): ServerFilter {
  if (types === undefined) {
    const regex = `^(?!\\$|${escapeRegex(CREDENTIALS_STREAM_PREFIX)}|${escapeRegex(KEYS_STREAM_PREFIX)})`;
    const compiled = new RegExp(regex);
    return { on: 'stream', regex, matches: (streamId) => compiled.test(streamId) };
  }
  // No type at all: a pattern that matches nothing.
  const regex = types.length === 0 ? '(?!)' : `^(?:${types.map(escapeRegex).join('|')})$`;
  const compiled = new RegExp(regex);
  return { on: 'type', regex, matches: (_streamId, type) => compiled.test(type) };
}

/** Escapes what is special in both JavaScript and .NET regular expressions. */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|#\s-]/g, (c) => `\\${c}`);
}

type Marker = { readonly kind: 'checkpoint'; readonly position: Position } | { readonly kind: 'caught-up' };

async function* follow(connection: EsdbConnection, options: FollowOptions): AsyncGenerator<FollowMessage> {
  const { after, types, signal, checkpointInterval = 1, maxSearchWindow } = options;
  if (signal?.aborted === true) return;
  const what = `follow $all after ${after}`;
  const filter = serverFilter(types);
  const wanted = types === undefined ? undefined : new Set(types);
  const start = await startPosition(connection, after, filter);

  // Everything the subscription hands over, in order: events it pushed, and markers
  // (checkpoints, caught-up) that wait until the events pushed before them are read.
  const ready: Array<AllStreamResolvedEvent | Marker> = [];
  const markers: Array<{ readonly at: number; readonly marker: Marker }> = [];
  let consumed = 0;
  let failure: unknown;
  let ended = false;
  let aborted = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const release = () => {
    for (let next = markers[0]; next !== undefined && next.at <= consumed; next = markers[0]) {
      markers.shift();
      ready.push(next.marker);
    }
  };

  const handle = connection.current();
  const filterOptions = {
    regex: filter.regex,
    checkpointInterval,
    ...(maxSearchWindow === undefined ? {} : { maxSearchWindow }),
    // Runs inside the client's transform, before it pushes anything later: the events
    // pushed before this checkpoint are exactly those consumed so far plus those buffered.
    checkpointReached: (_subscription: unknown, position: Position) => {
      markers.push({ at: consumed + subscription.readableLength, marker: { kind: 'checkpoint', position } });
      release();
      notify();
    },
  };
  const subscriptionFilter: Filter = filter.on === 'stream' ? streamNameFilter(filterOptions) : eventTypeFilter(filterOptions);
  let subscription: ReturnType<typeof handle.client.subscribeToAll>;
  try {
    subscription = handle.client.subscribeToAll({ fromPosition: start, filter: subscriptionFilter });
  } catch (error) {
    throw toBackendError(error, what);
  }
  const confirmed = new Promise<void>((resolve, reject) => {
    subscription.once('confirmation', () => resolve());
    subscription.once('error', reject);
    subscription.once('end', () => reject(new BackendUnavailable(msg('store.esdb.subscriptionUnconfirmed', { what }))));
  });
  subscription.on('readable', notify);
  subscription.on('error', (error: unknown) => {
    failure = error;
    notify();
  });
  subscription.on('end', () => {
    ended = true;
    notify();
  });
  subscription.on('caughtUp', () => {
    markers.push({ at: consumed + subscription.readableLength, marker: { kind: 'caught-up' } });
    release();
    notify();
  });
  const onAbort = () => {
    aborted = true;
    notify();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    try {
      await connection.within(what, handle, confirmed);
    } catch (error) {
      if (aborted) return;
      throw toBackendError(error, what);
    }
    let last = after;
    for (;;) {
      if (aborted) return;
      if (ready.length === 0) {
        // Pull what the client buffered; markers waiting for those events follow them.
        // read() is typed `any`: the subscription is in object mode and pushes only resolved events.
        for (let item: AllStreamResolvedEvent | null = subscription.read(); item !== null; item = subscription.read()) {
          consumed += 1;
          ready.push(item);
          release();
        }
      }
      const item = ready.shift();
      if (item === undefined) {
        if (failure !== undefined) throw toBackendError(failure, what);
        if (ended || handle.retired) throw new BackendUnavailable(msg('store.esdb.subscriptionEnded', { what }));
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if ('kind' in item) {
        if (item.kind === 'caught-up') {
          yield item;
          continue;
        }
        const position = checkpointPosition(item.position);
        if (position !== undefined && position > last) {
          last = position;
          yield { kind: 'checkpoint', position };
        }
        continue;
      }
      const recorded = item.event;
      if (recorded === undefined) continue;
      const position = logPosition(item);
      // Events up to `after` are repeated by the earlier start; system events of log streams are skipped.
      if (position <= last || !isLogEvent(recorded.streamId, recorded.type)) continue;
      if (wanted !== undefined && !wanted.has(recorded.type)) continue;
      last = position;
      yield { kind: 'event', event: toRecordedEvent(item) };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    subscription.removeAllListeners('readable');
    // A late error after unsubscribing must not be unhandled.
    subscription.on('error', () => undefined);
    await Promise.race([subscription.unsubscribe(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

/**
 * Where to subscribe from so that no event after `after` is missed on any
 * server version: `after` itself when it is a matching event's position,
 * else the last matching event before it, else the start of the log.
 */
async function startPosition(connection: EsdbConnection, after: number, filter: ServerFilter): Promise<'start' | Position> {
  if (after === 0) return 'start';
  const from = serverPosition(after);
  if (from === 'start') return 'start';
  if (after % 2 === 1) {
    const [own] = await connection.collect(`read $all at ${after}`, (client) =>
      client.readAll({ fromPosition: from, maxCount: 1, direction: FORWARDS }),
    );
    const recorded = own?.event;
    if (own !== undefined && recorded !== undefined && logPosition(own) === after && filter.matches(recorded.streamId, recorded.type))
      return from;
  }
  for (let before: Position = from; ; ) {
    const page = await connection.collect(`read $all before ${after}`, (client) =>
      client.readAll({ fromPosition: before, maxCount: 32, direction: BACKWARDS }),
    );
    for (const resolved of page) {
      const recorded = resolved.event;
      if (recorded?.position !== undefined && filter.matches(recorded.streamId, recorded.type)) return recorded.position;
    }
    const oldest = page[page.length - 1]?.event?.position;
    if (page.length < 32 || oldest === undefined) return 'start';
    before = oldest;
  }
}
