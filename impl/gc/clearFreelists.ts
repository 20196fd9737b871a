/*
 * `clear_freelists`, at the end of every full collection (docs/cpython-3.11.md#freelists): tuples
 * (lengths 1..20), then lists, then dicts and the dict keys freelist, each stack emptied from its top.
 * Lists, dicts and tuples go through `PyObject_GC_Del` (count[0] drops while > 0); keys objects through
 * `PyObject_Free`.
 */
import type { AddressStack } from '../runtime/freelists.js';
import type { Runtime } from '../runtime/runtime.js';
import { FREELIST_CLEARED_BY_GC } from '../runtime/features.js';

export function clearFreelists(rt: Runtime): void {
  const freeAll = (stack: AddressStack, gcObjects: boolean) => {
    while (stack.length > 0) {
      if (gcObjects) rt.uncountGcObject();
      rt.heap.free(stack.pop());
      rt.features[FREELIST_CLEARED_BY_GC]++;
    }
  };
  for (const stack of rt.freelists.tupleStacks()) freeAll(stack, true);
  freeAll(rt.freelists.lists, true);
  freeAll(rt.freelists.dicts, true);
  freeAll(rt.freelists.keys, false);
}
