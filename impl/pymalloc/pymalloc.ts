/*
 * pymalloc, the small-object allocator of CPython 3.11 (Objects/obmalloc.c), over typed arrays.
 *
 * Algorithm. Requests of 1 … 512 bytes are served from size classes 16 bytes apart
 * (idx = (n − 1) >> 4, block size 16·(idx + 1)); 0 bytes and more than 512 bytes go to the raw
 * (system) allocator and are counted in raw_allocated_blocks. Blocks are cut from P-byte pools
 * (48-byte header, first block at offset 48), pools from A-byte arenas.
 *
 *   pymalloc_alloc        the FIRST pool of usedpools[idx] gives the head of its free list (LIFO);
 *                         when the list runs out, pymalloc_pool_extend carves the next never-used
 *                         block (ascending addresses) or, if none is left, the pool is full and
 *                         leaves usedpools.
 *   allocate_from_new_pool  no used pool for idx: take a pool from the HEAD of usable_arenas (the
 *                         arena with the fewest free pools; new_arena when the list is empty),
 *                         its most recently emptied pool first, else its next never-carved pool.
 *                         A pool that last served the same class keeps its free list and returns
 *                         its head; otherwise it is re-initialised (block at 48, the next carved).
 *   pymalloc_free         the block goes on the FRONT of its pool's free list. A full pool becomes
 *                         used and goes to the FRONT of usedpools[idx] (insert_to_usedpool). A pool
 *                         whose last block is freed becomes empty: insert_to_freepool puts it on its
 *                         arena's freepools (LIFO) and moves the arena right in usable_arenas; an
 *                         arena whose pools are all empty is released unless it is the last usable.
 *   pymalloc_realloc      n ≤ S and 4n > 3S (S the block size): the same block. Otherwise
 *                         malloc(n) FIRST, then free the old block (n = 0 → a raw block).
 *                         A raw block stays raw: PyMem_RawRealloc.
 *
 * States. Pool: never used (at or beyond its arena's pool_address) → used (in usedpools[idx]);
 * used ⇄ full (on no list); used → empty (on its arena's freepools) → used again, for any class;
 * never "never used" again. Arena: unassociated (on unused_arena_objects) → usable (on
 * usable_arenas) ⇄ full (on no list); usable and wholly empty → released (unassociated), unless it
 * is the last usable arena.
 *
 * Invariants (checked by impl/debug/checkPymalloc.ts): free lists are acyclic and hold valid blocks
 * of their pool; count + free-list length = blocks below nextoffset; usedpools[idx] holds exactly
 * the used pools of class idx; nfreepools = emptied + never-carved pools; usable_arenas is sorted
 * by nfreepools ascending and nfp2lasta[k] is its rightmost arena with k; released arenas are
 * referenced by nothing.
 *
 * One generalisation (CPython assumes ≥ 2 blocks per pool; P = 1024 gives classes 30 and 31 one):
 * a one-block pool is full as soon as it is initialised or reused, and freeing its block takes it
 * from full straight to empty (freepools), never through usedpools.
 *
 * Hot paths (malloc/free of small blocks) are O(1) and allocate no JavaScript objects. Addresses
 * are JavaScript numbers; inside, a block is named by its HANDLE h = (address − ARENA_REGION_BASE)
 * / 16, an int32: its pool is h >> log2(P/16) (+ 32, pools.ts), its granule in the pool
 * h & (P/16 − 1), its arena slot h >> log2(A/16), and h indexes the free-list link table directly.
 * Internal functions pass handles, never addresses, so that V8 boxes no doubles between them
 * (only the public methods' address results, when the caller does not inline them).
 */
import type { AllocatorGeometry } from '../../language/ast.js';
import { ARENA_REGION_BASE, ArenaSlots, RawHeap } from './addressSpace.js';
import type { AllocationTracer } from '../../contract/allocator.js';
import { Arenas } from './arenas.js';
import {
  ALIGNMENT,
  ALIGNMENT_SHIFT,
  DEFAULT_GEOMETRY,
  POOL_OVERHEAD,
  SMALL_REQUEST_THRESHOLD,
  resolveGeometry,
  type Geometry,
} from './geometry.js';
import { FIRST_POOL, Pools } from './pools.js';
import { WriteMarks } from './writeMarks.js';
import { computeStats, type PymallocStats, statsFigures } from './stats.js';
import { DUMMY_SIZE_IDX } from './geometry.js';
import {
  POOL_FULL_TO_EMPTY, POOL_FULL_TO_USED, POOL_REUSE_OTHER_CLASS, POOL_REUSE_SAME_CLASS, RAW_FREE, RAW_MALLOC_LARGE,
  RAW_MALLOC_ZERO, RAW_REALLOC, REALLOC_MOVED, REALLOC_SMALL, REALLOC_TO_RAW, SIZE_CLASS_ALLOCS,
  AT_POOL_CAPACITY, AT_REALLOC_GROW, AT_REALLOC_SHRINK, AT_SIZE_CLASS_EDGE, AT_SMALL_REQUEST, eventAtBoundary,
} from './events.js';

