/*
 * `tp_traverse` for every kind: the cells an object's strong references live in. A visitor gets each
 * child handle; weakrefs and bytes have none (a weakref's callback is a prelude function).
 *
 * The order is CPython's, because `move_unreachable` moves objects back into the young list in the
 * order they are visited, and that list order decides which nested tuples one collection untracks:
 * list_traverse and tupletraverse visit items last to first, dict_traverse values first to last,
 * subtype_traverse slots a, b, c (`gc.get_referents` shows each; found by the CPython oracle).
 */
import { INSTANCE_SLOTS, KIND_DICT, KIND_LIST, KIND_TUPLE, isInstanceKind } from '../objects/kinds.js';
import type { Runtime } from '../runtime/runtime.js';

/** Calls `visit(child)` for each child; stops early and returns true if `visit` returns true. */
export function traverse(rt: Runtime, h: number, visit: (child: number) => void): void {
  const t = rt.table;
  const cells = rt.refs.cells;
  const kind = t.kind[h];
  const off = t.off[h];
  if (kind === KIND_LIST || kind === KIND_TUPLE) {
    for (let i = t.len[h] - 1; i >= 0; i--) {
      const c = cells[off + i];
      if (c >= 0) visit(c);
    }
  } else if (kind === KIND_DICT) {
    for (let i = 0, n = t.len[h]; i < n; i++) {
      const c = cells[off + 2 * i + 1];
      if (c >= 0) visit(c);
    }
  } else if (isInstanceKind(kind)) {
    for (let i = 0; i < INSTANCE_SLOTS; i++) {
      const c = cells[off + i];
      if (c >= 0) visit(c);
    }
  }
}
