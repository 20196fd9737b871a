/*
 * Refcount deallocation (docs/cpython-3.11.md#refcount-deallocation), in CPython's order:
 *
 *   1. untrack; a Fin/Lazarus not yet finalized is re-tracked in generation 0 and its `__del__` runs
 *      (`subtype_dealloc` → `PyObject_CallFinalizerFromDealloc`, refcount 1 for the call: the entry of
 *      `__del__` is an eval-breaker check, and a collection pending there sees the object held); a
 *      Lazarus appends itself to `revived` and the deallocation stops there — it stays tracked where it
 *      is (generation 0, or where that collection promoted it);
 *   2. weakrefs to it are cleared and their callbacks run (`PyObject_ClearWeakRefs`; the first
 *      callback's entry is a check, the weakrefs calling back held by the calls);
 *   3. its children are released — list and tuple items last to first, dict values first to last,
 *      slots a, b, c (gc/traverse.ts) — each one completely before the next (a frame of the
 *      ReleaseStack, pushed only once a child is about to die: children that survive their decref are
 *      released in place, and an object none of whose children die is finished at once);
 *   4. its memory: an items array or keys table first, then the object to its freelist or the allocator.
 *
 * `drainReleases` runs frames until the stack is back at `releaseBase` (0, unless a collection run by a
 * check interrupted a release: runtime.ts `evalBreaker`); decrefs made while draining only push frames.
 */
import {
  DICT_ENTRY_CELLS, DICT_ENTRY_VALUE, DICT_LOG_MINSIZE, INSTANCE_SLOTS, KIND_BYTES, KIND_DICT, KIND_LAZARUS, KIND_LIST, KIND_TUPLE,
  KIND_WEAKREF,
  hasFinalizer, isGcKind, isInstanceKind,
} from '../objects/kinds.js';
import { FINALIZED, GEN0, NO_HANDLE } from '../objects/objectTable.js';
import { gcListAppend, gcListRemove, isTracked } from '../gc/gcList.js';
import { childCount, childStride, firstChildCell } from '../gc/traverse.js';
import { FINISH_ITEMS, FINISH_KEYS, FINISH_OBJECT } from './releaseStack.js';
import type { Runtime } from './runtime.js';
import { listAppend } from './lists.js';
import { clearWeakrefsTo, unlinkWeakref } from './weakrefs.js';
import {
  FINALIZER_REFCOUNT, FREELIST_FULL_DICT, PENDING_AT_DEL, FREELIST_FULL_KEYS, FREELIST_FULL_LIST, FREELIST_FULL_TUPLE, RESURRECTION_REFCOUNT,
  TRASHCAN_DEPTH, recordReleaseDepth, atBoundary, AT_FREELIST_DICT, AT_FREELIST_KEYS, AT_FREELIST_LIST, AT_FREELIST_TUPLE,
  AT_TRASHCAN, AT_TUPLE_PUSH_LENGTH,
} from './features.js';
import { type AddressStack, TUPLE_NFREELISTS } from './freelists.js';

/** Step 1 and 2, and the frame for step 3 (or step 4 at once for a childless object). */
export function deallocate(rt: Runtime, h: number): void {
  const t = rt.table;
  if (isTracked(t, h)) gcListRemove(t, h);
  const kind = t.kind[h];
  if (hasFinalizer(kind) && (t.flags[h] & FINALIZED) === 0) {
    gcListAppend(t, h, GEN0);
    if (rt.gc.pending) {
      t.refcnt[h] = 1; // the finalizer call's reference
      rt.evalBreaker(PENDING_AT_DEL);
      t.refcnt[h] = 0;
    }
    t.flags[h] |= FINALIZED;
    if (rt.recordEvents) rt.events.finalized.push(t.id[h]);
    rt.features[FINALIZER_REFCOUNT]++;
    if (kind === KIND_LAZARUS) {
      listAppend(rt, rt.revived, h); // the reference `revived` holds is the one that resurrects it
      rt.features[RESURRECTION_REFCOUNT]++;
      if (rt.tracemalloc !== null) rt.tracemalloc.retrace(t.addr[h]); // `_Py_NewReference` after __del__
      return;
    }
    gcListRemove(t, h);
  }
  const stride = childStride(kind);
  if (stride === 0) {
    if (rt.releases.depth > TRASHCAN_DEPTH) recordReleaseDepth(rt.features, rt.releases.depth);
    return finishObject(rt, h);
  }
  if (stride === 1 && t.wrHead[h] !== NO_HANDLE) clearWeakrefsTo(rt, h, true);
  // The frame this object's children need sits at depth + 1 (counted whether or not it is pushed).
  atBoundary(rt.features, AT_TRASHCAN, rt.releases.depth + 1 - TRASHCAN_DEPTH);
  if (rt.releases.depth + 1 > TRASHCAN_DEPTH) recordReleaseDepth(rt.features, rt.releases.depth + 1);
  releaseChildren(rt, h, firstChildCell(t, h, stride), childCount(t, h, stride), stride);
}

/**
 * Step 3 and 4 for a container: children that keep other references are released in place; the first
 * child that would die gets a frame (from that cell on), so it is deallocated completely before its next
 * sibling. Without a dying child the object is finished here — what a frame on top of the stack would do
 * next anyway, without pushing one (most deaths in a collection free leaves).
 */
function releaseChildren(rt: Runtime, h: number, cell: number, left: number, stride: number): void {
  const cells = rt.refs.cells;
  const refcnt = rt.table.refcnt;
  const pages = rt.pages;
  for (; left > 0; left--, cell += stride) {
    const child = cells[cell];
    if (child < 0) continue;
    if (refcnt[child] > 1) {
      if (pages !== null) pages.refcountChanging(rt.table, child); // fork: a header written
      refcnt[child]--;
      continue;
    }
    rt.releases.push(cell, left, stride, FINISH_OBJECT, h);
    return;
  }
  finishObject(rt, h);
}

