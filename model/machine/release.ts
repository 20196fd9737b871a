/*
 * Refcount deallocation (docs/cpython-3.11.md#refcount-deallocation): what happens when the last
 * reference to an object goes away.
 *
 * CPython's deallocators recurse: an object's dealloc decrefs its children one by one, and a child that
 * reaches zero is deallocated completely before the next sibling is touched. The model follows that
 * depth-first order with an explicit stack (no recursion over the heap), because the order is
 * observable: a weakref released before its referent never calls back.
 *
 * While a dying object is releasing its children, the children it has not released yet still count
 * as references (`Heap.inFlight`), exactly as they would in the C array being walked.
 *
 * A dying object, in order:
 *   1. `Fin`/`Lazarus` not yet finalized: `__del__` runs (re-tracked in generation 0 meanwhile, and held
 *      by the call). A Lazarus appends itself to `revived` and stays alive, tracked where it is (in
 *      generation 0, unless a collection run at its `__del__`'s entry promoted it); nothing else happens.
 *   2. Every weakref to it is cleared and each one with a callback calls back.
 *   3. Its children are released (`releaseOrderOf`).
 *   4. Its memory goes to a freelist or back to the allocator (count[0] drops for GC objects); a list's
 *      items array or a dict's keys table is freed first (memory.ts).
 *
 * The entry of a `__del__` or a callback is an eval-breaker check (evalBreaker.ts): under a 'scheduled'
 * profile a pending collection runs there, with the dying object's children still referenced by it
 * (in flight from step 2 on: it is untracked by then, so its references count as from outside).
 */
import { isGcType, releaseOrderOf, type ModelObject, type Value } from './heap.js';
import type { ModelMachine } from './machine.js';
import { evalBreakerCheck } from './evalBreaker.js';
import { appendToRootList, freeObjectMemory, memoryOf } from './memory.js';

type Task = { kind: 'releaseNext'; pending: Value[] } | { kind: 'freeMemory'; obj: ModelObject };

/** Drop one reference to each value, in order, deallocating whatever reaches refcount zero. */
export function releaseReferences(m: ModelMachine, values: Value[]): void {
  // Under the reachability policy an object whose last reference goes stays, unreachable, until the
  // engine reports its death (adopt.ts): when a dead object dies is the engine's business.
  if (m.deaths === 'reachability') return;
  const heap = m.heap;
  const stack: Task[] = [];
  const hold = (pending: Value[]) => {
    heap.inFlight.add(pending);
    stack.push({ kind: 'releaseNext', pending });
  };
  hold([...values]);
  while (stack.length > 0) {
    const task = stack[stack.length - 1];
    if (task.kind === 'freeMemory') {
      stack.pop();
      freeMemory(m, task.obj);
      continue;
    }
    if (task.pending.length === 0) {
      stack.pop();
      heap.inFlight.delete(task.pending);
      continue;
    }
    const id = task.pending.shift()!;
    if (id === null || !heap.objects.has(id) || heap.refcountOf(id) > 0) continue;
    const dying = heap.get(id);
    if (runFinalizerFromDealloc(m, dying) === 'resurrected') continue;
    heap.objects.delete(id);
    dying.gen = null;
    stack.push({ kind: 'freeMemory', obj: dying });
    hold(releaseOrderOf(dying)); // still its references while the callbacks run; released after them
    clearWeakrefsTo(m, id);
  }
}

/** `PyObject_CallFinalizerFromDealloc`: `__del__` at most once; a Lazarus comes back to life. */
function runFinalizerFromDealloc(m: ModelMachine, o: ModelObject): 'resurrected' | 'dying' {
  if ((o.type !== 'Fin' && o.type !== 'Lazarus') || o.finalized) return 'dying';
  o.gen = 0; // re-tracked at the tail of generation 0 for its finalizer
  evalBreakerCheck(m, [o.id]); // `__del__`'s entry; the finalizer call holds the object
  o.finalized = true;
  m.events.finalized.add(o.id);
  if (o.type === 'Fin') return 'dying';
  appendToRootList(m, 'revived', o.id);
  m.tracer.retrace(memoryOf(m, o).block); // `_Py_NewReference` once `__del__` has returned
  return 'resurrected';
}

/**
 * `PyObject_ClearWeakRefs`: clear every weakref to a dying object; those with a callback call back,
 * after all are cleared. The first callback's entry is a check; the weakrefs calling back are held by
 * the calls (or the tuple CPython builds for them) until the callbacks are done.
 */
function clearWeakrefsTo(m: ModelMachine, id: number): void {
  const callingBack: number[] = [];
  for (const w of m.heap.weakrefsTo(id)) {
    w.referent = null;
    if (w.callback) callingBack.push(w.id);
  }
  if (callingBack.length === 0) return;
  callingBack.sort((a, b) => b - a); // the list's order: newest first (let go last first)
  evalBreakerCheck(m, callingBack, true);
  for (const w of callingBack) m.events.callbacks.add(w);
}

/** The object's memory: back on a freelist if there is room, else released (and uncounted if GC). */
function freeMemory(m: ModelMachine, o: ModelObject): void {
  m.events.freed.add(o.id);
  const length = o.type === 'tuple' ? o.items.length : 0;
  freeObjectMemory(m, o, (block) => {
    if (!isGcType(o.type)) return false;
    if (m.freelists.put(o.type, length, { id: o.id, ordered: !m.gc.collecting, block })) return true;
    m.gc.countDeallocation();
    return false;
  });
}


