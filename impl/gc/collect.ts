/*
 * The cyclic garbage collector, as `Modules/gcmodule.c` (3.11) runs `gc_collect_main`
 * (docs/cpython-3.11.md#collection-phases).
 *
 * Generations are circular doubly linked lists through the gcNext/gcPrev columns, with head rows GEN0,
 * GEN1, GEN2 and PERMANENT; a collection of generation g merges the younger lists into list g ("young")
 * and survivors are merged into g+1 ("old"). gc_refs live in their own column, so the lists keep their
 * prev links throughout (CPython borrows them).
 *
 *   updateRefs          gc_refs = refcount, and mark every young object COLLECTING
 *   subtractRefs        minus one for every reference from a young object: what is left counts
 *                       references from outside young
 *   moveUnreachable     walk young in order; gc_refs > 0 is reachable: traverse it, marking what it
 *                       reaches; gc_refs == 0 moves (tentatively) to UNREACHABLE_LIST, and moves back to
 *                       young's tail if something reachable points to it later. A chain A←B←C ends up
 *                       reordered C, B, A, which is why tuple untracking depends on the order.
 *   untrackTuples       survivors: tuples whose items may not be tracked stop being tracked
 *   promotion           young → old (gen 1 feeds long_lived_pending); a full collection untracks dicts
 *                       instead and resets the long-lived counters
 *   handleWeakrefs      clear every weakref that is garbage or points to garbage; then call back those
 *                       that are not garbage themselves, moving them to old
 *   finalizeGarbage     PEP 442: `__del__` once per object (Lazarus resurrects into `revived`)
 *   handleResurrectedObjects  deduce unreachability again within the garbage; what is reachable now
 *                       goes to old and is not counted
 *   deleteGarbage       DEBUG_SAVEALL: to gc.garbage; otherwise tp_clear each object, which breaks the
 *                       cycles and lets refcounting free everything
 *   clearFreelists      after a full collection
 *
 * Python code a collection runs (callbacks, `__del__`s, and those of objects its frees kill) starts
 * with an eval-breaker check (runtime.ts `evalBreaker`): under a 'nest' profile (3.12) a pending
 * collection runs inside this one. The nested collection takes the second set of working-list heads
 * (objectTable.ts), so this collection's unreachable objects and weakrefs waiting for their callbacks
 * stay on this one's lists, in no generation: the nested one neither scans nor moves them, and their
 * references count as from outside (their COLLECTING flags are never read: nothing the nested
 * collection scans refers to an object this one found unreachable).
 *
 * Invariants: between collections every tracked object is in exactly one of GEN0..GEN2, PERMANENT; no
 * flag but FINALIZED survives a collection; no object of the collected generations is freed unless
 * nothing outside them reaches it.
 */
import type { CollectionRecord } from '../../contract/trace.js';
import { INSTANCE_SLOTS, KIND_DICT, KIND_FIN, KIND_LAZARUS, KIND_LIST, KIND_TUPLE, KIND_WEAKREF, isInstanceKind } from '../objects/kinds.js';
import * as kinds from '../objects/kinds.js';
import {
  COLLECTING, COLLECTION_LISTS, FINALIZED, GEN0, HAS_CALLBACK, MAX_COLLECTION_DEPTH, NO_HANDLE, STILL_UNREACHABLE, UNREACHABLE,
  UNREACHABLE_LIST, WEAKREF_CALLBACKS,
} from '../objects/objectTable.js';
import { EMPTY } from '../objects/refStore.js';
import { dictClear } from '../runtime/dicts.js';
import { listAppend, listClear } from '../runtime/lists.js';
import type { Runtime } from '../runtime/runtime.js';
import { mayBeTracked } from '../runtime/tracking.js';
import { unlinkWeakref } from '../runtime/weakrefs.js';
import { clearFreelists } from './clearFreelists.js';
import { gcListIsEmpty, gcListMerge, gcListMove, gcListRemove, gcListSize } from './gcList.js';
import { childCount, childStride, firstChildCell } from './traverse.js';
import {
  AT_LONG_LIVED, AT_THRESHOLD_1, AT_THRESHOLD_2, atBoundary, COLLECT_AUTO, COLLECT_LONG_LIVED_SKIP, PENDING_IN_COLLECTION, DICT_UNTRACKED, FINALIZER_GC, GC_REFS_COMPUTED, RESURRECTION_GC, SAVEALL_APPEND,
  TUPLE_UNTRACKED, WEAKREF_CALLBACK_GC, WEAKREF_CALLBACK_SUPPRESSED, WEAKREF_GARBAGE_CLEARED, recordCollection,
} from '../runtime/features.js';

