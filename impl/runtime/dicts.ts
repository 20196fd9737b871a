/*
 * Dicts with string keys, as `Objects/dictobject.c` (3.11) lays them out and allocates them.
 *
 * A dict starts on the shared empty keys (no allocation). Its first insert allocates an 8-slot keys
 * object (from the keys freelist when possible); an insert that finds no usable entry resizes to the
 * smallest power of two ≥ 3·used (`GROWTH_RATE`), compacting away deleted entries. Deleting leaves a
 * dummy entry behind: usable entries are not given back until the next resize.
 *
 * Row columns: bufAddr = keys object, aux = log2 of its table size (0 = the shared empty keys),
 * off/cap = entries run (cap entries of DICT_ENTRY_CELLS cells: key id, value; objects/kinds.ts),
 * len = entries used incl. deleted, used = live entries (`ma_used`).
 */
import { DICT_LOG_MINSIZE, KIND_DICT, dictKeysBytes, log2KeysizeFor, usableFraction } from '../objects/kinds.js';
import * as kinds from '../objects/kinds.js';
import { EMPTY } from '../objects/refStore.js';
import { gcListAppend } from '../gc/gcList.js';
import { GEN0, UNTRACKED } from '../objects/objectTable.js';
import { freeKeys, releaseDetached } from './dealloc.js';
import type { Runtime } from './runtime.js';
import { mayBeTracked } from './tracking.js';
import { AT_DICT_INDEX_WIDTH, AT_DICT_USABLE, atBoundary, DICT_RESIZE, DICT_TRACKED_ON_INSERT, FREELIST_HIT_KEYS } from './features.js';

/** log2 of the smallest table whose indices take two bytes (256 slots: `DK_IXSIZE`). */
const DICT_LOG_TWO_BYTE_INDEX = 8;

// Local copies of the entry layout, which V8 folds into the code (objects/kinds.ts).
const { DICT_ENTRY_CELLS, DICT_ENTRY_KEY, DICT_ENTRY_VALUE, dictEntry } = kinds;

/** `dict_new_presized`'s table for a literal of n entries (`estimate_log2_keysize`). */
export function presizedLog2(entries: number): number {
  return entries <= usableFraction(DICT_LOG_MINSIZE) ? 0 : log2KeysizeFor(((entries * 3 + 1) / 2) | 0);
}

/** A keys object of 2^log2 slots: from the keys freelist for the 8-slot shape, else the allocator. */
export function allocateKeys(rt: Runtime, log2: number): number {
  atBoundary(rt.features, AT_DICT_INDEX_WIDTH, log2 - DICT_LOG_TWO_BYTE_INDEX);
  const address = log2 === DICT_LOG_MINSIZE ? rt.freelists.keys.pop() : 0;
  if (address > 0) rt.features[FREELIST_HIT_KEYS]++;
  return address !== 0 ? address : rt.heap.malloc(dictKeysBytes(log2));
}

/** Give a dict a new, empty keys object (its entries run sized to the table's usable entries). */
export function attachKeys(rt: Runtime, h: number, address: number, log2: number): void {
  const t = rt.table;
  const capacity = usableFraction(log2);
  t.bufAddr[h] = address;
  t.aux[h] = log2;
  t.off[h] = rt.refs.allocate(capacity * DICT_ENTRY_CELLS);
  t.cap[h] = capacity;
  t.len[h] = 0;
}

function findEntry(rt: Runtime, h: number, key: number): number {
  const t = rt.table;
  const cells = rt.refs.cells;
  const off = t.off[h];
  for (let i = 0; i < t.len[h]; i++) if (cells[dictEntry(off, i) + DICT_ENTRY_KEY] === key) return i;
  return -1;
}

