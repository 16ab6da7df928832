/**
 * Puts messages into words in one language. The language is chosen once per
 * invocation (EPIC_LANG, else the locale of LC_ALL / LC_MESSAGES / LANG, else
 * English) and only that language's catalogue module is loaded.
 */
import type { Catalog } from './en/index.js';
import { createFormat, type Format } from './format.js';
import type { LocaleInfo } from './locale.js';
import { describeMessage, isMessage, type Message, type MessageKey, type MessageParams } from './message.js';
import type { Wordings } from './wordings.js';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

type Env = Readonly<Record<string, string | undefined>>;

/** EPIC_LANG (`fr`, `en`), else the first of LC_ALL, LC_MESSAGES, LANG that names a language we have; else English. */
export function detectLanguage(env: Env): Language {
  const explicit = env.EPIC_LANG?.trim().toLowerCase();
  if (explicit !== undefined && explicit !== '') return asLanguage(explicit) ?? 'en';
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name]?.trim();
    if (value === undefined || value === '') continue;
    // POSIX: the first set variable decides, even when it names a language we do not have ("C", "de_DE").
    return asLanguage(value) ?? 'en';
  }
  return 'en';
}

/** `fr`, `fr_FR.UTF-8`, `fr-CA` → `fr`; anything else we do not have → undefined. */
function asLanguage(value: string): Language | undefined {
  const code = /^([a-z]{2,3})(?:[_-]|\.|@|$)/i.exec(value)?.[1]?.toLowerCase();
  return LANGUAGES.find((language) => language === code);
}

export interface TranslatorOptions {
  readonly currency?: string;
  readonly timeZone?: string;
  readonly now?: () => Date;
}

export interface Translator {
  readonly language: Language;
  readonly format: Format;
  /** The wording of one key. */
  t<K extends MessageKey>(key: K, ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]): string;
  /** The wording of a message (or a plain string, passed through: text that is not ours to translate). */
  render(message: Message | string): string;
  /** Whether this catalogue has `key` (a stored message may name one it no longer has). */
  has(key: string): key is MessageKey;
}

/** Loads the one catalogue `language` needs. */
export async function loadTranslator(language: Language, options: TranslatorOptions = {}): Promise<Translator> {
  const module = language === 'fr' ? await import('./fr/index.js') : await import('./en/index.js');
  return createTranslator(language, module.catalog, module.locale, options);
}

function createTranslator(language: Language, catalog: Wordings<Catalog>, locale: LocaleInfo, options: TranslatorOptions): Translator {
  const format = createFormat({
    locale: locale.tag,
    quotes: locale.quotes,
    currency: options.currency ?? 'EUR',
    ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
    ...(options.now !== undefined && { now: options.now }),
  });
  const word = (key: MessageKey, params: unknown): string => {
    const entry = catalog[key] as string | ((params: unknown, format: Format) => string) | undefined;
    if (entry === undefined) return describeMessage({ key, params } as Message);
    return typeof entry === 'string' ? entry : entry(params, format);
  };
  return {
    language,
    format,
    t: (key, ...params) => word(key, params[0]),
    render: (message) => (isMessage(message) ? word(message.key, message.params) : message),
    has: (key): key is MessageKey => Object.hasOwn(catalog, key),
  };
}

let current: Translator | undefined;

/** Sets the translator of this invocation (the CLI does, before any command loads). */
export function useTranslator(translator: Translator): void {
  current = translator;
}

/** The translator of this invocation, or English when none was set (code run outside the CLI: a test, a script). */
export async function currentTranslator(): Promise<Translator> {
  return current ?? loadTranslator('en');
}

let fallbackFormat: Format | undefined;

/**
 * How this invocation writes values (amounts, instants), for code that
 * prints them without a message around them (a table cell, a view's field);
 * English while no language is set yet.
 */
export function currentFormat(): Format {
  if (current !== undefined) return current.format;
  fallbackFormat ??= createFormat({ locale: 'en-GB', currency: 'EUR', quotes: ['“', '”'] });
  return fallbackFormat;
}

/** The language of this invocation (English while none is set: code run outside the CLI). */
export function currentLanguage(): Language {
  return current?.language ?? 'en';
}

/** The words for `text` in this invocation's language; a message's developer form while no language is set yet. */
export function words(text: Message | string): string {
  if (typeof text === 'string') return text;
  return current === undefined ? describeMessage(text) : current.render(text);
}

/**
 * The words of a key named at run time (help texts are found by command
 * route: `help.client create`), in this invocation's language; undefined
 * when the catalogue has no such key or no language is set yet.
 */
export function wordsFor(key: string): string | undefined {
  if (current === undefined || !current.has(key)) return undefined;
  return current.render({ key, params: undefined } as Message);
}
