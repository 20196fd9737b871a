/*
 * List operations as `Objects/listobject.c` performs them, allocator calls included.
 *
 * The items array has `cap` slots (`allocated`) and lives at `bufAddr` in the allocator, mirrored by a
 * RefStore run of the same capacity. `list_resize` reallocates only outside allocated/2 ≤ n ≤ allocated;
 * shrinking to 0 reallocates to 0 bytes, which pymalloc answers with a raw block
 * (docs/cpython-3.11.md#realloc).
 */
import { KIND_LIST, listCapacityFor, POINTER_BYTES } from '../objects/kinds.js';
import { releaseDetached } from './dealloc.js';
import { EMPTY } from '../objects/refStore.js';
import type { Runtime } from './runtime.js';
import { AT_LIST_GROWTH, AT_LIST_SHRINK, atBoundary, LIST_DEL_KEPT_ARRAY, LIST_POP_CLEARED, LIST_SHRINK_TO_ZERO } from './features.js';

/** `list_resize`: make room for `newsize` items. */
export function listResize(rt: Runtime, h: number, newsize: number): void {
  const t = rt.table;
  atBoundary(rt.features, AT_LIST_GROWTH, newsize - t.cap[h]);
  if (newsize < t.len[h]) atBoundary(rt.features, AT_LIST_SHRINK, newsize - (t.cap[h] >> 1));
  const capacity = listCapacityFor(newsize, t.len[h], t.cap[h]);
  if (capacity >= 0) {
    t.bufAddr[h] = rt.heap.realloc(t.bufAddr[h], capacity * POINTER_BYTES);
    t.off[h] = rt.refs.resize(t.off[h], t.cap[h], capacity, Math.min(t.len[h], newsize));
    t.cap[h] = capacity;
    if (capacity === 0) rt.features[LIST_SHRINK_TO_ZERO]++;
  }
  t.len[h] = newsize;
}

/** `PyList_New(n)` items: a zeroed array of exactly n slots (none for n = 0). */
export function listInitItems(rt: Runtime, h: number, n: number): void {
  const t = rt.table;
  if (n === 0) return;
  t.bufAddr[h] = rt.heap.malloc(n * POINTER_BYTES);
  t.off[h] = rt.refs.allocate(n);
  t.cap[h] = n;
  t.len[h] = n;
}

export function listAppend(rt: Runtime, h: number, item: number): void {
  const t = rt.table;
  const n = t.len[h];
  listResize(rt, h, n + 1);
  rt.refs.cells[t.off[h] + n] = item;
  if (item >= 0) rt.incref(item);
}

/**
 * `list.pop(i)`: close the gap and resize; the item's reference goes to the caller, which releases it
 * (after the eval-breaker check of the call's return). Taking the last item clears the list instead
 * under a profile that says so (3.12 on: `_list_clear` with the item kept, its array freed).
 */
export function listPop(rt: Runtime, h: number, index: number): number {
  const t = rt.table;
  if (t.len[h] === 1 && rt.popOfLastItemClears) {
    const item = rt.refs.cells[t.off[h]]; // the only item, whichever index named it
    if (item >= 0) rt.incref(item); // the caller's; the clear releases the list's
    rt.features[LIST_POP_CLEARED]++;
    listClear(rt, h);
    return item;
  }
  return takeItem(rt, h, index, false);
}

/**
 * Item `index` out of list h, its reference now the caller's: the items after it move down one cell;
 * then the array is resized to the new length or, with `keepArray`, left as it is (its last cell emptied).
 */
function takeItem(rt: Runtime, h: number, index: number, keepArray: boolean): number {
  const t = rt.table;
  const n = t.len[h];
  const i = index < 0 ? n + index : index;
  const cells = rt.refs.cells;
  const off = t.off[h];
  const item = cells[off + i];
  cells.copyWithin(off + i, off + i + 1, off + n);
  if (keepArray) {
    cells[off + n - 1] = EMPTY;
    t.len[h] = n - 1;
  } else listResize(rt, h, n - 1);
  return item;
}

/**
 * `del list[i]`: `list_ass_slice`, which clears (and frees the array of) a list it would empty, and
 * otherwise closes the gap and resizes; under a profile whose `del` keeps the array (3.13:
 * `list_ass_item`) only the gap is closed. The item is released last.
 */
export function listDelItem(rt: Runtime, h: number, index: number): void {
  const t = rt.table;
  if (rt.delItemKeepsArray) {
    const item = takeItem(rt, h, index, true);
    rt.features[LIST_DEL_KEPT_ARRAY]++;
    if (item >= 0) rt.decref(item);
    return;
  }
  if (t.len[h] === 1) return listClear(rt, h);
  const item = takeItem(rt, h, index, false);
  if (item >= 0) rt.decref(item);
}

export function listSetItem(rt: Runtime, h: number, index: number, item: number): void {
  const t = rt.table;
  const i = index < 0 ? t.len[h] + index : index;
  const cell = t.off[h] + i;
  const previous = rt.refs.cells[cell];
  rt.refs.cells[cell] = item;
  if (item >= 0) rt.incref(item);
  if (previous >= 0) rt.decref(previous);
}

/** `_list_clear`: detach the items, release them last to first, then free the array. */
export function listClear(rt: Runtime, h: number): void {
  const t = rt.table;
  if (t.bufAddr[h] === 0 && t.len[h] === 0) return;
  const run = t.off[h];
  const runCap = t.cap[h];
  const n = t.len[h];
  const buffer = t.bufAddr[h];
  t.off[h] = -1;
  t.len[h] = 0;
  t.cap[h] = 0;
  t.bufAddr[h] = 0;
  releaseDetached(rt, run, runCap, n, KIND_LIST, buffer, 0);
}
