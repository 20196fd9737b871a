/*
 * Pool headers, the usedpools[] lists and the per-pool free lists (obmalloc.c: struct pool_header,
 * usedpools, pymalloc_pool_extend, insert_to_usedpool, the header set-up of allocate_from_new_pool).
 *
 * Pools are numbered; a pool number p is an index into every array below.
 *   p = 0 … 31       the fake headers of usedpools[0..31] (CPython's PTA(x) trick: only their
 *                    nextpool/prevpool are used; list idx is empty iff nextpool[idx] === idx).
 *   p = 32 + n       pool n of the arena region: pool n % (A/P) of the arena at slot n / (A/P),
 *                    at address ARENA_REGION_BASE + n·P. Address ↔ pool is pure arithmetic.
 *
 * Layout (structure of arrays, all of length `capacity` = 32 + slots·(A/P), grown by doubling):
 *   count          Int32Array   ref.count, blocks allocated from the pool
 *   freeblock      Int32Array   head of the free list as a granule (pool offset / 16); 0 = NULL
 *   nextpool       Int32Array   usedpools (circular, doubly linked) or arena freepools (singly) link
 *   prevpool       Int32Array
 *   arenaindex     Int32Array   descriptor index of the owning arena (arenas.ts)
 *   szidx          Uint16Array  size class; DUMMY_SIZE_IDX when freshly carved
 *   nextoffset     Int32Array   pool offset of the next never-used block
 *   maxnextoffset  Int32Array   P − size: the largest valid nextoffset
 * and the free-list link table (the blocks have no memory to thread the list through):
 *   link           Uint16Array (Int32Array if P > 1 MiB), length (capacity − 32)·P/16
 *                  link[h] = granule (in its pool) of the free block after the free block with
 *                  handle h; 0 = NULL (granule 0 is the header, never a block). The handle of the
 *                  block at granule g of pool p is h = (p − 32)·P/16 + g = (address − ARENA_REGION_BASE)/16
 * plus three per-class counters for stats(), kept in step with the transitions:
 *   classPools     Int32Array[32]  pools in state used or full
 *   classFull      Int32Array[32]  pools in state full
 *   classBlocks    Int32Array[32]  allocated blocks
 *
 * A block at granule g of pool p is in exactly one of: allocated (counted), on the free list, or
 * never used (offset ≥ nextoffset). Like CPython, the pool keeps the next never-used block already
 * on its free list ("carved ahead"): a pool in state used always has freeblock ≠ 0, and the blocks
 * with offset < nextoffset number count + length of the free list.
 */
import { DUMMY_SIZE_IDX, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, type Geometry } from './geometry.js';
import { POOL_FULL, POOL_INIT, PYMALLOC_EVENT_COUNT } from './events.js';
import { grownTo } from '../typedArrays.js';
import { WriteMarks } from './writeMarks.js';

/** Pool numbers 0..31 are the usedpools headers; real pools start here. */
export const FIRST_POOL = NB_SMALL_SIZE_CLASSES;

export class Pools {
  readonly geometry: Geometry;
  count: Int32Array;
  freeblock: Int32Array;
  nextpool: Int32Array;
  prevpool: Int32Array;
  arenaindex: Int32Array;
  szidx: Uint16Array;
  nextoffset: Int32Array;
  maxnextoffset: Int32Array;
  link: Uint16Array | Int32Array;
  readonly classPools = new Int32Array(NB_SMALL_SIZE_CLASSES);
  readonly classFull = new Int32Array(NB_SMALL_SIZE_CLASSES);
  readonly classBlocks = new Int32Array(NB_SMALL_SIZE_CLASSES);
  /** Allocator event counters (events.ts), shared with Arenas and Pymalloc. */
  readonly events = new Uint32Array(PYMALLOC_EVENT_COUNT);
  /** What was written since the debug check last looked (writeMarks.ts), shared with Arenas, ArenaSlots and RawHeap. */
  readonly marks: WriteMarks;