// Local copies of the dict entry layout, which V8 folds into the code (objects/kinds.ts).
const { DICT_ENTRY_VALUE, dictEntry } = kinds;

type Gen = 0 | 1 | 2;

/** `gc_collect_generations`: the oldest generation over its threshold, with the long-lived rule; whether one ran. */
export function collectGenerations(rt: Runtime): boolean {
  const gc = rt.gc;
  for (let g = 2; g >= 0; g--) {
    if (g > 0) atBoundary(rt.features, g === 2 ? AT_THRESHOLD_2 : AT_THRESHOLD_1, gc.count[g] - gc.threshold[g]);
    if (gc.count[g] <= gc.threshold[g]) continue;
    if (g === 2) atBoundary(rt.features, AT_LONG_LIVED, gc.longLivedPending - Math.floor(gc.longLivedTotal / 4));
    if (g === 2 && gc.longLivedPending < Math.floor(gc.longLivedTotal / 4)) continue;
    rt.features[COLLECT_AUTO + g]++;
    if (g < 2 && gc.count[2] > gc.threshold[2]) rt.features[COLLECT_LONG_LIVED_SKIP]++;
    collect(rt, g as Gen);
    return true;
  }
  return false;
}

export function collect(rt: Runtime, generation: Gen): CollectionRecord {
  const gc = rt.gc;
  const t = rt.table;
  if (gc.depth === MAX_COLLECTION_DEPTH) throw new Error('impl: a collection nested two deep');
  // This collection's working lists: the first set, or the second inside another collection.
  const lists = COLLECTION_LISTS * gc.depth++;
  const outer = gc.collecting; // a nested collection leaves the outer one running
  gc.collecting = true;
  if (rt.pages !== null) rt.pages.scan(t, generation); // fork: the GC links of every object scanned
  if (generation < 2) gc.count[generation + 1]++;
  for (let g = 0; g <= generation; g++) gc.count[g] = 0;

  for (let g = 0; g < generation; g++) gcListMerge(t, GEN0 + g, GEN0 + generation);
  const young = GEN0 + generation;
  const old = generation === 2 ? young : young + 1;

  const refsComputedBefore = rt.features[GC_REFS_COMPUTED];
  const unreachable = UNREACHABLE_LIST + lists;
  const stillUnreachable = STILL_UNREACHABLE + lists;
  deduceUnreachable(rt, young, unreachable);
  const youngObjects = rt.features[GC_REFS_COMPUTED] - refsComputedBefore;
  untrackTuples(rt, young);
  if (young !== old) {
    if (generation === 1) gc.longLivedPending += gcListSize(t, young);
    gcListMerge(t, young, old);
  } else {
    untrackDicts(rt, young);
    gc.longLivedPending = 0;
    gc.longLivedTotal = gcListSize(t, young);
  }

  handleWeakrefs(rt, unreachable, WEAKREF_CALLBACKS + lists, old);
  const finalizersRan = finalizeGarbage(rt, unreachable);
  handleResurrectedObjects(rt, unreachable, stillUnreachable, old, finalizersRan);
  const unreachableObjects = rt.features[GC_REFS_COMPUTED] - refsComputedBefore - youngObjects;
  const collected = gcListSize(t, stillUnreachable);
  deleteGarbage(rt, stillUnreachable, old);
  if (generation === 2) clearFreelists(rt);

  gc.collections[generation]++;
  gc.collected[generation] += collected;
  recordCollection(rt.features, generation, youngObjects, unreachableObjects, collected);
  const record: CollectionRecord = { generation, collected, uncollectable: 0 };
  rt.events.collections.push(record);
  gc.collecting = outer;
  gc.depth--;
  return record;
}

function deduceUnreachable(rt: Runtime, young: number, unreachable: number): void {
  updateRefs(rt, young);
  subtractRefs(rt, young);
  moveUnreachable(rt, young, unreachable);
}

function updateRefs(rt: Runtime, head: number): void {
  const t = rt.table;
  let computed = 0;
  for (let h = t.gcNext[head]; h !== head; h = t.gcNext[h]) {
    t.gcRefs[h] = t.refcnt[h];
    t.flags[h] |= COLLECTING;
    computed++;
  }
  rt.features[GC_REFS_COMPUTED] += computed;
}

