import { Conflict } from '../errors.js';
import type { ExpectedVersion } from './event-store.js';

/** A wrong expected version: exit 6, and the handler's cue to reload and decide again. */
export class WrongExpectedVersion extends Conflict {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} changed concurrently: expected version ${String(expected)}, actual ${actual}`);
  }
}
