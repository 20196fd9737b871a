/*
 * The object space: one row per object, one typed array per column. A handle is a row index.
 *
 * Layout (per row):
 *   kind      Uint8    KIND_* (KIND_FREE for an unused row)
 *   flags     Uint8    FINALIZED (PEP 442, for ever), COLLECTING and UNREACHABLE (during a collection),
 *                      HAS_CALLBACK (weakrefs)
 *   refcnt    Int32
 *   gcNext    Int32    intrusive doubly linked generation lists; -1 = untracked. Rows 0..HEADS-1 are
 *   gcPrev    Int32    the list heads (generations 0..2, permanent, and a collection's working lists)
 *   gcRefs    Int32    scratch for a collection (refcount minus internal references)
 *   id        Int32    the program-visible id (creation order)
 *   addr      Float64  the object's block in the simulated address space
 *   size      Int32    bytes requested for the object
 *   off       Int32    first child cell in the RefStore (instances: slots a, b, c; dicts: key, value pairs)
 *   len       Int32    children in use (list/tuple size, dict entries incl. deleted ones)
 *   cap       Int32    cells owned (list `allocated`, dict usable + entries)
 *   bufAddr   Float64  list items array / dict keys object (0: none; a weakref: unused)
 *   aux       Int32    dict: log2 of the keys table size (0: the shared empty keys); weakref: referent
 *   used      Int32    dict: live entries (`ma_used`); bytes: length
 *   wrHead    Int32    first weakref to this object (-1: none)
 *   wrNext    Int32    weakref: next weakref to the same referent
 *   wrPrev    Int32
 * About 78 bytes a row, plus the RefStore cells. Invariant: a live row's columns hold its kind's values;
 * cap, bufAddr, aux, used, wrNext and wrPrev of an instance row are stale (newRow) and never read.
 *
 * Why columns rather than interleaved rows (one Int32Array, a stride and named field offsets): measured
 * on the standard mix (scripts/mix-cpu.mjs, 2026-12-07), the hot Int32 fields interleaved eight to a
 * row were 10% slower indexed `h * 8 + F` (sixteen to a row, kind, flags and addr folded in, likewise)
 * and no faster indexed `(h << 3) + F`: the standard mix's table (some 6,000 rows) stays in cache either
 * way, so a denser row saves no misses and only adds index arithmetic.
 */
import { KIND_FREE, KIND_LAZARUS, KIND_OBJ } from './kinds.js';
import { grownTo } from '../typedArrays.js';

export const FINALIZED = 1;
export const COLLECTING = 2;
export const UNREACHABLE = 4;
export const HAS_CALLBACK = 8;

export const NO_HANDLE = -1;
export const UNTRACKED = -1;

/** List heads: rows reserved before any object. */
export const GEN0 = 0;
export const GEN1 = 1;
export const GEN2 = 2;
export const PERMANENT = 3;
/**
 * A collection's own lists, one set per collection running at once (a collection nested inside another
 * under a 'nest' profile takes the second set: gc/collect.ts): these are the first set's heads, the
 * second's are COLLECTION_LISTS rows further.
 */
export const UNREACHABLE_LIST = 4;
export const WEAKREF_CALLBACKS = 5;
export const FINALIZE_SEEN = 6;
export const STILL_UNREACHABLE = 7;
export const COLLECTION_LISTS = 4;
/** Collections running at once at most: an outer one and one nested inside it. */
export const MAX_COLLECTION_DEPTH = 2;
export const HEADS = UNREACHABLE_LIST + COLLECTION_LISTS * MAX_COLLECTION_DEPTH;

export class ObjectTable {
  capacity: number;
  kind!: Uint8Array;
  flags!: Uint8Array;
  refcnt!: Int32Array;
  gcNext!: Int32Array;
  gcPrev!: Int32Array;
  gcRefs!: Int32Array;
  id!: Int32Array;
  addr!: Float64Array;
  size!: Int32Array;
  off!: Int32Array;
  len!: Int32Array;
  cap!: Int32Array;
  bufAddr!: Float64Array;
  aux!: Int32Array;
  used!: Int32Array;
  wrHead!: Int32Array;
  wrNext!: Int32Array;
  wrPrev!: Int32Array;

