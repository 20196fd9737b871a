/*
 * The freelists of lists, dicts and tuples (reference §1.2). Their occupancy matters to the object
 * layer: an allocation served by a freelist is not counted in count[0], and a freed object pushed on
 * one is not uncounted. Each entry is the dead object's memory block, newest last (LIFO), because
 * tracemalloc still holds its trace: CPython keeps the memory, it does not free it. Dict keys tables of
 * the 8-slot string shape have a freelist of their own (not GC objects: no count).
 *
 * The tuple quirk is deliberate: a freed tuple of length 1..20 is pushed, but allocation pops only for
 * lengths 1..19, so length-20 tuples pile up until a full collection empties every freelist.
 */
import type { ObjectType } from '../trace.js';
import type { MemBlock } from './tracemalloc.js';

export const LIST_FREELIST_MAX = 80;
export const DICT_FREELIST_MAX = 80;
export const TUPLE_FREELIST_MAX = 2000;
export const KEYS_FREELIST_MAX = 80;
/** Pushes accept lengths below this + 1 (1..20); pops serve lengths below this (1..19). */
export const TUPLE_MAXSAVESIZE = 20;

export class Freelists {
  private readonly lists: MemBlock[] = [];
  private readonly dicts: MemBlock[] = [];
  private readonly tuples = new Map<number, MemBlock[]>();
  readonly keys: MemBlock[] = [];

  private stack(type: ObjectType, length: number): { blocks: MemBlock[]; max: number } | null {
    if (type === 'list') return { blocks: this.lists, max: LIST_FREELIST_MAX };
    if (type === 'dict') return { blocks: this.dicts, max: DICT_FREELIST_MAX };
    if (type !== 'tuple' || length > TUPLE_MAXSAVESIZE) return null;
    if (!this.tuples.has(length)) this.tuples.set(length, []);
    return { blocks: this.tuples.get(length)!, max: TUPLE_FREELIST_MAX };
  }

  /** Take an object of this type (and tuple length) from its freelist: its block, if one is there. */
  take(type: ObjectType, length: number): MemBlock | undefined {
    if (type === 'tuple' && length >= TUPLE_MAXSAVESIZE) return undefined;
    return this.stack(type, length)?.blocks.pop();
  }

  /** Keep a freed object's block on its freelist if there is room. */
  put(type: ObjectType, length: number, block: MemBlock): boolean {
    const s = this.stack(type, length);
    if (!s || s.blocks.length >= s.max) return false;
    s.blocks.push(block);
    return true;
  }

  /**
   * `clear_freelists`: empty them all (keys too), in CPython's order, which decides the allocator's free
   * lists afterwards: tuples by length 1..20, then lists, then dicts, then keys tables, each newest first.
   */
  clear(): { objects: MemBlock[]; keys: MemBlock[] } {
    const objects: MemBlock[] = [];
    for (const length of [...this.tuples.keys()].sort((a, b) => a - b)) objects.push(...this.tuples.get(length)!.splice(0).reverse());
    objects.push(...this.lists.splice(0).reverse(), ...this.dicts.splice(0).reverse());
    return { objects, keys: this.keys.splice(0).reverse() };
  }
}
