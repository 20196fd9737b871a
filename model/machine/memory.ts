/*
 * Memory operations of the model, in the order CPython performs them, so that tracemalloc's current and
 * peak come out right: an allocation is traced when it happens, a block freed when it is freed.
 *
 *   list_resize    realloc of the items array when the capacity changes (`listCapacity`);
 *   dict insert    the first key allocates an 8-slot keys table; a new key finding no usable entry
 *                  resizes to the smallest table ≥ 3·used (new table first, then the old one freed);
 *   keys tables    of 8 slots come from and go back to the keys freelist when it has one / has room;
 *   a clear        detaches the array or table, releases the values, then frees it.
 *
 * `revived` and `gc.garbage` are lists too: `Lazarus.__del__` grows `revived` from prelude code
 * (traced at PRELUDE_LINE), the collector grows `gc.garbage` from the running statement's line.
 */
import { KEYS_FREELIST_MAX } from './freelists.js';
import type { ModelObject } from './heap.js';
import type { ModelMachine } from './machine.js';
import {
  DICT_LOG_MINSIZE, keysBytes, listCapacity, log2For, usable, type KeysTable, type ListMemory, type ObjectMemory,
} from './objectMemory.js';
import type { MemBlock } from './tracemalloc.js';

export function memoryOf(m: ModelMachine, o: ModelObject): ObjectMemory {
  const mem = m.memory.get(o.id);
  if (!mem) throw new Error(`model: no memory for object ${o.id}`);
  return mem;
}

/** `list_resize` from `oldsize` to `newsize` items. */
export function resizeList(m: ModelMachine, lm: ListMemory, oldsize: number, newsize: number): void {
  const capacity = listCapacity(newsize, oldsize, lm.capacity);
  if (capacity === null) return;
  lm.items = m.tracer.reallocate(lm.items, 8 * capacity);
  lm.capacity = capacity;
}

/** `PyList_New(n)`: exactly n slots, no array for n = 0. */
export function newListMemory(m: ModelMachine, n: number): ListMemory {
  return { items: n === 0 ? null : m.tracer.allocate(8 * n), capacity: n };
}

/** A list's array leaves it (`_list_clear`); the caller frees it after releasing the items. */
export function detachItems(lm: ListMemory): MemBlock | null {
  const items = lm.items;
  lm.items = null;
  lm.capacity = 0;
  return items;
}

export function allocateKeys(m: ModelMachine, log2: number): KeysTable {
  const reused = log2 === DICT_LOG_MINSIZE ? m.freelists.keys.pop() : undefined;
  return { block: reused ?? m.tracer.allocate(keysBytes(log2)), log2, entries: 0 };
}

export function freeKeys(m: ModelMachine, keys: KeysTable | null | undefined): void {
  if (!keys) return;
  if (keys.log2 === DICT_LOG_MINSIZE && m.freelists.keys.length < KEYS_FREELIST_MAX) m.freelists.keys.push(keys.block);
  else m.tracer.free(keys.block);
}

/** Before a new key goes into a dict holding `used` live entries: room for it. */
export function makeRoomForKey(m: ModelMachine, mem: ObjectMemory, used: number): void {
  if (!mem.keys) mem.keys = allocateKeys(m, DICT_LOG_MINSIZE);
  else if (mem.keys.entries >= usable(mem.keys.log2)) {
    const old = mem.keys;
    mem.keys = allocateKeys(m, log2For(3 * used));
    mem.keys.entries = used;
    freeKeys(m, old);
  }
  mem.keys.entries++;
}

/** The object's own block goes to its freelist or is freed; its array or table is freed first. */
export function freeObjectMemory(m: ModelMachine, o: ModelObject, onFreelist: (block: MemBlock) => boolean): void {
  const mem = memoryOf(m, o);
  m.memory.delete(o.id);
  m.pages.write(m.pages.headerAddress(o.type, mem.block.addr)); // the decref to zero (after a fork)
  if (mem.list?.items) m.tracer.free(mem.list.items);
  freeKeys(m, mem.keys);
  if (!onFreelist(mem.block)) m.tracer.free(mem.block);
}

/** Append to `revived` (from `Lazarus.__del__`, prelude code) or `gc.garbage` (from the collector). */
export function appendToRootList(m: ModelMachine, which: 'revived' | 'garbage', id: number): void {
  const list = m.heap[which];
  if (which === 'revived') m.tracer.preludeDepth++;
  resizeList(m, m.rootLists[which], list.length, list.length + 1);
  if (which === 'revived') m.tracer.preludeDepth--;
  list.push(id);
}

/** `revived.clear()`, `gc.garbage.clear()`: the items leave, are released, then the array is freed. */
export function clearRootList(m: ModelMachine, which: 'revived' | 'garbage', release: (values: number[]) => void): void {
  const items = detachItems(m.rootLists[which]);
  release(m.heap[which].splice(0).reverse());
  if (items) m.tracer.free(items);
}
