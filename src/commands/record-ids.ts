import { createHash } from 'node:crypto';
import { newId } from '../domain/values/ids.js';
import type { CommandContext } from './handler-context.js';

/**
 * The id of a record a command creates (a client, a contract, an event, a
 * user), derived from the command id and what it names: as unpredictable as
 * a random one when the command id is (a random UUID), and the same again
 * when the command runs again under the same idempotency key, so its retry
 * decides on the same record and the store recognises its events.
 */
export function newRecordId(context: Pick<CommandContext, 'commandId'>, purpose: string): string {
  let round = 0;
  return newId(10, (size) => {
    const bytes = createHash('sha256').update(`${context.commandId}\u0000${purpose}\u0000${round++}`).digest();
    return bytes.subarray(0, Math.min(size, bytes.length));
  });
}
