import type { StreamEvent } from './events';

// How a compiled filter is built, for whoever can test it faster than event by event. The filter attaches a plan to
// the predicate it compiles; the engine, which holds per-key columns of the buffer (src/engine/eventColumns.ts),
// answers `key` terms from those columns and calls the predicate only where a column cannot say.

export type EventTest = (e: StreamEvent) => boolean;

export type PredicatePlan =
  | { op: 'and' | 'or'; items: PredicatePlan[] }
  | { op: 'not'; item: PredicatePlan }
  /**
   * `whole(e)` is exactly: test(e[key]) for the normalised columns (type, action, key), or test() of the value the
   * event's parsed value or its `fields` hold under `key` (any case), whichever are there. `key` is lower case.
   */
  | { op: 'key'; key: string; test: (v: unknown) => boolean; whole: EventTest }
  /** Anything else: tested on the event. */
  | { op: 'event'; test: EventTest };

const plans = new WeakMap<EventTest, PredicatePlan>();

/** Attaches `plan` to `p` and returns `p`. */
export function withPlan<P extends EventTest>(p: P, plan: PredicatePlan): P {
  plans.set(p, plan);
  return p;
}

/** The plan of `p`, or one that tests every event with `p`. */
export function planOf(p: EventTest): PredicatePlan {
  return plans.get(p) ?? { op: 'event', test: p };
}

/** Whether `p` has a plan with at least one term a column could answer. */
export function hasKeyTerms(plan: PredicatePlan): boolean {
  switch (plan.op) {
    case 'key':
      return true;
    case 'event':
      return false;
    case 'not':
      return hasKeyTerms(plan.item);
    default:
      return plan.items.some(hasKeyTerms);
  }
}
