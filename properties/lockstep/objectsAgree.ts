/*
 * The snapshots' comparison (compareTrace's compareObjects) without snapshots: the model's live
 * objects walked in place against an engine's HeapInspection (impl/engineUnderTest.ts), answering
 * only "everything agrees". The lockstep runner takes this answer when it is yes; when it is no, it
 * builds both snapshots and runs compareTrace on them, which names the difference exactly as before.
 *
 * Yes exactly when compareObjects would find nothing: the same number of live objects and every model
 * id alive in the engine (the ids of each side are distinct, so the same set: nothing gone, nothing
 * extra), and per object the same refcount (the model's counted from referrers: Heap.countReferrers),
 * finalized flag, generation and `sys.getsizeof` (where the engine reports one), and for a new object
 * that took a freelist's memory, the address of the object freed last (freelistOrder).
 */
import type { HeapInspection } from '../../impl/engineUnderTest.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import { getsizeof } from '../../model/machine/objectMemory.js';

export function objectsAgree(
  model: ModelMachine, refcounts: Int32Array, engine: HeapInspection, idsBefore: number,
  addressBefore: (id: number) => number | undefined,
): boolean {
  const heap = model.heap;
  if (engine.count !== heap.objects.size) return false;
  for (const o of heap.objects.values()) {
    const id = o.id;
    if (!engine.has(id)) return false;
    if (engine.refcount(id) !== refcounts[id] || engine.finalized(id) !== o.finalized || engine.gen(id) !== o.gen) return false;
    if (id > idsBefore) {
      const previous = model.events.reusedMemory.get(id);
      const addr = engine.addr(id);
      if (previous !== undefined && addr !== undefined) {
        const want = addressBefore(previous);
        if (want !== undefined && want !== addr) return false;
      }
    }
    const size = engine.size(id);
    if (size !== undefined && size !== getsizeof(o, model.memory.get(id)!)) return false;
  }
  return true;
}