export class Pymalloc {
  readonly geometry: Geometry;
  readonly slots: ArenaSlots;
  readonly pools: Pools;
  readonly arenas: Arenas;
  readonly raw: RawHeap;
  /** malloc, free and realloc calls so far: the state changes only when this does. */
  calls = 0;
  /** Allocator event counters (events.ts); observation only. */
  readonly events: Uint32Array;
  /** tracemalloc's hooks while it traces, else null (one check per call). */
  tracer: AllocationTracer | null = null;
  /** What was written since the debug check last looked (writeMarks.ts): every part below shares it. */
  readonly marks: WriteMarks;
  private readonly granulesPerArena: number;
  private readonly granulesPerPoolShift: number;
  private readonly granulesPerArenaShift: number;

  constructor(geometry: AllocatorGeometry = DEFAULT_GEOMETRY) {
    this.geometry = resolveGeometry(geometry);
    this.marks = new WriteMarks();
    this.slots = new ArenaSlots(this.marks);
    this.pools = new Pools(this.geometry, 1, this.marks);
    this.arenas = new Arenas(this.geometry, this.slots, this.pools);
    this.raw = new RawHeap(this.marks);
    this.events = this.pools.events;
    this.granulesPerArena = this.geometry.arenaSize >> ALIGNMENT_SHIFT;
    this.granulesPerPoolShift = Math.round(Math.log2(this.geometry.granulesPerPool));
    this.granulesPerArenaShift = Math.round(Math.log2(this.granulesPerArena));
  }

  /** _PyObject_Malloc(n): pymalloc for 1 … 512 bytes, else a raw block. n: a non-negative integer. */
  malloc(nbytes: number): number {
    this.calls++;
    const address = this.objectMalloc(nbytes);
    if (this.tracer !== null) this.tracer.traceMalloc(address, nbytes);
    return address;
  }

  /** _PyObject_Free(addr); 0 (NULL) does nothing. Throws on an address that is no live block (cheap checks only). */
  free(address: number): void {
    this.calls++;
    if (address === 0) return;
    const h = this.handleOf(address);
    if (h >= 0) this.pymallocFree(h, 'free');
    else {
      this.raw.free(address);
      this.events[RAW_FREE]++;
    }
    if (this.tracer !== null) this.tracer.traceFree(address);
  }

  /** _PyObject_Realloc(addr, n); addr 0 (NULL) is malloc(n). */
  realloc(address: number, nbytes: number): number {
    this.calls++;
    const moved = this.reallocBlock(address, nbytes);
    if (this.tracer !== null) this.tracer.traceRealloc(address, moved, nbytes);
    return moved;
  }

  private reallocBlock(address: number, nbytes: number): number {
    if (address === 0) return this.objectMalloc(nbytes);
    const h = this.handleOf(address);
    if (h < 0) this.events[RAW_REALLOC]++;
    if (h < 0) return this.raw.realloc(address, nbytes);
    // pymalloc_realloc
    const p = this.checkBlock(h, 'realloc');
    const size = (this.pools.szidx[p] + 1) << ALIGNMENT_SHIFT;
    this.events[REALLOC_SMALL]++;
    eventAtBoundary(this.events, AT_REALLOC_SHRINK, nbytes - (((3 * size) >> 2) + 1));
    eventAtBoundary(this.events, AT_REALLOC_GROW, nbytes - size);
    if (nbytes <= size && 4 * nbytes > 3 * size) return address;
    this.events[nbytes === 0 || SMALL_REQUEST_THRESHOLD < nbytes ? REALLOC_TO_RAW : REALLOC_MOVED]++;
    const moved = this.objectMalloc(nbytes);
    this.pymallocFree(h, 'realloc');
    return moved;
  }

