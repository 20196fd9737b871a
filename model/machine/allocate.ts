/*
 * Creating an object (docs/cpython-3.11.md#counts, #automatic-collection). A GC object not served by a
 * freelist is counted, and the count may trigger an automatic collection: under an 'inAllocation'
 * profile (3.11) at once, *before* the new object exists, so the collection never sees it; under a
 * 'scheduled' one (3.12, 3.13) it is only scheduled, to run at the next eval-breaker check
 * (evalBreaker.ts). Then the object gets the next id and, if its kind is tracked at birth, joins
 * generation 0. Memory from a freelist is the most recently freed of its kind; the events say whose
 * it was.
 */
import type { ObjectType } from '../../contract/trace.js';
import { collectGenerations } from './collect.js';
import { isGcType, type ModelObject } from './heap.js';
import type { ModelMachine } from './machine.js';
import { objectBytes, type ObjectMemory } from './objectMemory.js';

type Body = ModelObject extends infer O ? (O extends ModelObject ? Omit<O, 'id' | 'gen' | 'finalized'> : never) : never;

export function allocateObject(m: ModelMachine, body: Body, tracked: boolean, extra: Omit<ObjectMemory, 'block'> = {}): ModelObject {
  const length = body.type === 'tuple' ? body.items.length : 0;
  const type = body.type as ObjectType;
  const reused = isGcType(type) ? m.freelists.take(type, length) : undefined;
  let block = reused?.block;
  if (block) {
    m.tracer.retrace(block);
    if (reused && !reused.ordered) m.tracer.openLines([block, ...m.freelists.unorderedBlocks(type, length)]);
  }
  else {
    // The memory is allocated (and traced) before the count can trigger a collection.
    block = m.tracer.allocate(objectBytes(body as never, m.profile.instance));
    if (isGcType(type)) {
      m.gc.countAllocation();
      // Under the weaker policies the engine's collections are adopted instead (adoptionPoint below).
      if (m.deaths === 'cpython' && m.gc.wantsAutomaticCollection()) {
        if (m.profile.automaticCollection === 'inAllocation') collectGenerations(m);
        else m.gc.pending = true;
      }
    }
  }
  // Under the weaker policies the engine's own collections are adopted where CPython would have run one.
  if (isGcType(type)) m.adoptionPoint?.('allocation');
  const o = { ...body, id: m.heap.newId(), gen: tracked ? 0 : null, finalized: false } as ModelObject;
  if (reused?.ordered) m.events.reusedMemory.set(o.id, reused.id);
  m.heap.objects.set(o.id, o);
  m.memory.set(o.id, { block, ...extra });
  return o;
}
