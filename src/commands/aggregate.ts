import { upcast } from '../domain/upcasters.js';
import type { RecordedEvent } from '../events/event-store.js';
import { asDomainEvent, type DomainEvent } from './event-codec.js';

/** How a stream folds into state: the `initialState` / `evolve` half of a decider. */
export interface Aggregate<S, E extends DomainEvent> {
  readonly types: readonly E['type'][];
  initial(): S;
  evolve(state: S, event: E, at: string): S;
}

/** Folds recorded events (in stream order, lifted to their current shape) into state; unknown types are ignored. */
export function fold<S, E extends DomainEvent>(
  aggregate: Aggregate<S, E>,
  events: readonly RecordedEvent[],
  from: S = aggregate.initial(),
): S {
  let state = from;
  for (const recorded of events) {
    const event = asDomainEvent<E>(upcast(recorded), aggregate.types);
    if (event) state = aggregate.evolve(state, event, recorded.metadata.at);
  }
  return state;
}