  /** The body of malloc, shared with realloc. */
  private objectMalloc(nbytes: number): number {
    eventAtBoundary(this.events, AT_SMALL_REQUEST, nbytes - SMALL_REQUEST_THRESHOLD);
    if (nbytes > 0 && nbytes <= SMALL_REQUEST_THRESHOLD) return ARENA_REGION_BASE + this.pymallocAlloc(nbytes) * ALIGNMENT;
    this.events[nbytes === 0 ? RAW_MALLOC_ZERO : RAW_MALLOC_LARGE]++;
    return this.raw.malloc(nbytes);
  }

  /** Usable size: the block size of its class, a raw block's capacity, or 0 for no live block. */
  blockSize(address: number): number {
    const h = this.handleOf(address);
    if (h < 0) return this.raw.capacity(address);
    return this.isBlockOfItsPool(h) ? (this.pools.szidx[this.poolOfHandle(h)] + 1) << ALIGNMENT_SHIFT : 0;
  }

  /** sys.getallocatedblocks(): blocks allocated from pools plus raw blocks. O(32). */
  allocatedBlocks(): number {
    let n = this.raw.count;
    const b = this.pools.classBlocks;
    for (let i = 0; i < b.length; i++) n += b[i];
    return n;
  }

  /** True when addr is a live block. Walks the pool's free list: for tests and debugging only. */
  isLive(address: number): boolean {
    const h = this.handleOf(address);
    if (h < 0) return this.raw.capacity(address) > 0;
    if (!this.isBlockOfItsPool(h)) return false;
    const pools = this.pools;
    const p = this.poolOfHandle(h);
    const base = h - (h & (this.geometry.granulesPerPool - 1));
    let steps = 0;
    for (let g = pools.freeblock[p]; g !== 0 && steps <= this.geometry.granulesPerPool; g = pools.link[base + g], steps++) {
      if (base + g === h) return false;
    }
    return true;
  }

  /**
   * A sys._debugmallocstats()-shaped report (stats.ts). The state changes only in a call, so the report
   * is computed once per call count and shared (a snapshot per statement asks for it every time).
   */
  stats(): PymallocStats {
    if (this.statsAt !== this.calls || this.lastStats === null) {
      this.lastStats = computeStats(this);
      this.statsAt = this.calls;
    }
    return this.lastStats;
  }

  /** The same report as numbers (stats.ts statsFigures), into `out`: what the lockstep runner compares. */
  statsFigures(out: number[]): number[] {
    return statsFigures(this, out);
  }

  private statsAt = -1;
  private lastStats: PymallocStats | null = null;

  /** Address of pool number p. */
  poolAddress(p: number): number {
    return ARENA_REGION_BASE + (p - FIRST_POOL) * this.geometry.poolSize;
  }

  /** The pool number of an address inside a currently mapped arena, else −1. */
  poolOf(address: number): number {
    const h = this.handleOf(address);
    return h < 0 ? -1 : this.poolOfHandle(h);
  }

  /**
   * address_in_range, plus 16-byte alignment: the block handle of an address inside a currently
   * mapped arena, else −1 (a raw block, or no block at all). The handle is the address's granule
   * index in the arena region, (address − ARENA_REGION_BASE) / 16, an int32 (pools.ts).
   */
  handleOf(address: number): number {
    const h = (address - ARENA_REGION_BASE) / ALIGNMENT;
    if (!(h >= 0 && h < this.slots.slotsEverMapped * this.granulesPerArena) || (h | 0) !== h) return -1;
    return this.slots.slotToArena[h >> this.granulesPerArenaShift] < 0 ? -1 : h;
  }

  private poolOfHandle(h: number): number {
    return (h >> this.granulesPerPoolShift) + FIRST_POOL;
  }

  /** pymalloc_alloc: the handle of the block handed out. */
  private pymallocAlloc(nbytes: number): number {
    const idx = (nbytes - 1) >> ALIGNMENT_SHIFT;
    const pools = this.pools;
    this.events[SIZE_CLASS_ALLOCS + idx]++;
    // The request's distance from the top of its class: 15 → one below, 0 → at, 1 → one above the previous top.
    const edge = nbytes & (ALIGNMENT - 1);
    eventAtBoundary(this.events, AT_SIZE_CLASS_EDGE, edge === 0 ? 0 : edge === ALIGNMENT - 1 ? -1 : edge === 1 ? 1 : 2);
    const p = pools.nextpool[idx];
    if (p === idx) return this.allocateFromNewPool(idx);
    this.marks.pool(p);
    pools.count[p]++;
    eventAtBoundary(this.events, AT_POOL_CAPACITY, pools.count[p] - this.geometry.numBlocks[idx]);
    const h = ((p - FIRST_POOL) << this.granulesPerPoolShift) + pools.freeblock[p];
    const next = pools.link[h];
    pools.freeblock[p] = next;
    if (next === 0) pools.poolExtend(p, idx);
    pools.classBlocks[idx]++;
    return h;
  }