/** The loops below walk each object's child cells (traverse.ts) themselves: no visitor, no call per reference. */
function subtractRefs(rt: Runtime, head: number): void {
  const t = rt.table;
  const { gcNext, flags, gcRefs, kind } = t;
  const cells = rt.refs.cells;
  for (let h = gcNext[head]; h !== head; h = gcNext[h]) {
    const stride = childStride(kind[h]);
    for (let k = childCount(t, h, stride), cell = firstChildCell(t, h, stride); k > 0; k--, cell += stride) {
      const c = cells[cell];
      if (c >= 0 && (flags[c] & COLLECTING) !== 0) gcRefs[c]--;
    }
  }
}

function moveUnreachable(rt: Runtime, young: number, unreachable: number): void {
  const t = rt.table;
  const { gcNext, flags, gcRefs, kind } = t;
  const cells = rt.refs.cells;
  let h = gcNext[young];
  while (h !== young) {
    if (gcRefs[h] > 0) {
      // Reachable: so is everything it references (visit_reachable).
      const stride = childStride(kind[h]);
      for (let k = childCount(t, h, stride), cell = firstChildCell(t, h, stride); k > 0; k--, cell += stride) {
        const c = cells[cell];
        if (c < 0) continue;
        const f = flags[c];
        if ((f & COLLECTING) === 0) continue;
        if (f & UNREACHABLE) {
          gcListMove(t, c, young);
          flags[c] = f & ~UNREACHABLE;
          gcRefs[c] = 1;
        } else if (gcRefs[c] === 0) {
          gcRefs[c] = 1;
        }
      }
      flags[h] &= ~COLLECTING;
      h = gcNext[h];
    } else {
      const next = gcNext[h];
      gcListMove(t, h, unreachable);
      flags[h] |= UNREACHABLE;
      h = next;
    }
  }
}

function clearUnreachableMask(rt: Runtime, head: number): void {
  const t = rt.table;
  for (let h = t.gcNext[head]; h !== head; h = t.gcNext[h]) t.flags[h] &= ~UNREACHABLE;
}

function untrackTuples(rt: Runtime, head: number): void {
  const t = rt.table;
  const cells = rt.refs.cells;
  const untracked: number[] = [];
  rt.events.untrackedTuples.push(untracked);
  for (let h = t.gcNext[head]; h !== head; ) {
    const next = t.gcNext[h];
    if (t.kind[h] === KIND_TUPLE) {
      let untrack = true;
      for (let i = 0; i < t.len[h] && untrack; i++) if (mayBeTracked(rt, cells[t.off[h] + i])) untrack = false;
      if (untrack) {
        gcListRemove(t, h);
        untracked.push(t.id[h]);
        rt.features[TUPLE_UNTRACKED]++;
      }
    }
    h = next;
  }
}

function untrackDicts(rt: Runtime, head: number): void {
  const t = rt.table;
  const cells = rt.refs.cells;
  for (let h = t.gcNext[head]; h !== head; ) {
    const next = t.gcNext[h];
    if (t.kind[h] === KIND_DICT) {
      let untrack = true;
      for (let i = 0; i < t.len[h] && untrack; i++) {
        if (mayBeTracked(rt, cells[dictEntry(t.off[h], i) + DICT_ENTRY_VALUE])) untrack = false;
      }
      if (untrack) gcListRemove(t, h);
      if (untrack) rt.features[DICT_UNTRACKED]++;
    }
    h = next;
  }
}

/**
 * Also clears the UNREACHABLE mask of the unreachable list (clear_unreachable_mask), in the same walk.
 * The weakrefs to call back wait on `toCall` (private) until their callback has run; the first
 * callback's entry is an eval-breaker check.
 */
function handleWeakrefs(rt: Runtime, unreachable: number, toCall: number, old: number): void {
  const t = rt.table;
  for (let h = t.gcNext[unreachable]; h !== unreachable; h = t.gcNext[h]) {
    t.flags[h] &= ~UNREACHABLE;
    if (KIND_WEAKREF === t.kind[h] && t.aux[h] >= 0) rt.features[WEAKREF_GARBAGE_CLEARED]++;
    if (t.kind[h] === KIND_WEAKREF && t.aux[h] !== NO_HANDLE) unlinkWeakref(rt, h);
    if (!isInstanceKind(t.kind[h])) continue;
    while (t.wrHead[h] !== NO_HANDLE) {
      const w = t.wrHead[h];
      unlinkWeakref(rt, w);
      if ((t.flags[w] & (HAS_CALLBACK | COLLECTING)) === (HAS_CALLBACK | COLLECTING)) rt.features[WEAKREF_CALLBACK_SUPPRESSED]++;
      if ((t.flags[w] & HAS_CALLBACK) === 0 || (t.flags[w] & COLLECTING) !== 0) continue;
      t.flags[w] &= ~UNREACHABLE; // a weakref leaving the unreachable list (if it was on it) leaves its mask
      gcListMove(t, w, toCall);
    }
  }
  if (rt.gc.pending && !gcListIsEmpty(t, toCall)) rt.evalBreaker(PENDING_IN_COLLECTION);
  while (!gcListIsEmpty(t, toCall)) {
    const w = t.gcNext[toCall];
    if (rt.recordEvents) rt.events.callbacks.push(t.id[w]);
    rt.features[WEAKREF_CALLBACK_GC]++;
    gcListMove(t, w, old);
  }
}

