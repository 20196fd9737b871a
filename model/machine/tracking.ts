/*
 * Which objects the collector tracks (docs/cpython-3.11.md#tracking).
 *
 * `_PyObject_GC_MAY_BE_TRACKED(x)`: x is of a GC type, and is not a tuple or is a tracked tuple. It
 * decides whether inserting x tracks an untracked dict, and whether a tuple or dict holding x can be
 * untracked by a collection. Note it looks at a dict's *type*, not its tracking: a dict holding an
 * untracked dict stays tracked for ever.
 */
import { isGcType, type Heap, type Value } from './heap.js';

export function mayBeTracked(heap: Heap, v: Value): boolean {
  if (v === null) return false;
  const o = heap.objects.get(v);
  if (!o || !isGcType(o.type)) return false;
  return o.type !== 'tuple' || o.gen !== null;
}
