import { type MessageKey, type MessageParams, msg } from '../i18n/message.js';
import { words } from '../i18n/translator.js';

/** The words of one catalogue key in this invocation's language (src/i18n): every text src/cli prints goes through here. */
export function t<K extends MessageKey>(key: K, ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]): string {
  return words((msg as (key: K, ...rest: unknown[]) => ReturnType<typeof msg<K>>)(key, ...params));
}
