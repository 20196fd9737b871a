/*
 * CPython's object freelists (docs/cpython-3.11.md#freelists), holding real blocks: a list, dict or
 * tuple that dies keeps its memory here, and the next allocation of its kind reuses that block without
 * calling the allocator or counting a GC allocation. Dict keys objects of the 8-slot string shape have
 * their own freelist (not GC objects, so they never touch the counts).
 *
 * Each freelist is a LIFO stack of addresses. Tuples have one stack per length 1..20; allocation pops
 * lengths up to the profile's `tupleFreelistReuseMax`: 1..19 in 3.11 and 3.12.1 (`maybe_freelist_pop`'s
 * `size < PyTuple_MAXSAVESIZE`), so length 20 only fills up; 1..20 in 3.13 (`<=`).
 */
export const LIST_FREELIST_MAX = 80;
export const DICT_FREELIST_MAX = 80;
export const KEYS_FREELIST_MAX = 80;
export const TUPLE_FREELIST_MAX = 2000;
export const TUPLE_NFREELISTS = 20;

export class AddressStack {
  private readonly addresses: Float64Array;
  length = 0;

  constructor(readonly limit: number) {
    this.addresses = new Float64Array(limit);
  }

  push(address: number): boolean {
    if (this.length === this.limit) return false;
    this.addresses[this.length++] = address;
    return true;
  }

  /** Every address held, oldest first (debug walks only). */
  entries(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.addresses[i]);
    return out;
  }

  /** The i-th address held, oldest first (debug walks only; i < length). */
  at(i: number): number {
    return this.addresses[i];
  }

  /** The most recently pushed address, or 0 when empty. */
  pop(): number {
    return this.length === 0 ? 0 : this.addresses[--this.length];
  }
}

export class Freelists {
  readonly lists = new AddressStack(LIST_FREELIST_MAX);
  readonly dicts = new AddressStack(DICT_FREELIST_MAX);
  readonly keys = new AddressStack(KEYS_FREELIST_MAX);
  /** Index n-1 for tuples of length n, created on first use. */
  private readonly tuples: AddressStack[] = [];
  /** Stacks a reset detached (engine reuse), each back in `tuples` at its first use, as a new one would be. */
  private readonly spareTuples: AddressStack[] = [];

  /** `reuseMax`: the longest tuple an allocation takes from its freelist. */
  constructor(public reuseMax: number) {}

  /**
   * Back to a fresh runtime's freelists (engine reuse, impl/enginePool.ts): all empty, and no tuple
   * stack exists until its first use — the 16 KB arrays are kept aside for it. An address array is read
   * only below its stack's length, so what the last program left in it is never seen.
   */
  reset(reuseMax: number): void {
    this.reuseMax = reuseMax;
    this.lists.length = 0;
    this.dicts.length = 0;
    this.keys.length = 0;
    this.tuples.forEach((stack, i) => {
      stack.length = 0;
      this.spareTuples[i] = stack;
    });
    this.tuples.length = 0;
  }

  tupleStack(length: number): AddressStack {
    return (this.tuples[length - 1] ??= this.spareTuples[length - 1] ?? new AddressStack(TUPLE_FREELIST_MAX));
  }

  popTuple(length: number): number {
    return length <= this.reuseMax ? this.tupleStack(length).pop() : 0;
  }

  pushTuple(length: number, address: number): boolean {
    return length <= TUPLE_NFREELISTS && this.tupleStack(length).push(address);
  }

  /** Every freelist, for debug walks. */
  all(): AddressStack[] {
    return [this.lists, this.dicts, this.keys, ...this.tupleStacks()];
  }

  /** Tuple stacks in `_PyTuple_ClearFreeList` order: length 1 to 20. */
  tupleStacks(): AddressStack[] {
    const stacks: AddressStack[] = [];
    for (let n = 1; n <= TUPLE_NFREELISTS; n++) if (this.tuples[n - 1]) stacks.push(this.tuples[n - 1]);
    return stacks;
  }
}
