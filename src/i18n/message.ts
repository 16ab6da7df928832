/**
 * A message a person will read, before it is put into words: the catalogue key
 * and its parameters. Code below the CLI (deciders, stores, importers) never
 * words anything itself: it throws and returns `Message`s, and the CLI renders
 * them in the reader's language (src/i18n/translator.ts). Only types are
 * imported here: no language is loaded by building a message.
 */
import type { Format } from './format.js';

/**
 * The catalogue's keys and their wordings' types. Declared empty here and
 * filled in by the English catalogue (en/index.ts merges its entries into it),
 * so that this module, which every layer imports to build messages, imports no
 * catalogue: the catalogues name types of the layers below (a field, a store's
 * problem), and an import from here to them would close a circle.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in en/index.ts
export interface CatalogEntries {}

export type MessageKey = keyof CatalogEntries;

/** The parameters a key's wording takes; `undefined` for a fixed text. */
export type MessageParams<K extends MessageKey> = CatalogEntries[K] extends (params: infer P, format: Format) => string ? P : undefined;

export interface Message<K extends MessageKey = MessageKey> {
  readonly key: K;
  readonly params: MessageParams<K>;
}

/** Builds a message; the compiler checks the key exists and its parameters are the ones its wording needs. */
export function msg<K extends MessageKey>(key: K, ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]): Message<K> {
  return { key, params: params[0] as MessageParams<K> };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && 'params' in value;
}

/** A stable, language-free rendering for developers (error.message, stack traces, debug output). */
export function describeMessage(message: Message): string {
  return message.params === undefined ? message.key : `${message.key} ${JSON.stringify(message.params)}`;
}