  /** allocate_from_new_pool: the handle of the block handed out. */
  private allocateFromNewPool(idx: number): number {
    const pools = this.pools;
    const p = this.arenas.takePool();
    pools.insertToUsedpool(p, idx); // the list is empty: p is its only pool
    this.marks.pool(p);
    pools.count[p] = 1;
    pools.classPools[idx]++;
    pools.classBlocks[idx]++;
    const base = (p - FIRST_POOL) << this.granulesPerPoolShift;
    if (pools.szidx[p] === idx) {
      // Same class as last time: keep the free list, hand out its head (the block freed last).
      const h = base + pools.freeblock[p];
      const next = pools.link[h];
      pools.freeblock[p] = next;
      if (next === 0) pools.poolExtend(p, idx); // only a one-block pool gets here
      this.events[POOL_REUSE_SAME_CLASS]++;
      return h;
    }
    if (pools.szidx[p] !== DUMMY_SIZE_IDX) this.events[POOL_REUSE_OTHER_CLASS]++;
    pools.initPool(p, idx);
    return base + (POOL_OVERHEAD >> ALIGNMENT_SHIFT);
  }

  /** pymalloc_free of the block with handle h. */
  private pymallocFree(h: number, call: string): void {
    const p = this.checkBlock(h, call);
    const pools = this.pools;
    this.marks.pool(p);
    const lastfree = pools.freeblock[p];
    pools.link[h] = lastfree;
    pools.freeblock[p] = h & (this.geometry.granulesPerPool - 1);
    const count = pools.count[p] - 1;
    pools.count[p] = count;
    const idx = pools.szidx[p];
    pools.classBlocks[idx]--;
    if (lastfree === 0) {
      // The pool was full (on no list).
      pools.classFull[idx]--;
      if (count !== 0) {
        pools.insertToUsedpool(p, idx);
        this.events[POOL_FULL_TO_USED]++;
        return;
      }
      pools.classPools[idx]--;
      this.arenas.insertToFreepool(p); // a one-block pool: full → empty
      this.events[POOL_FULL_TO_EMPTY]++;
      return;
    }
    if (count !== 0) return;
    pools.classPools[idx]--;
    pools.unlinkUsedpool(p);
    this.arenas.insertToFreepool(p);
  }

  /**
   * Cheap validity checks for free/realloc, returning the pool: a pool in use and an offset in its
   * carved range. (Not whether the offset is a multiple of the block size, nor a double free inside
   * a used pool: those need a division or a walk; checkPymalloc finds what they leave behind.)
   */
  private checkBlock(h: number, call: string): number {
    const p = this.poolOfHandle(h);
    const offset = (h & (this.geometry.granulesPerPool - 1)) << ALIGNMENT_SHIFT;
    if (!(this.pools.count[p] > 0 && offset >= POOL_OVERHEAD && offset < this.pools.nextoffset[p])) notALiveBlock(h, call);
    return p;
  }

  /** A block of a pool in use (allocated or on its free list), by the full arithmetic. */
  private isBlockOfItsPool(h: number): boolean {
    const pools = this.pools;
    const p = this.poolOfHandle(h);
    const offset = (h & (this.geometry.granulesPerPool - 1)) << ALIGNMENT_SHIFT;
    return (
      pools.count[p] > 0 &&
      offset >= POOL_OVERHEAD &&
      offset < pools.nextoffset[p] &&
      (offset - POOL_OVERHEAD) % ((pools.szidx[p] + 1) << ALIGNMENT_SHIFT) === 0
    );
  }
}

/** Out of line, so that the checks free and realloc inline stay small. */
function notALiveBlock(h: number, call: string): never {
  throw new Error(`pymalloc: ${call} of 0x${(ARENA_REGION_BASE + h * ALIGNMENT).toString(16)}, which is not a live block`);
}
