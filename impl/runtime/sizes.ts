/*
 * `sys.getsizeof` (docs/cpython-3.11.md#object-sizes): `__sizeof__` plus the GC header. For the kinds
 * here that is the object's own request (kinds.ts), except that a list adds its items array (8 per
 * allocated slot, `list___sizeof__`) and a dict its keys table (`_PyDict_SizeOf`; nothing for the shared
 * empty keys).
 */
import { KIND_DICT, KIND_LIST, LIST_OBJECT_BYTES, DICT_OBJECT_BYTES, POINTER_BYTES, dictKeysBytes } from '../objects/kinds.js';
import type { ObjectTable } from '../objects/objectTable.js';

export function getsizeof(t: ObjectTable, h: number): number {
  const kind = t.kind[h];
  if (kind === KIND_LIST) return LIST_OBJECT_BYTES + POINTER_BYTES * t.cap[h];
  if (kind === KIND_DICT) return DICT_OBJECT_BYTES + (t.aux[h] === 0 ? 0 : dictKeysBytes(t.aux[h]));
  return t.size[h];
}
