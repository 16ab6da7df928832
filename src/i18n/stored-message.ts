/**
 * A message kept as data (the command log's `reasonMessage`): its key and
 * params as JSON, so that a later reader words it in their own language. What
 * is stored outlives the catalogue it was written with: a key since renamed,
 * or params since changed, is not this code's to word; the reader then shows
 * the text recorded beside it.
 */
import type { StoredMessage } from '../domain/command-log.js';
import type { JsonObject, JsonValue } from '../events/event-store.js';
import type { Message, MessageKey } from './message.js';
import type { Translator } from './translator.js';

/** A message as JSON. Params are ids, counts, amounts, codes and option names (never personal data), all JSON values. */
export function toStoredMessage(message: Message): StoredMessage {
  return { key: message.key, params: message.params === undefined ? null : (toJson(message.params) as JsonObject) };
}

function toJson(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJson(item);
    return out;
  }
  return String(value);
}

/** A stored message in the translator's language; `fallback` (the text recorded with it) when this catalogue cannot word it. */
export function renderStored(stored: StoredMessage | null | undefined, fallback: string | null, translator: Translator): string | null {
  if (stored === null || stored === undefined || !translator.has(stored.key)) return fallback;
  try {
    const message = { key: stored.key as MessageKey, params: stored.params ?? undefined } as Message;
    return translator.render(message);
  } catch {
    // Params of another shape than this key takes now (recorded by another release).
    return fallback;
  }
}
