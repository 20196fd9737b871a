/*
 * The memory behind each model object: what CPython asks the allocator for
 * (docs/cpython-3.11.md#object-sizes), so that
 * tracemalloc's traces and `sys.getsizeof` can be told from the object graph.
 *
 *   object block   list 56, dict 64, tuple 40 + 8n, weakref 80, bytes 33 + n, Obj/Fin/Lazarus the
 *                  version's (64 in 3.11, 72 from 3.12: contract/cpythonProfiles.ts)
 *                  (GC objects include the 16-byte GC header); from a freelist or newly allocated
 *   list items     8 × capacity, a separate block (none until the first item; `list_resize` rule)
 *   dict keys      32 + 8-slot index + 16 per usable entry (string keys), none while the dict is empty
 *
 * `getsizeof` = object size + items or keys table: list 56 + 8·capacity, dict 64 + keys.
 * Capacities follow `list_resize` and dict growth as docs/cpython-3.11.md#list-growth and #dict-growth
 * state them; the model recomputes them here by the stated rules, one operation at a time.
 */
import type { ObjectType } from '../../contract/trace.js';
import type { InstanceLayout } from '../../contract/cpythonProfiles.js';
import { isInstanceType, type ModelObject } from './heap.js';
import type { MemBlock } from './tracemalloc.js';

/** A list's items array (also the prelude's `revived` and `gc.garbage` lists). */
export interface ListMemory {
  items: MemBlock | null;
  capacity: number;
}

/** A dict's keys table: 2^log2 slots, entries used so far (deleted ones included). */
export interface KeysTable {
  block: MemBlock;
  log2: number;
  entries: number;
}

export interface ObjectMemory {
  block: MemBlock;
  list?: ListMemory;
  keys?: KeysTable | null;
}

export const DICT_LOG_MINSIZE = 3;

/** The request for the object itself; an instance's is its version's `instance` layout's. */
export function objectBytes(o: { type: ObjectType; items?: unknown[]; size?: number }, instance: InstanceLayout): number {
  switch (o.type) {
    case 'list': return 56;
    case 'dict': return 64;
    case 'tuple': return 40 + 8 * o.items!.length;
    case 'weakref': return 80;
    case 'bytes': return 33 + o.size!;
    default: return instance.blockBytes;
  }
}

export const usable = (log2: number) => Math.floor((2 * 2 ** log2) / 3);

export function keysBytes(log2: number): number {
  const slots = 2 ** log2;
  const indexBytes = log2 < 8 ? slots : log2 < 16 ? 2 * slots : log2 < 32 ? 4 * slots : 8 * slots;
  return 32 + indexBytes + 16 * usable(log2);
}

/** The smallest table (8 slots at least) with `minsize` slots. */
export function log2For(minsize: number): number {
  let log2 = DICT_LOG_MINSIZE;
  while (2 ** log2 < minsize) log2++;
  return log2;
}

/** `dict_new_presized` for a literal of n entries: 0 (start empty) up to 5, else a table sized ahead. */
export function presizedLog2(n: number): number {
  return n <= usable(DICT_LOG_MINSIZE) ? 0 : log2For(Math.floor((3 * n + 1) / 2));
}

/** `list_resize`: the capacity for `newsize` items, or null when the current one already fits. */
export function listCapacity(newsize: number, oldsize: number, capacity: number): number | null {
  if (capacity >= newsize && newsize >= Math.floor(capacity / 2)) return null;
  if (newsize === 0) return 0;
  const grown = (newsize + (newsize >> 3) + 6) & ~3;
  return newsize - oldsize > grown - newsize ? (newsize + 3) & ~3 : grown;
}

/** `sys.getsizeof`. */
export function getsizeof(o: ModelObject, mem: ObjectMemory, instance: InstanceLayout): number {
  if (o.type === 'list') return 56 + 8 * mem.list!.capacity;
  if (o.type === 'dict') return 64 + (mem.keys ? keysBytes(mem.keys.log2) : 0);
  if (isInstanceType(o.type)) return instance.getsizeof;
  return mem.block.size;
}
