/*
 * The eval breaker: where a scheduled automatic collection runs (docs/cpython-versions.md, "How pymem
 * models it"; docs/abstract-machine.md#automatic-collection).
 *
 * Under a 'scheduled' profile (3.12, 3.13) the allocation that makes count[0] exceed threshold[0] only
 * sets `pending` (allocate.ts). The collection runs at the next check of the interpreter's eval
 * breaker, which pymem's statements reach at three kinds of place:
 *
 *   the end of a call       statements whose EVAL_BREAKER_SITES entry is 'afterCall', when the call
 *                           returns, with its result (a new object, a popped item) still on the
 *                           stack: `held`, reachable for the collection (execute.ts);
 *   a prelude function      `fork()` at its entry ('atEntry'); a `__del__` or an `on_clear` callback
 *                           at its entry, wherever it runs: in a refcount death (release.ts: the dying
 *                           object re-tracked in generation 0 and held by its finalizer call; the
 *                           weakrefs calling back held by their call), or inside a collection
 *                           (collect.ts);
 *
 * and nowhere else (displays, stores, rebinding, `del` have no check of their own).
 *
 * A check clears the flag first, then: inside a running collection, the profile's
 * `pendingDuringCollection` nests a collection ('nest', 3.12: it cannot see the running one's own
 * lists, Machine.collectorPrivate) or drops it ('drop', 3.13); with the collector disabled,
 * `pendingWhileDisabled` runs it anyway ('run', 3.12.0–3.12.2) or drops it ('drop'); otherwise it runs.
 * Running means `gc_collect_generations` from the counts and thresholds of that moment: frees,
 * `gc.freeze()`, `gc.set_threshold()` or an explicit collection in between can leave no generation
 * over its threshold, and then nothing runs. Under 'inAllocation' (3.11) nothing is ever pending, and
 * every check is a no-op.
 */
import { collectGenerations } from './collect.js';
import type { Value } from './heap.js';
import type { ModelMachine } from './machine.js';
import { releaseReferences } from './release.js';

/**
 * A check of the eval breaker. `held`: what the interpreter holds at that moment besides the program's
 * references (counted as roots while the collection runs). With `releaseHeld` those references were
 * taken for the moment only (a weakref callback's call): they are dropped afterwards, which can free
 * what the collection left with no other referrer.
 */
export function evalBreakerCheck(m: ModelMachine, held: Value[] = [], releaseHeld = false): void {
  const gc = m.gc;
  if (!gc.pending) return;
  gc.pending = false;
  const rule = gc.collecting ? m.profile.pendingDuringCollection : gc.enabled ? 'run' : m.profile.pendingWhileDisabled;
  if (rule === 'drop') return;
  const stack = [...held];
  m.heap.inFlight.add(stack);
  collectGenerations(m);
  m.heap.inFlight.delete(stack);
  if (releaseHeld) releaseReferences(m, stack.reverse());
}
