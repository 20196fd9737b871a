/*
 * Weak references (`Objects/weakrefobject.c`). Each referent keeps a doubly linked list of its weakrefs
 * (wrHead on the referent, wrNext/wrPrev on the weakrefs, aux = the referent or NO_HANDLE once cleared).
 * The callback-less weakref, if any, is at the head and is shared by every `weakref.ref(x)` without a
 * callback; weakrefs with a callback go right after it, so they sit newest first.
 */
import { WEAKREF_BYTES, KIND_WEAKREF } from '../objects/kinds.js';
import { HAS_CALLBACK, NO_HANDLE } from '../objects/objectTable.js';
import type { Runtime } from './runtime.js';
import { PENDING_AT_CALLBACK, WEAKREF_CALLBACK_REFCOUNT, WEAKREF_CLEARED_REFCOUNT, WEAKREF_SHARED_REUSED } from './features.js';

const isBasic = (rt: Runtime, w: number) => w !== NO_HANDLE && (rt.table.flags[w] & HAS_CALLBACK) === 0;

/** `weakref.ref(x[, on_clear])`: the shared callback-less weakref, or a new one. */
export function newWeakref(rt: Runtime, referent: number, callback: boolean): number {
  const t = rt.table;
  if (!callback && isBasic(rt, t.wrHead[referent])) {
    rt.incref(t.wrHead[referent]);
    rt.features[WEAKREF_SHARED_REUSED]++;
    return t.wrHead[referent];
  }
  const address = rt.allocateGcMemory(WEAKREF_BYTES);
  const w = rt.newObject(KIND_WEAKREF, address, WEAKREF_BYTES, true);
  t.aux[w] = referent;
  if (callback) t.flags[w] |= HAS_CALLBACK;
  const head = t.wrHead[referent];
  if (callback && isBasic(rt, head)) insertAfter(rt, w, head);
  else insertHead(rt, w, referent);
  return w;
}

function insertHead(rt: Runtime, w: number, referent: number): void {
  const t = rt.table;
  const head = t.wrHead[referent];
  t.wrPrev[w] = NO_HANDLE;
  t.wrNext[w] = head;
  if (head !== NO_HANDLE) t.wrPrev[head] = w;
  t.wrHead[referent] = w;
}

function insertAfter(rt: Runtime, w: number, prev: number): void {
  const t = rt.table;
  const next = t.wrNext[prev];
  t.wrPrev[w] = prev;
  t.wrNext[w] = next;
  if (next !== NO_HANDLE) t.wrPrev[next] = w;
  t.wrNext[prev] = w;
}

/** `clear_weakref` / `_PyWeakref_ClearRef`: detach a weakref from its referent. */
export function unlinkWeakref(rt: Runtime, w: number): void {
  const t = rt.table;
  const referent = t.aux[w];
  const prev = t.wrPrev[w];
  const next = t.wrNext[w];
  if (prev !== NO_HANDLE) t.wrNext[prev] = next;
  else t.wrHead[referent] = next;
  if (next !== NO_HANDLE) t.wrPrev[next] = prev;
  t.aux[w] = NO_HANDLE;
  t.wrNext[w] = NO_HANDLE;
  t.wrPrev[w] = NO_HANDLE;
}

/**
 * `PyObject_ClearWeakRefs` on the refcount path: clear them all; those with a callback call back, once
 * all are cleared. With a collection pending, the first callback's entry runs it (runtime.ts
 * `evalBreaker`) while the calls hold the weakrefs calling back; they are let go after, last first.
 */
export function clearWeakrefsTo(rt: Runtime, referent: number, callBack: boolean): void {
  const t = rt.table;
  const hold = callBack && rt.gc.pending ? callingBack : null;
  if (hold) hold.length = 0;
  while (t.wrHead[referent] !== NO_HANDLE) {
    const w = t.wrHead[referent];
    unlinkWeakref(rt, w);
    if (callBack && (t.flags[w] & HAS_CALLBACK) !== 0 && rt.recordEvents) rt.events.callbacks.push(t.id[w]);
    rt.features[WEAKREF_CLEARED_REFCOUNT]++;
    if (callBack && (HAS_CALLBACK & t.flags[w]) !== 0) {
      rt.features[WEAKREF_CALLBACK_REFCOUNT]++;
      hold?.push(w);
    }
  }
  if (hold === null || hold.length === 0 || !rt.gc.pending) return;
  const held = hold.slice(); // a nested check could reuse the scratch
  for (const w of held) rt.incref(w);
  rt.evalBreaker(PENDING_AT_CALLBACK);
  for (let i = held.length - 1; i >= 0; i--) rt.decref(held[i]);
}

/** Scratch: the weakrefs with a callback of the referent being cleared (only with a collection pending). */
const callingBack: number[] = [];
