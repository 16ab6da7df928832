/**
 * The plain chain: what every event was hashed with before the keyed chain
 * (keyed-chain.ts). Anyone can recompute it, so it shows accidents and edits
 * by someone who did not recompute it, not forgeries. New events are never
 * chained this way; it is kept to verify the events of logs written before
 * the switch-over (docs/audit.md), and GENESIS_HASH starts both chains.
 */
import { createHash } from 'node:crypto';
import type { JsonValue, NewEvent } from './event-store.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = value[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The fields an event's hash covers: everything but the chain itself and the global position. */
export function canonicalEvent(streamId: string, version: number, event: NewEvent): string {
  return canonicalJson({
    id: event.id,
    streamId,
    version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: {
      actor: { id: event.metadata.actor.id, role: event.metadata.actor.role },
      at: event.metadata.at,
      commandId: event.metadata.commandId,
    },
  });
}

/** hash = SHA-256(prevHash + "\n" + canonical event), hex. */
export function chainHash(prevHash: string, streamId: string, version: number, event: NewEvent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalEvent(streamId, version, event))
    .digest('hex');
}
