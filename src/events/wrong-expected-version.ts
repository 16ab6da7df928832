import { Conflict } from '../errors.js';
import { msg } from '../i18n/message.js';
import type { ExpectedVersion } from './event-store.js';

/** A wrong expected version: exit 6, and the handler's cue to reload and decide again. */
export class WrongExpectedVersion extends Conflict {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(msg('store.streamChanged', { streamId, expected: String(expected), actual }));
  }
}
