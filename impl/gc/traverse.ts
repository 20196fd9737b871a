/*
 * `tp_traverse` for every kind, as a run of cells: an object's strong references live in `childCount`
 * cells starting at `firstChildCell`, `childStride` apart. Weakrefs and bytes have none (a weakref's
 * callback is a prelude function). Cells holding NONE or EMPTY (< 0) are no references.
 *
 * The order is CPython's, because `move_unreachable` moves objects back into the young list in the
 * order they are visited, and that list order decides which nested tuples one collection untracks:
 * list_traverse and tupletraverse visit items last to first, dict_traverse values first to last,
 * subtype_traverse slots a, b, c (`gc.get_referents` shows each; found by the CPython oracle). The
 * deallocators release children in the same order (runtime/dealloc.ts).
 *
 * A run rather than a visitor callback: the collector's phases loop over the cells themselves, so a
 * collection creates no closure and makes no call per reference.
 */
import { INSTANCE_SLOTS, KIND_DICT, KIND_LIST, KIND_TUPLE, isInstanceKind } from '../objects/kinds.js';
import * as kinds from '../objects/kinds.js';
import type { ObjectTable } from '../objects/objectTable.js';

// Local copies of the dict entry layout, which V8 folds into the code (objects/kinds.ts).
const { DICT_ENTRY_CELLS, DICT_ENTRY_VALUE } = kinds;

/** +1 (slots a, b, c), -1 (list and tuple items, last first), +DICT_ENTRY_CELLS (dict values), 0: no children. */
export function childStride(kind: number): number {
  if (kind === KIND_LIST || kind === KIND_TUPLE) return -1;
  if (kind === KIND_DICT) return DICT_ENTRY_CELLS;
  return isInstanceKind(kind) ? 1 : 0;
}

export function firstChildCell(t: ObjectTable, h: number, stride: number): number {
  return stride === -1 ? t.off[h] + t.len[h] - 1 : stride === DICT_ENTRY_CELLS ? t.off[h] + DICT_ENTRY_VALUE : t.off[h];
}

export function childCount(t: ObjectTable, h: number, stride: number): number {
  return stride === 1 ? INSTANCE_SLOTS : stride === 0 ? 0 : t.len[h];
}
