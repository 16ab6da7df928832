import { type MessageKey, type MessageParams, msg } from '../i18n/message.js';
import { words } from '../i18n/translator.js';
import { terminalSafe } from '../terminal-text.js';

/**
 * The words of one catalogue key in this invocation's language (src/i18n):
 * every text src/cli prints goes through here. A value the words quote
 * (a name from the log: "logged in as …") reaches the terminal without its
 * control and bidi characters (src/terminal-text.ts).
 */
export function t<K extends MessageKey>(key: K, ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]): string {
  const safe = params.map((value) => (typeof value === 'object' && value !== null ? safeParams(value) : value));
  return words((msg as (key: K, ...rest: unknown[]) => ReturnType<typeof msg<K>>)(key, ...safe));
}

function safeParams(params: object): object {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] =
      typeof value === 'string'
        ? terminalSafe(value, '?')
        : Array.isArray(value)
          ? value.map((item: unknown) => (typeof item === 'string' ? terminalSafe(item, '?') : item))
          : value;
  }
  return out;
}