  /** Unused rows, as a stack. */
  private freeRows: Int32Array;
  private freeCount = 0;
  private highWater = HEADS;
  live = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(initialCapacity, HEADS * 2);
    this.allocateColumns(this.capacity);
    this.freeRows = new Int32Array(this.capacity);
    this.linkHeads();
  }

  /**
   * Back to a fresh table's state, keeping the columns (engine reuse, impl/enginePool.ts): every row
   * ever used is zeroed — rows at or past the high-water mark never were written — so each column reads
   * as a new one's. Only the capacity may be larger than a fresh table's, which no behaviour depends on
   * (it decides when the table grows, not what it holds). The free-row stack is read only below its
   * count, which restarts at 0.
   */
  reset(): void {
    for (const column of this.columns()) column.fill(0, 0, this.highWater);
    this.freeCount = 0;
    this.highWater = HEADS;
    this.live = 0;
    this.linkHeads();
  }

  private linkHeads(): void {
    for (let h = 0; h < HEADS; h++) {
      this.gcNext[h] = h;
      this.gcPrev[h] = h;
    }
  }

  /**
   * A fresh row with one reference, appended to the generation list `head` (or UNTRACKED): each column
   * is written once. An instance (the commonest row) never reads cap, bufAddr, aux, used, wrNext or
   * wrPrev — every reader of them asks for a list, dict, bytes or weakref first — so an instance row
   * leaves them as its row's last occupant did; every other kind gets them reset.
   */
  newRow(kind: number, head: number): number {
    let h: number;
    if (this.freeCount > 0) h = this.freeRows[--this.freeCount];
    else {
      if (this.highWater === this.capacity) this.grow();
      h = this.highWater++;
    }
    this.kind[h] = kind;
    this.flags[h] = 0;
    this.refcnt[h] = 1;
    if (head === UNTRACKED) {
      this.gcNext[h] = UNTRACKED;
      this.gcPrev[h] = UNTRACKED;
    } else {
      // gcListAppend (gc/gcList.ts), which this module cannot import
      const last = this.gcPrev[head];
      this.gcNext[last] = h;
      this.gcPrev[h] = last;
      this.gcNext[h] = head;
      this.gcPrev[head] = h;
    }
    this.off[h] = -1;
    this.len[h] = 0;
    this.wrHead[h] = NO_HANDLE;
    this.live++;
    if (kind >= KIND_OBJ && kind <= KIND_LAZARUS) return h;
    this.cap[h] = 0;
    this.bufAddr[h] = 0;
    this.aux[h] = 0;
    this.used[h] = 0;
    this.wrNext[h] = NO_HANDLE;
    this.wrPrev[h] = NO_HANDLE;
    return h;
  }

  freeRow(h: number): void {
    this.kind[h] = KIND_FREE;
    if (this.freeCount === this.freeRows.length) {
      this.freeRows = grownTo(this.freeRows, this.freeRows.length * 2);
    }
    this.freeRows[this.freeCount++] = h;
    this.live--;
  }

  /** Every row that holds an object, in row order (for debug walks and snapshots, never the hot path). */
  /** One past the highest row ever used: every row in use is below it (walks without a row list). */
  rowsEnd(): number {
    return this.highWater;
  }

  rows(): number[] {
    const rows: number[] = [];
    for (let h = HEADS; h < this.highWater; h++) if (this.kind[h] !== KIND_FREE) rows.push(h);
    return rows;
  }

  byteLength(): number {
    let n = this.freeRows.byteLength;
    for (const column of this.columns()) n += column.byteLength;
    return n;
  }

  private columns() {
    return [this.kind, this.flags, this.refcnt, this.gcNext, this.gcPrev, this.gcRefs, this.id, this.addr, this.size,
      this.off, this.len, this.cap, this.bufAddr, this.aux, this.used, this.wrHead, this.wrNext, this.wrPrev];
  }

  private allocateColumns(n: number): void {
    this.kind = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.refcnt = new Int32Array(n);
    this.gcNext = new Int32Array(n);
    this.gcPrev = new Int32Array(n);
    this.gcRefs = new Int32Array(n);
    this.id = new Int32Array(n);
    this.addr = new Float64Array(n);
    this.size = new Int32Array(n);
    this.off = new Int32Array(n);
    this.len = new Int32Array(n);
    this.cap = new Int32Array(n);
    this.bufAddr = new Float64Array(n);
    this.aux = new Int32Array(n);
    this.used = new Int32Array(n);
    this.wrHead = new Int32Array(n);
    this.wrNext = new Int32Array(n);
    this.wrPrev = new Int32Array(n);
  }

  private grow(): void {
    const old = this.columns();
    this.capacity *= 2;
    this.allocateColumns(this.capacity);
    this.columns().forEach((column, i) => column.set(old[i] as never));
  }
}
