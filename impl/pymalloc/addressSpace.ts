/*
 * The simulated address space: where arenas are "mmapped" and where the system allocator puts raw
 * blocks. Deterministic (the same calls always give the same addresses, docs/trace.md#snapshots), and
 * shared with the naive model in model/allocator/, which must return exactly the same addresses.
 *
 * Arenas (CPython: _PyObject_ArenaMmap / _PyObject_ArenaMunmap called by new_arena and
 * insert_to_freepool): arena slot s lives at ARENA_REGION_BASE + s·A, and a new arena gets the
 * LOWEST slot not currently mapped, so a released arena's address is reused by the next new
 * arena. ARENA_REGION_BASE is a multiple of every accepted A, so arenas hold exactly A/P pools.
 *
 *   ArenaSlots layout
 *     slotToArena  Int32Array[capacity]   slot → arena descriptor index (arenas.ts), −1 = unmapped
 *     released     Int32Array[...]        binary min-heap of the unmapped slots < slotsEverMapped
 *   Every slot < slotsEverMapped is either mapped or in `released` exactly once, so the lowest
 *   unmapped slot is the heap minimum, or slotsEverMapped when the heap is empty: O(log n) per
 *   arena mmap/munmap (once per A bytes), O(1) per address lookup.
 *
 * Raw blocks (CPython: PyMem_RawMalloc / PyMem_RawRealloc / PyMem_RawFree = libc, with size 0
 * turned into 1 by _PyMem_RawMalloc/_PyMem_RawRealloc): a bump allocator from RAW_REGION_BASE.
 * A request of n bytes gets capacity roundUp16(max(n, 1)) and the next block starts right after it;
 * addresses are never reused. realloc returns the same address when max(n, 1) ≤ capacity (the
 * capacity is kept), otherwise a fresh bump block (the old one is released).
 *
 *   RawHeap layout
 *     capacityOf  Map<granule, capacity>   granule = (address − RAW_REGION_BASE) / 16 (a small
 *                                          integer, so V8 keeps the keys unboxed)
 *   Raw requests are the rare path (0 or > 512 bytes), so a Map is fine here.
 *
 * The regions cannot meet: raw blocks would need ~1.2·10^14 bytes to reach the arenas.
 */
import { grownTo } from '../typedArrays.js';
import { WriteMarks } from './writeMarks.js';

export const ARENA_REGION_BASE = 0x7f0000000000;
export const RAW_REGION_BASE = 0x100000000000;

export class ArenaSlots {
  slotToArena: Int32Array;
  /** Slots 0 … slotsEverMapped − 1 have been mapped at least once. */
  slotsEverMapped = 0;
  private released: Int32Array;
  /** How many slots are in `released`. */
  releasedCount = 0;

  /** What was written since the debug check last looked (writeMarks.ts). */
  readonly marks: WriteMarks;

  constructor(marks = new WriteMarks(), initialCapacity = 4) {
    this.marks = marks;
    this.slotToArena = new Int32Array(initialCapacity).fill(-1);
    this.released = new Int32Array(initialCapacity);
  }

  get capacity(): number {
    return this.slotToArena.length;
  }

  /** The descriptor of the arena mapped at `slot`, or −1. */
  arenaAt(slot: number): number {
    return slot >= 0 && slot < this.slotToArena.length ? this.slotToArena[slot] : -1;
  }

  /** mmap: map arena descriptor `arena` at the lowest unmapped slot and return the slot. */
  mmap(arena: number): number {
    let slot: number;
    this.marks.arena();
    if (this.releasedCount > 0) {
      slot = this.popReleased();
    } else {
      slot = this.slotsEverMapped++;
      if (slot >= this.slotToArena.length) {
        this.slotToArena = grownTo(this.slotToArena, this.slotToArena.length * 2, -1);
      }
    }
    this.slotToArena[slot] = arena;
    return slot;
  }

  /** munmap: the slot becomes free for the next new arena. */
  munmap(slot: number): void {
    this.marks.arena();
    this.slotToArena[slot] = -1;
    if (this.releasedCount === this.released.length) {
      this.released = grownTo(this.released, this.released.length * 2);
    }
    const h = this.released;
    let i = this.releasedCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent] <= slot) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = slot;
  }

  /** The released slots (for the debug check), in heap order. */
  releasedSlots(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.releasedCount; i++) out.push(this.released[i]);
    return out;
  }

  private popReleased(): number {
    const h = this.released;
    const min = h[0];
    const last = h[--this.releasedCount];
    const n = this.releasedCount;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && h[l + 1] < h[l] ? l + 1 : l;
      if (h[c] >= last) break;
      h[i] = h[c];
      i = c;
    }
    if (n > 0) h[i] = last;
    return min;
  }
}

/** The capacity the simulated system allocator gives a request of n bytes. */
export function rawCapacity(n: number): number {
  return n <= 16 ? 16 : Math.ceil(n / 16) * 16;
}

export class RawHeap {
  /** Address of the next raw block. */
  top = RAW_REGION_BASE;
  /** Sum of the capacities of the live raw blocks. */
  bytes = 0;
  readonly capacityOf = new Map<number, number>();

  /** What was written since the debug check last looked (writeMarks.ts). */
  constructor(readonly marks = new WriteMarks()) {}

  /** Live raw blocks (raw_allocated_blocks). */
  get count(): number {
    return this.capacityOf.size;
  }

  malloc(n: number): number {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`pymalloc: bad allocation size ${n}`);
    const capacity = rawCapacity(n);
    const address = this.top;
    this.marks.raw();
    this.top = address + capacity;
    this.capacityOf.set((address - RAW_REGION_BASE) / 16, capacity);
    this.bytes += capacity;
    return address;
  }

  /** Capacity of the live raw block at `address`, or 0 when there is none. */
  capacity(address: number): number {
    return this.capacityOf.get((address - RAW_REGION_BASE) / 16) ?? 0;
  }

  free(address: number): void {
    const key = (address - RAW_REGION_BASE) / 16;
    const capacity = this.capacityOf.get(key);
    if (capacity === undefined) throw new Error(`pymalloc: free of 0x${address.toString(16)}, which is not a live block`);
    this.marks.raw();
    this.capacityOf.delete(key);
    this.bytes -= capacity;
  }

  realloc(address: number, n: number): number {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`pymalloc: bad allocation size ${n}`);
    const capacity = this.capacity(address);
    if (capacity === 0) throw new Error(`pymalloc: realloc of 0x${address.toString(16)}, which is not a live block`);
    if (Math.max(n, 1) <= capacity) return address;
    this.free(address);
    return this.malloc(n);
  }
}
