/**
 * Catalogue entries built from a table: `keyed('history.eventType.', { ClientCreated: 'client created', ... })`
 * is `{ 'history.eventType.ClientCreated': 'client created', ... }`, typed key by key. The table is a
 * `Record` over a union (every event type, every field), so a member without its wording does not compile.
 */
export function keyed<P extends string, K extends string, W>(
  prefix: P,
  table: Readonly<Record<K, W>>,
): { readonly [Q in K as `${P}${Q}`]: W } {
  return Object.fromEntries(Object.entries(table).map(([key, wording]) => [`${prefix}${key}`, wording])) as {
    readonly [Q in K as `${P}${Q}`]: W;
  };
}