/** Release a run of cells no container owns any more (`_list_clear`, `PyDict_Clear`), then free it. */
export function releaseDetached(
  rt: Runtime, run: number, runCap: number, cells: number, kind: number, buffer: number, log2: number,
): void {
  const s = rt.releases;
  const f = kind === KIND_DICT
    ? s.push(run + DICT_ENTRY_VALUE, cells, DICT_ENTRY_CELLS, FINISH_KEYS, NO_HANDLE)
    : s.push(run + cells - 1, cells, -1, FINISH_ITEMS, NO_HANDLE);
  s.run[f] = run;
  s.runCap[f] = runCap;
  s.buffer[f] = buffer;
  s.log2[f] = log2;
  if (!rt.draining) drainReleases(rt);
}

export function drainReleases(rt: Runtime): void {
  const s = rt.releases;
  const base = rt.releaseBase;
  rt.draining = true;
  while (s.depth > base) {
    const f = s.depth - 1;
    if (s.left[f] === 0) {
      s.depth--;
      const finish = s.finish[f];
      if (finish === FINISH_OBJECT) finishObject(rt, s.owner[f]);
      else finishDetached(rt, finish, s.run[f], s.runCap[f], s.buffer[f], s.log2[f]);
      continue;
    }
    const cell = s.cell[f];
    s.cell[f] = cell + s.stride[f];
    s.left[f]--;
    const child = rt.refs.cells[cell];
    if (child >= 0) rt.decref(child);
  }
  rt.draining = false;
}

/** Step 4: the object's memory. */
export function finishObject(rt: Runtime, h: number): void {
  const t = rt.table;
  if (rt.pages !== null) rt.pages.created(t, h); // the last decref wrote its header
  const kind = t.kind[h];
  const address = t.addr[h];
  if (rt.recordEvents) rt.events.freed.push(t.id[h]);
  if (isInstanceKind(kind)) {
    // The commonest death first. An instance has no items array and no freelist.
    rt.refs.release(t.off[h], INSTANCE_SLOTS);
    freeGcMemory(rt, address);
  } else if (kind === KIND_LIST) {
    if (t.bufAddr[h] !== 0) rt.heap.free(t.bufAddr[h]);
    rt.refs.release(t.off[h], t.cap[h]);
    countFreelistPush(rt, rt.freelists.lists, AT_FREELIST_LIST, FREELIST_FULL_LIST);
    if (!rt.freelists.lists.push(address)) freeGcMemory(rt, address);
  } else if (kind === KIND_DICT) {
    freeKeys(rt, t.bufAddr[h], t.aux[h]);
    rt.refs.release(t.off[h], t.cap[h] * DICT_ENTRY_CELLS);
    countFreelistPush(rt, rt.freelists.dicts, AT_FREELIST_DICT, FREELIST_FULL_DICT);
    if (!rt.freelists.dicts.push(address)) freeGcMemory(rt, address);
  } else if (kind === KIND_TUPLE) {
    rt.refs.release(t.off[h], t.len[h]);
    if (TUPLE_NFREELISTS >= t.len[h]) countFreelistPush(rt, rt.freelists.tupleStack(t.len[h]), AT_FREELIST_TUPLE, FREELIST_FULL_TUPLE);
    atBoundary(rt.features, AT_TUPLE_PUSH_LENGTH, t.len[h] - TUPLE_NFREELISTS);
    if (!rt.freelists.pushTuple(t.len[h], address)) freeGcMemory(rt, address);
  } else if (kind === KIND_BYTES) {
    rt.heap.free(address);
  } else {
    if (kind === KIND_WEAKREF && t.aux[h] !== NO_HANDLE) unlinkWeakref(rt, h);
    if (isGcKind(kind)) freeGcMemory(rt, address);
  }
  t.freeRow(h);
}

function finishDetached(rt: Runtime, finish: number, run: number, runCap: number, buffer: number, log2: number): void {
  if (finish === FINISH_ITEMS) {
    if (buffer !== 0) rt.heap.free(buffer);
    rt.refs.release(run, runCap);
  } else {
    freeKeys(rt, buffer, log2);
    rt.refs.release(run, runCap * DICT_ENTRY_CELLS);
  }
}

/** A keys object: back on the keys freelist if it has the 8-slot shape and there is room. */
export function freeKeys(rt: Runtime, address: number, log2: number): void {
  if (log2 === 0) return; // the shared empty keys, never freed
  if (DICT_LOG_MINSIZE === log2) countFreelistPush(rt, rt.freelists.keys, AT_FREELIST_KEYS, FREELIST_FULL_KEYS);
  if (log2 === DICT_LOG_MINSIZE && rt.freelists.keys.push(address)) return;
  rt.heap.free(address);
}

/**
 * Observation only: a push about to be made onto a freelist, at the freelist's capacity boundary
 * (below; at: the push that fills it; above: it is full and refuses the push — counted as full too).
 */
function countFreelistPush(rt: Runtime, stack: AddressStack, at: number, full: number): void {
  // Each a counter statement the mutation run recognises as one (mutation/mutants.mjs): no shared local.
  atBoundary(rt.features, at, stack.length + 1 - stack.limit);
  if (stack.length === stack.limit) rt.features[full]++;
}

function freeGcMemory(rt: Runtime, address: number): void {
  rt.uncountGcObject();
  rt.heap.free(address);
}