  constructor(geometry: Geometry, slots: number, marks = new WriteMarks()) {
    this.geometry = geometry;
    const n = FIRST_POOL + slots * geometry.poolsPerArena;
    this.marks = marks;
    marks.grow(n);
    this.count = new Int32Array(n);
    this.freeblock = new Int32Array(n);
    this.nextpool = new Int32Array(n);
    this.prevpool = new Int32Array(n);
    this.arenaindex = new Int32Array(n);
    this.szidx = new Uint16Array(n);
    this.nextoffset = new Int32Array(n);
    this.maxnextoffset = new Int32Array(n);
    const links = (n - FIRST_POOL) * geometry.granulesPerPool;
    this.link = geometry.granulesPerPool <= 0x10000 ? new Uint16Array(links) : new Int32Array(links);
    for (let i = 0; i < FIRST_POOL; i++) {
      this.nextpool[i] = i;
      this.prevpool[i] = i;
    }
  }

  get capacity(): number {
    return this.count.length;
  }

  /** Make room for the pools of arena slots 0 … slots − 1 (doubling). */
  ensureSlots(slots: number): void {
    const needed = FIRST_POOL + slots * this.geometry.poolsPerArena;
    if (needed <= this.count.length) return;
    let n = this.count.length;
    while (n < needed) n = FIRST_POOL + (n - FIRST_POOL) * 2;
    this.count = grownTo(this.count, n);
    this.freeblock = grownTo(this.freeblock, n);
    this.nextpool = grownTo(this.nextpool, n);
    this.prevpool = grownTo(this.prevpool, n);
    this.arenaindex = grownTo(this.arenaindex, n);
    this.szidx = grownTo(this.szidx, n);
    this.nextoffset = grownTo(this.nextoffset, n);
    this.maxnextoffset = grownTo(this.maxnextoffset, n);
    const links = (n - FIRST_POOL) * this.geometry.granulesPerPool;
    this.link = grownTo(this.link, links);
    this.marks.grow(n);
  }

  /** insert_to_usedpool / the "frontlink" of allocate_from_new_pool: p becomes the FIRST pool of usedpools[idx]. */
  insertToUsedpool(p: number, idx: number): void {
    const next = this.nextpool[idx];
    this.marks.pool(p);
    this.marks.pool(next);
    this.marks.pool(idx);
    this.nextpool[p] = next;
    this.prevpool[p] = idx;
    this.prevpool[next] = p;
    this.nextpool[idx] = p;
  }

  /** Unlink p from its usedpools list. */
  unlinkUsedpool(p: number): void {
    const next = this.nextpool[p];
    const prev = this.prevpool[p];
    this.marks.pool(p);
    this.marks.pool(next);
    this.marks.pool(prev);
    this.prevpool[next] = prev;
    this.nextpool[prev] = next;
  }

  /**
   * pymalloc_pool_extend: the free list of p (class idx) just ran out. Carve the next never-used
   * block onto it, or, when none is left, the pool is full: unlink it from usedpools.
   */
  poolExtend(p: number, idx: number): void {
    const offset = this.nextoffset[p];
    this.marks.pool(p);
    if (offset <= this.maxnextoffset[p]) {
      const g = offset >> 4;
      this.freeblock[p] = g;
      this.link[(p - FIRST_POOL) * this.geometry.granulesPerPool + g] = 0;
      this.nextoffset[p] = offset + ((idx + 1) << 4);
      return;
    }
    this.unlinkUsedpool(p);
    this.classFull[idx]++;
    this.events[POOL_FULL]++;
  }

  /**
   * The "initialize the pool header" end of allocate_from_new_pool, for a pool whose szidx is not
   * idx: the block at offset 48 is handed out (the caller returns it) and the next block is carved
   * ahead onto the free list. CPython writes that second block unconditionally (nextoffset = 48 +
   * 2·size), which for ≥ 2 blocks per pool is exactly pymalloc_pool_extend; with a one-block pool
   * (P = 1024, classes 30 and 31) the second block would lie outside the pool, so we let
   * poolExtend decide, and the pool is full at once.
   */
  initPool(p: number, idx: number): void {
    const size = (idx + 1) << 4;
    this.marks.pool(p);
    this.szidx[p] = idx;
    this.nextoffset[p] = POOL_OVERHEAD + size;
    this.maxnextoffset[p] = this.geometry.poolSize - size;
    this.freeblock[p] = 0; // the old free list is forgotten
    this.poolExtend(p, idx);
    this.events[POOL_INIT]++;
  }

  /** Mark a freshly carved pool (allocate_from_new_pool's "carve off a new pool"). */
  carve(p: number, arena: number): void {
    this.marks.pool(p);
    this.arenaindex[p] = arena;
    this.szidx[p] = DUMMY_SIZE_IDX;
    this.count[p] = 0;
    this.freeblock[p] = 0;
  }
}
