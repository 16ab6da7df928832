/**
 * The maps state folds records into, by id. They have no prototype: an id
 * is only ever a key, so `constructor`, `__proto__` or `toString` name no
 * record (a plain object would answer them with Object.prototype's members,
 * and a decider would take those for a contract). Every change returns a new
 * map, as the rest of the state does.
 */
export type RecordMap<T> = Readonly<Record<string, T>>;

export function emptyMap<T>(): RecordMap<T> {
  return Object.create(null) as RecordMap<T>;
}

/** `map` with `id` set to `value` (an own property even for `__proto__`). */
export function withEntry<T>(map: RecordMap<T>, id: string, value: T): RecordMap<T> {
  const next = Object.assign(Object.create(null) as Record<string, T>, map);
  Object.defineProperty(next, id, { value, enumerable: true, writable: true, configurable: true });
  return next;
}

/** `map` without `id`. */
export function withoutEntry<T>(map: RecordMap<T>, id: string): RecordMap<T> {
  const next = Object.assign(Object.create(null) as Record<string, T>, map);
  delete next[id];
  return next;
}

/** `map` keeping the entries `keep` accepts. */
export function filterEntries<T>(map: RecordMap<T>, keep: (value: T) => boolean): RecordMap<T> {
  const next = Object.create(null) as Record<string, T>;
  for (const [id, value] of Object.entries(map)) if (keep(value)) next[id] = value;
  return next;
}