/**
 * CPython moves each object to a "seen" list before calling its `__del__`, because arbitrary code may
 * change the list; the prelude's finalizers only append to `revived`, which moves no GC list, and a
 * collection nested at the first one's entry leaves this private list alone, so the walk is in place
 * (same order, same result). Whether any `__del__` ran is the result.
 */
function finalizeGarbage(rt: Runtime, collectable: number): boolean {
  const t = rt.table;
  let ran = false;
  for (let h = t.gcNext[collectable]; h !== collectable; h = t.gcNext[h]) {
    const kind = t.kind[h];
    if ((kind === KIND_FIN || kind === KIND_LAZARUS) && (t.flags[h] & FINALIZED) === 0) {
      t.flags[h] |= FINALIZED;
      if (!ran && rt.gc.pending) rt.evalBreaker(PENDING_IN_COLLECTION); // the first `__del__`'s entry
      ran = true;
      if (rt.recordEvents) rt.events.finalized.push(t.id[h]);
      rt.features[FINALIZER_GC]++;
      if (kind === KIND_LAZARUS) listAppend(rt, rt.revived, h);
      if (kind === KIND_LAZARUS) rt.features[RESURRECTION_GC]++;
    }
  }
  return ran;
}

/**
 * CPython first clears COLLECTING on the unreachable list so that deduce_unreachable can run on it
 * again; here every object on it still has the flag and update_refs sets it anyway, so there is no
 * separate walk.
 *
 * Only a finalizer can make garbage reachable again. When none ran in this collection, nothing has
 * changed a reference since the first deduction: every reference to the unreachable set still comes
 * from inside it, so deducing again would find every gc_refs 0 and move the whole list, in order, to
 * still_unreachable, leaving the same flags and gc_refs (0) — the list is moved in one step instead,
 * and its objects still count as gc_refs computed, as they would have been.
 */
function handleResurrectedObjects(rt: Runtime, unreachable: number, stillUnreachable: number, old: number, finalizersRan: boolean): void {
  const t = rt.table;
  if (!finalizersRan) {
    rt.features[GC_REFS_COMPUTED] += gcListSize(t, unreachable);
    gcListMerge(t, unreachable, stillUnreachable);
    return;
  }
  deduceUnreachable(rt, unreachable, stillUnreachable);
  clearUnreachableMask(rt, stillUnreachable);
  gcListMerge(t, unreachable, old);
}

function deleteGarbage(rt: Runtime, collectable: number, old: number): void {
  const t = rt.table;
  while (!gcListIsEmpty(t, collectable)) {
    const h = t.gcNext[collectable];
    if (rt.gc.saveAll) {
      listAppend(rt, rt.garbage, h);
      rt.features[SAVEALL_APPEND]++;
    } else {
      t.refcnt[h]++;
      clearObject(rt, h);
      rt.decref(h);
    }
    if (t.gcNext[collectable] === h) {
      t.flags[h] &= ~COLLECTING;
      gcListMove(t, h, old);
    }
  }
}

/** `tp_clear`: lists and dicts are emptied, slots cleared one by one, weakrefs cut; tuples have none. */
function clearObject(rt: Runtime, h: number): void {
  const t = rt.table;
  const kind = t.kind[h];
  if (kind === KIND_LIST) listClear(rt, h);
  else if (kind === KIND_DICT) dictClear(rt, h);
  else if (kind === KIND_WEAKREF) {
    if (t.aux[h] !== NO_HANDLE) unlinkWeakref(rt, h);
    t.flags[h] &= ~HAS_CALLBACK;
  } else if (isInstanceKind(kind)) {
    for (let i = 0; i < INSTANCE_SLOTS; i++) {
      const cell = t.off[h] + i;
      const child = rt.refs.cells[cell];
      if (child < 0) continue;
      rt.refs.cells[cell] = EMPTY;
      rt.decref(child);
    }
  }
}


