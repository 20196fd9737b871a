/*
 * `_PyObject_GC_MAY_BE_TRACKED` (docs/cpython-3.11.md#tracking): of a GC type, and not a tuple or a
 * tracked tuple.
 */
import { KIND_TUPLE, isGcKind } from '../objects/kinds.js';
import { UNTRACKED } from '../objects/objectTable.js';
import type { Runtime } from './runtime.js';

export function mayBeTracked(rt: Runtime, h: number): boolean {
  if (h < 0) return false;
  const kind = rt.table.kind[h];
  if (!isGcKind(kind)) return false;
  return kind !== KIND_TUPLE || rt.table.gcNext[h] !== UNTRACKED;
}
