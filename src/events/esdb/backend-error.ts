/**
 * Turns what `@eventstore/db-client` throws into the project's errors, with
 * the exit codes of the CLI contract:
 *
 * - the server cannot be reached, is shutting down, timed out, refused the
 *   credentials or lost its leader: BackendUnavailable (exit 7);
 * - a stream was deleted (tombstoned) or is missing where it must exist:
 *   NotFound (exit 5);
 * - a wrong expected version that escaped the adapter's own handling: Conflict
 *   (exit 6; the adapter raises WrongExpectedVersion itself, with versions in
 *   the project's numbering);
 * - a position that is not one of this log: InvalidInput (exit 2).
 *
 * - a cluster without a leader, or whose gossip names no node to connect to:
 *   BackendUnavailable (connection.ts retries these within the timeout).
 *
 * Anything else (a bug, a protocol surprise) is returned unchanged so that it
 * stays loud. Messages never include the connection string: it may carry a
 * password.
 */
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { BackendUnavailable, Conflict, EpicError, NotFound, PositionNotInLog } from '../../errors.js';
import { msg } from '../../i18n/message.js';

/** The cause of a read cut short because its client was retired under it (by another call's timeout). */
export const CONNECTION_RESET = Symbol('EventStoreDB connection reset');

/** gRPC status codes the client may leave unconverted. */
const GrpcStatus = { CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

/** `what` names the operation for the message, e.g. "append to stream users". */
export function toBackendError(error: unknown, what: string): unknown {
  if (error instanceof EpicError) return error;
  const detail = firstLine(error);
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return new BackendUnavailable(msg('store.esdb.unavailable', { what, detail }), { cause: error });
  }
  if (isDiscoveryFailure(error)) return new BackendUnavailable(msg('cluster.noNode'), { cause: error });
  if (isLeaderless(error)) return new BackendUnavailable(msg('cluster.leaderless'), { cause: error });
  if (error instanceof AccessDeniedError) {
    return new BackendUnavailable(msg('store.esdb.accessDenied', { what }), { cause: error });
  }
  if (error instanceof StreamDeletedError) {
    return new NotFound(msg('store.esdb.streamDeleted', { streamId: error.streamName, what }), { cause: error });
  }
  if (error instanceof StreamNotFoundError) {
    return new NotFound(msg('store.esdb.streamMissing', { streamId: error.streamName, what }), { cause: error });
  }
  if (error instanceof WrongExpectedVersionError) {
    return new Conflict(msg('store.esdb.streamChanged', { streamId: error.streamName, what }), { cause: error });
  }
  if (isInvalidPosition(error)) {
    return new PositionNotInLog(msg('store.esdb.invalidPosition', { what }), { cause: error });
  }
  switch (grpcCode(error)) {
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
    case GrpcStatus.RESOURCE_EXHAUSTED:
    case GrpcStatus.CANCELLED:
      return new BackendUnavailable(msg('store.esdb.unavailable', { what, detail }), { cause: error });
    default:
      return error;
  }
}

/**
 * How a failed call lost the leader, when it did: `not-leader` (the client
 * now points at the leader named in the answer), `reconnecting` (the client
 * dropped its channel and will discover again: a connection lost or
 * cancelled by the server, a node not ready, a discovery that found no
 * node), `stays-open` (the client keeps its channel: a follower that knows
 * no leader, a write the server timed out waiting for its quorum). Undefined
 * for every other failure, our own timeout included: those are not retried.
 */
export function leaderLoss(error: unknown): 'not-leader' | 'reconnecting' | 'stays-open' | undefined {
  const cause = error instanceof BackendUnavailable ? error.cause : error;
  if (cause instanceof NotLeaderError) return 'not-leader';
  if (cause instanceof UnavailableError || cause instanceof CancelledError || isDiscoveryFailure(cause)) return 'reconnecting';
  if (cause instanceof TimeoutError || isLeaderless(cause) || cause === CONNECTION_RESET) return 'stays-open';
  const code = grpcCode(cause);
  if (code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.CANCELLED) return 'reconnecting';
  return undefined;
}

/** What the client throws when gossip names no node in a state to serve (its message is all there is to go by). */
function isDiscoveryFailure(error: unknown): boolean {
  return error instanceof Error && !(error instanceof EpicError) && /^Failed to discover after \d+ attempts?\.?$/.test(error.message);
}

/** RpcExceptions.NoLeaderInfo: UNKNOWN "No leader info available in response" (a follower between two leaders). */
function isLeaderless(error: unknown): boolean {
  return (error instanceof UnknownError || grpcCode(error) === GrpcStatus.UNKNOWN) && /No leader info available/.test(firstLine(error));
}

/**
 * The server's answer to a read or subscription from an offset that is not
 * the start of a record: INVALID_ARGUMENT "Trying to read from an invalid
 * position." (EventStoreDB 23.10 and later).
 */
export function isInvalidPosition(error: unknown): boolean {
  return grpcCode(error) === GrpcStatus.INVALID_ARGUMENT && /invalid position/i.test(firstLine(error));
}

function grpcCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}