/** `insertdict`: replace the value of an existing key, or append an entry (resizing first if full). */
export function dictSetItem(rt: Runtime, h: number, key: number, value: number): void {
  const t = rt.table;
  const trackedBefore = t.gcNext[h] >= 0;
  if (t.gcNext[h] === UNTRACKED && mayBeTracked(rt, value)) gcListAppend(t, h, GEN0);
  if (!trackedBefore && t.gcNext[h] >= 0) rt.features[DICT_TRACKED_ON_INSERT]++;
  const i = t.aux[h] === 0 ? -1 : findEntry(rt, h, key);
  if (i >= 0) {
    const cell = dictEntry(t.off[h], i) + DICT_ENTRY_VALUE;
    const previous = rt.refs.cells[cell];
    rt.refs.cells[cell] = value;
    if (value >= 0) rt.incref(value);
    if (previous >= 0) rt.decref(previous);
    return;
  }
  if (t.aux[h] !== 0) atBoundary(rt.features, AT_DICT_USABLE, t.len[h] + 1 - t.cap[h]);
  if (t.aux[h] === 0) attachKeys(rt, h, allocateKeys(rt, DICT_LOG_MINSIZE), DICT_LOG_MINSIZE);
  else if (t.len[h] >= t.cap[h]) dictResize(rt, h, log2KeysizeFor(t.used[h] * 3));
  const entry = dictEntry(t.off[h], t.len[h]);
  rt.refs.cells[entry + DICT_ENTRY_KEY] = key;
  rt.refs.cells[entry + DICT_ENTRY_VALUE] = value;
  t.len[h]++;
  t.used[h]++;
  if (value >= 0) rt.incref(value);
}

/** `dictresize`: a new keys object, the live entries copied in order, then the old keys freed. */
function dictResize(rt: Runtime, h: number, log2: number): void {
  const t = rt.table;
  const oldKeys = t.bufAddr[h];
  const oldLog2 = t.aux[h];
  const oldRun = t.off[h];
  const oldCap = t.cap[h];
  const oldLen = t.len[h];
  attachKeys(rt, h, allocateKeys(rt, log2), log2);
  const cells = rt.refs.cells;
  let n = 0;
  for (let i = 0; i < oldLen; i++) {
    const from = dictEntry(oldRun, i);
    const key = cells[from + DICT_ENTRY_KEY];
    if (key === EMPTY) continue;
    const to = dictEntry(t.off[h], n);
    cells[to + DICT_ENTRY_KEY] = key;
    cells[to + DICT_ENTRY_VALUE] = cells[from + DICT_ENTRY_VALUE];
    n++;
  }
  t.len[h] = n;
  freeKeys(rt, oldKeys, oldLog2);
  rt.refs.release(oldRun, oldCap * DICT_ENTRY_CELLS);
  rt.features[DICT_RESIZE]++;
}

/** `d.pop(k)`: the entry becomes a dummy; the value's reference goes to the caller. */
export function dictPop(rt: Runtime, h: number, key: number): number {
  const i = findEntry(rt, h, key);
  const entry = dictEntry(rt.table.off[h], i);
  const value = rt.refs.cells[entry + DICT_ENTRY_VALUE];
  rt.refs.cells[entry + DICT_ENTRY_KEY] = EMPTY;
  rt.refs.cells[entry + DICT_ENTRY_VALUE] = EMPTY;
  rt.table.used[h]--;
  return value;
}

/** `del d[k]`: the entry becomes a dummy, then the value is released. */
export function dictDelItem(rt: Runtime, h: number, key: number): void {
  const value = dictPop(rt, h, key);
  if (value >= 0) rt.decref(value);
}

/** `PyDict_Clear`: back to the shared empty keys; release the values in order, then free the keys. */
export function dictClear(rt: Runtime, h: number): void {
  const t = rt.table;
  if (t.aux[h] === 0) return;
  const run = t.off[h];
  const cap = t.cap[h];
  const n = t.len[h];
  const keys = t.bufAddr[h];
  const log2 = t.aux[h];
  t.aux[h] = 0;
  t.bufAddr[h] = 0;
  t.off[h] = -1;
  t.cap[h] = 0;
  t.len[h] = 0;
  t.used[h] = 0;
  releaseDetached(rt, run, cap, n, KIND_DICT, keys, log2);
}
