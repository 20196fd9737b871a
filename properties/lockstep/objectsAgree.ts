/*
 * The snapshots' comparison (compareObjects.ts) without snapshots: the model's live
 * objects walked in place against an engine's HeapInspection (contract/engine.ts), answering
 * only "everything agrees". The lockstep runner takes this answer when it is yes; when it is no, it
 * builds both snapshots and runs compareTrace on them, which names the difference exactly as before.
 *
 * Yes exactly when compareObjects would find nothing: the same number of live objects and every model
 * id alive in the engine (the ids of each side are distinct, so the same set: nothing gone, nothing
 * extra), and per object the same refcount (the model's counted from referrers: Heap.countReferrers),
 * finalized flag, generation and `sys.getsizeof` (where the engine reports one), and for a new object
 * that took a freelist's memory, the address of the object freed last (freelistOrder).
 *
 * On the way it records each object's address in `addresses` (by id), as the lockstep runner does for
 * every object after a statement that passed. Early is harmless: the addresses it reads are those of
 * freed objects (the model's freelist entries), which are not live and so not rewritten by this walk;
 * and when the answer is no, the run ends at this statement or records every address again.
 */
import type { HeapInspection } from '../../contract/engine.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import { getsizeof } from '../../model/machine/objectMemory.js';

export function objectsAgree(
  model: ModelMachine, refcounts: Int32Array, engine: HeapInspection, idsBefore: number, addresses: number[],
): boolean {
  const heap = model.heap;
  if (engine.count !== heap.objects.size) return false;
  for (const o of heap.objects.values()) {
    const id = o.id;
    if (!engine.has(id)) return false;
    if (engine.refcount(id) !== refcounts[id] || engine.finalized(id) !== o.finalized || engine.gen(id) !== o.gen) return false;
    const addr = engine.addr(id);
    if (id > idsBefore && addr !== undefined) {
      const previous = model.events.reusedMemory.get(id);
      if (previous !== undefined) {
        const want = addresses[previous];
        if (want !== undefined && want !== addr) return false;
      }
    }
    if (addr !== undefined) addresses[id] = addr;
    const size = engine.size(id);
    if (size !== undefined && size !== getsizeof(o, model.memory.get(id)!, model.profile.instance)) return false;
  }
  return true;
}
