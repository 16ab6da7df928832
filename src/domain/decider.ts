/**
 * The shape every decider shares (Emmett's Decider, without the command half,
 * which each aggregate writes as its own `decide*` function): how a stream's
 * recorded events fold into state.
 */
import type { RecordedEvent } from '../events/event-store.js';
import { upcast } from './upcasters.js';

/** A domain event before it is stored: a discriminated union member. */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

/**
 * Every member of a union of type names, as a list the compiler proves
 * complete: the record must name each member once, and nothing else (an
 * object literal with a missing key or an extra one does not type-check).
 */
export function typeList<T extends string>(members: Readonly<Record<T, true>>): readonly T[] {
  return Object.keys(members) as T[];
}

/** How a stream folds into state: the `initialState` / `evolve` half of a decider. */
export interface Aggregate<S, E extends DomainEvent> {
  /** Every type of `E` (built with `typeList`): an event of a type missing here would be ignored by the fold. */
  readonly types: readonly E['type'][];
  initial(): S;
  evolve(state: S, event: E, at: string): S;
  /**
   * Optional: the state `evolve` gives after `events` one after the other, computed
   * at once (`fold` uses it): for a state that would be copied whole at each event.
   */
  evolveAll?(state: S, events: readonly { readonly event: E; readonly at: string }[]): S;
}

/**
 * Narrows a recorded event to a member of a domain union when its type is one
 * of `types`. The log is written only by this code base, through these unions,
 * so the data of a known type has that type's shape once `upcast`
 * (src/domain/upcasters.ts) has lifted an older stored version; callers pass
 * events through it first.
 */
export function asDomainEvent<E extends DomainEvent>(recorded: RecordedEvent, types: readonly E['type'][]): E | undefined {
  if (!(types as readonly string[]).includes(recorded.type)) return undefined;
  return { type: recorded.type, data: recorded.data } as unknown as E;
}

/** Folds recorded events (in stream order, lifted to their current shape) into state; unknown types are ignored. */
export function fold<S, E extends DomainEvent>(
  aggregate: Aggregate<S, E>,
  events: readonly RecordedEvent[],
  from: S = aggregate.initial(),
): S {
  if (aggregate.evolveAll !== undefined) {
    const known = events.flatMap((recorded) => {
      const event = asDomainEvent<E>(upcast(recorded), aggregate.types);
      return event ? [{ event, at: recorded.metadata.at }] : [];
    });
    return aggregate.evolveAll(from, known);
  }
  let state = from;
  for (const recorded of events) {
    const event = asDomainEvent<E>(upcast(recorded), aggregate.types);
    if (event) state = aggregate.evolve(state, event, recorded.metadata.at);
  }
  return state;
}
