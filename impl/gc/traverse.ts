/*
 * `tp_traverse` for every kind: the cells an object's strong references live in. A visitor gets each
 * child handle; weakrefs and bytes have none (a weakref's callback is a prelude function).
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
    for (let i = 0, n = t.len[h]; i < n; i++) {
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
