/*
 * The freelists of lists, dicts and tuples (docs/cpython-3.11.md#freelists). To the object layer they
 * matter twice: an allocation served by a freelist is not counted in count[0] (and a freed object pushed
 * on one is not uncounted), and the memory a new object gets is that of the object freed LAST of its
 * kind — CPython's freelists are LIFO stacks (`PyList_New` takes `free_list[--numfree]`, `list_dealloc`
 * stores at `free_list[numfree++]`; tuples and dicts alike).
 *
 * So each freelist is a stack of entries: the id of the freed object whose memory it holds, and that
 * memory block, because tracemalloc still holds its trace (CPython keeps the memory, it does not free
 * it). An entry pushed while a collection deletes its garbage is marked unordered: the collector clears
 * garbage in the order of its young list, which the model does not keep (collect.ts, relaxations), so
 * the order among the objects one collection freed is not the model's to state. Dict keys tables of
 * the 8-slot string shape have a freelist of their own (not GC objects: no count).
 *
 * The tuple quirk is the version's (its profile's `tupleFreelistReuseMax`): a freed tuple of length
 * 1..20 is pushed, but 3.11 and 3.12.1 pop only for lengths 1..19, so length-20 tuples pile up until a
 * full collection empties every freelist; 3.13 pops them too.
 */
import type { ObjectType } from '../../contract/trace.js';
import type { MemBlock } from './tracemalloc.js';

export const LIST_FREELIST_MAX = 80;
export const DICT_FREELIST_MAX = 80;
export const TUPLE_FREELIST_MAX = 2000;
export const KEYS_FREELIST_MAX = 80;
/** Pushes accept lengths up to this (1..20); pops serve lengths up to the profile's reuse maximum. */
export const TUPLE_MAXSAVESIZE = 20;

/** The memory of a freed object, kept on a freelist. */
export interface FreelistEntry {
  /** The freed object whose memory this is. */
  id: number;
  /** False when pushed during a collection's deletion of garbage, whose order the model leaves open. */
  ordered: boolean;
  block: MemBlock;
}

export class Freelists {
  private readonly lists: FreelistEntry[] = [];
  private readonly dicts: FreelistEntry[] = [];
  private readonly tuples = new Map<number, FreelistEntry[]>();
  readonly keys: MemBlock[] = [];

  /** `reuseMax`: the longest tuple an allocation takes from its freelist (19 or 20, by version). */
  constructor(private readonly reuseMax: number) {}

  /** How many entries each freelist holds (`sys._debugmallocstats()` prints them); tuples[k-1]: length k. */
  sizes(): { lists: number; dicts: number; keys: number; tuples: number[] } {
    const tuples = Array.from({ length: TUPLE_MAXSAVESIZE }, (_, i) => this.tuples.get(i + 1)?.length ?? 0);
    return { lists: this.lists.length, dicts: this.dicts.length, keys: this.keys.length, tuples };
  }

  /** Take the most recently freed memory for this type (and tuple length), if there is any. */
  take(type: ObjectType, length: number): FreelistEntry | undefined {
    if (type === 'tuple' && length > this.reuseMax) return undefined;
    return this.stackOf(type, length)?.pop();
  }

  /** Keep a freed object's memory on its freelist if there is room. */
  put(type: ObjectType, length: number, entry: FreelistEntry): boolean {
    if (type === 'tuple' && length > TUPLE_MAXSAVESIZE) return false;
    const stack = this.stackOf(type, length);
    const limit = type === 'list' ? LIST_FREELIST_MAX : type === 'dict' ? DICT_FREELIST_MAX : TUPLE_FREELIST_MAX;
    if (!stack || stack.length >= limit) return false;
    stack.push(entry);
    return true;
  }

  /** The memory of the entries of open order (pushed by one collection) left on this freelist. */
  unorderedBlocks(type: ObjectType, length: number): MemBlock[] {
    return (this.stackOf(type, length) ?? []).filter((e) => !e.ordered).map((e) => e.block);
  }

  /**
   * `clear_freelists`: empty them all (keys too), in CPython's order, which decides the allocator's free
   * lists afterwards: tuples by length 1..20, then lists, then dicts, then keys tables, each newest first.
   */
  clear(): { objects: MemBlock[]; keys: MemBlock[] } {
    const objects: MemBlock[] = [];
    const blocks = (stack: FreelistEntry[]) => stack.splice(0).reverse().map((e) => e.block);
    for (const length of [...this.tuples.keys()].sort((a, b) => a - b)) objects.push(...blocks(this.tuples.get(length)!));
    objects.push(...blocks(this.lists), ...blocks(this.dicts));
    return { objects, keys: this.keys.splice(0).reverse() };
  }

  private stackOf(type: ObjectType, length: number): FreelistEntry[] | undefined {
    if (type === 'list') return this.lists;
    if (type === 'dict') return this.dicts;
    if (type !== 'tuple') return undefined;
    let stack = this.tuples.get(length);
    if (!stack) this.tuples.set(length, (stack = []));
    return stack;
  }
}
