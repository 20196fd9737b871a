/*
 * A debug walk over every structure of impl/pymalloc, returning each violated invariant as a string
 * (empty array = consistent). O(arenas · pools · blocks) in full, O(what was written) incrementally: for
 * tests and the lockstep runner, which runs it after every statement (impl/debug/checkHeap.ts), never on
 * the hot path.
 *
 * The walk. Like gcmodule.c's collection, it is a fixed sequence of phases, each a function named after
 * what it verifies; each phase leaves behind the sets (in capitals) that later phases check against:
 *
 *   checkAddressSpace        mapped slots ↔ associated descriptors; released slots unmapped, once each.
 *   checkUnusedArenaObjects  unused_arena_objects is acyclic and holds descriptors without an arena:
 *                            UNUSED.
 *   checkArenas              every descriptor without an arena is in UNUSED; every one with an arena:
 *     checkArena               ntotalpools = A/P; pool_address inside the arena; nfreepools = emptied
 *                              + never-carved pools (> 0: USABLE);
 *     checkFreepools           freepools acyclic, inside the arena, carved, distinct: EMPTIED;
 *     checkCarvedPool          every carved pool names its arena and is empty ⇔ in EMPTIED;
 *     checkPoolHeader          szidx a real class; maxnextoffset = P − size; nextoffset on a block boundary;
 *     checkPoolFreeList        the free list acyclic, at valid block offsets below nextoffset, distinct:
 *                              FREE (granules);
 *     checkPoolCount           count + free-list length = carved blocks (the ref count is the allocated
 *                              blocks); full ⇔ empty free list ⇔ count = NUMBLOCKS;
 *     tallyPoolInUse           per-class pools, full pools and blocks; the used pools: USED (by class).
 *   checkArenaCounters       current, highwater, total and unused pools agree with the walk.
 *   checkClassCounters       the per-class counters agree with the tallies.
 *   checkUsedpools           usedpools[idx] is a consistent ring holding exactly USED of class idx
 *                            (met on it: LISTED).
 *   checkUsableArenas        usable_arenas has consistent links, holds exactly USABLE, sorted by
 *                            nfreepools ascending; an arena with every pool empty only as the last
 *                            entry; no released arena;
 *     checkNfp2lasta           nfp2lasta[k] = its rightmost arena with k free pools (−1 if none).
 *   checkRawBlocks           raw blocks inside the raw region below the bump pointer, 16-aligned,
 *                            disjoint; their bytes.
 *   checkLiveBlocks          (when the caller gives its live addresses) each a valid block not in FREE,
 *                            given once; per-pool counts equal the live blocks in the pool; raw blocks
 *                            exactly the live ones.
 *
 * States. The sets are marks in typed arrays kept from check to check, so that a check allocates
 * nothing per pool or arena: an index is in this check's set iff its mark equals this check's epoch,
 * and a new check empties every set at once by taking the next epoch. Only indices a corrupted list
 * names beyond the arrays go in a Set. Every list walk is bounded by what the structure can hold, so a
 * corrupted (cyclic) list is reported, not followed forever. At most MAX_PROBLEMS are reported.
 *
 * The incremental check (`{ full: false }`). The allocator marks what it writes (impl/pymalloc/
 * writeMarks.ts): every pool whose header, free list or list links a method writes or moves between
 * lists (usedpools[idx]'s fake header, pool number idx, included), a counter of arena-level writes
 * (descriptors, usable_arenas, unused_arena_objects, nfp2lasta, arena counters, the address space) and a
 * counter of raw-block writes. Between checks the checker keeps, per allocator (the last four checked),
 * VERIFIED: what the last check found — per pool the class it counted it for, its count and fullness, and its live blocks (how
 * many, the sum of their handles, an xor of their hashes); per class the sums of those tallies (the USED
 * set is read from them); per arena slot the descriptor mapped there and how many pools it had carved;
 * the counters' values. The incremental check then
 *   - with an arena-level write: walks the address space, unused_arena_objects, every descriptor's
 *     header and freepools (arenas are few), the arena counters, usable_arenas and nfp2lasta; and takes as
 *     written every pool whose slot changed descriptor or whose arena carved pools, against VERIFIED;
 *   - for each written pool (with its arena's header and freepools, for EMPTIED): takes its old tally
 *     out of the class sums, and if it is a carved pool of a mapped arena walks it as checkCarvedPool does
 *     and tallies it again;
 *   - compares all 32 class counters with the sums, and walks the usedpools ring of every class a
 *     written pool was or is counted for, or whose header was written (the ring must hold exactly the
 *     class's USED pools: as many as the sums say);
 *   - with a raw write: checkRawBlocks;
 *   - live blocks: every address still goes through one loop (the runtime's list is not marked), but only
 *     those in written pools (and raw ones) get checkLiveBlock's per-block checks; the others are counted
 *     per pool, summed and hashed, and compared with VERIFIED: a pool nobody wrote whose live blocks
 *     changed anyway is a problem. Every pool's count is compared with its live blocks, as in full.
 * With nothing marked, the class counters as VERIFIED sums them and the same set of live addresses (by
 * a print: count, xor and sum of a 32-bit hash of each) there is nothing to walk: the answer is empty.
 * When it finds anything it runs the full check and answers with that (the full walk words every problem
 * in order). After a check that found nothing, the marks are cleared and VERIFIED updated; after one
 * that found something, or a full check without the live blocks, VERIFIED is void and the next check is
 * full whatever is asked.
 *
 * Invariant: after a check that found nothing, every structure not marked since is as it was when last
 * verified, and VERIFIED describes it. Sound because every write of impl/pymalloc to a pool or an arena
 * goes through a method that marks what it writes, with the index it writes (a defect in a caller, or an
 * operator changed in the method, changes what is written, not whether that pool is marked), and each
 * invariant the full check
 * verifies reads only marked state, VERIFIED, or state re-walked whenever any arena-level write happened;
 * the class counters carry no mark and are compared every time. The runtime's live list is not marked:
 * it is compared per pool by count, sum and hash, so a change it misses needs a 32-bit hash coincidence
 * (and the full check has no such limit). What it cannot see is a write that
 * bypasses those methods (a test writing the arrays directly, a defect outside impl/pymalloc writing
 * them): the full check, which ignores the marks, finds it. The lockstep runner asks for a full check
 * every FULL_HEAP_CHECK_INTERVAL statements, at the program's last statement and in the teardown
 * (properties/lockstep/lockstep.ts); a check with no options is full.
 */
import type { Pymalloc } from '../pymalloc/pymalloc.js';
import { ARENA_REGION_BASE, RAW_REGION_BASE } from '../pymalloc/addressSpace.js';
import { NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, classSize } from '../pymalloc/geometry.js';
import { FIRST_POOL } from '../pymalloc/pools.js';
import { grownTo } from '../typedArrays.js';

const MAX_PROBLEMS = 50;
const NO_RAW_BLOCKS: ReadonlyArray<readonly [number, number]> = [];
const NO_SLOTS: readonly number[] = [];
/** Never added to: stands for the released slots' set when there are none. */
const NO_SLOTS_SET: Set<number> = new Set<number>();
/** Epochs wrap before the marks' 32 bits do: the marks are then made afresh. */
const LAST_EPOCH = 0xfffffffe;

/**
 * VERIFIED of the module comment, for one allocator: what its last check found, the base the incremental
 * check re-verifies the written parts against. `ok` is false until a check with the live blocks found
 * nothing, and after any check that found something.
 */
class Verified {
  ok = false;
  /** The allocator's arena-level writes and raw writes at that check. */
  arenaWrites = 0;
  rawWrites = 0;
  /** Per pool number: the class it was counted for (−1: not in use), its count, 1 if it was full. */
  poolClass = new Int32Array(0);
  poolBlocks = new Int32Array(0);
  poolFull = new Uint8Array(0);
  /** Per pool number: its live blocks, the sum of their handles, the xor of their handles' hashes. */
  liveCount = new Int32Array(0);
  liveSum = new Float64Array(0);
  liveHash = new Int32Array(0);
  /** Per size class, the sums of the pool tallies: pools, full pools, blocks, used (not full) pools. */
  readonly classPools = new Int32Array(NB_SMALL_SIZE_CLASSES);
  readonly classFull = new Int32Array(NB_SMALL_SIZE_CLASSES);
  readonly classBlocks = new Int32Array(NB_SMALL_SIZE_CLASSES);
  readonly classUsed = new Int32Array(NB_SMALL_SIZE_CLASSES);
  /** Per arena slot: the descriptor mapped there (−1: none) and how many pools it had carved. */
  slotArena = new Int32Array(0);
  slotCarved = new Int32Array(0);
  /**
   * The pool numbers and slots below which the arrays describe this allocator (they are reused from
   * allocator to allocator and only grow): the pools and slots it has had so far.
   */
  pools = 0;
  slots = 0;
  /** The live addresses that check was given, as livePrint made them (the same set again needs no walk). */
  livePrint = new LivePrint();

  /** Described up to `pools` pool numbers and `slots` slots: the new ones not in use and not mapped. */
  fit(pools: number, slots: number): void {
    if (this.poolClass.length < pools) {
      this.poolClass = grownTo(this.poolClass, pools);
      this.poolBlocks = grownTo(this.poolBlocks, pools);
      this.poolFull = grownTo(this.poolFull, pools);
      this.liveCount = grownTo(this.liveCount, pools);
      this.liveSum = grownTo(this.liveSum, pools);
      this.liveHash = grownTo(this.liveHash, pools);
    }
    if (this.pools < pools) {
      this.poolClass.fill(-1, this.pools, pools);
      this.poolBlocks.fill(0, this.pools, pools);
      this.poolFull.fill(0, this.pools, pools);
      this.liveCount.fill(0, this.pools, pools);
      this.liveSum.fill(0, this.pools, pools);
      this.liveHash.fill(0, this.pools, pools);
      this.pools = pools;
    }
    if (this.slotArena.length < slots) {
      this.slotArena = grownTo(this.slotArena, slots);
      this.slotCarved = grownTo(this.slotCarved, slots);
    }
    if (this.slots < slots) {
      this.slotArena.fill(-1, this.slots, slots);
      this.slotCarved.fill(0, this.slots, slots);
      this.slots = slots;
    }
  }

  /** Describes a new allocator: nothing verified, nothing described. */
  forget(): void {
    this.ok = false;
    this.pools = 0;
    this.slots = 0;
    this.livePrint.n = -1;
  }

  /** No pool counted: a full check tallies them all again. */
  forgetTallies(): void {
    this.poolClass.fill(-1, 0, this.pools);
    this.poolBlocks.fill(0, 0, this.pools);
    this.poolFull.fill(0, 0, this.pools);
    this.classPools.fill(0);
    this.classFull.fill(0);
    this.classBlocks.fill(0);
    this.classUsed.fill(0);
  }
}

/**
 * VERIFIED of the allocators checked last, the most recent first. A runner checks one allocator (a test
 * two, side by side) and makes a new one per program: the oldest entry's arrays serve the next newcomer,
 * whose first check is then full, instead of new arrays per allocator.
 */
const VERIFIED_KEPT = 4;
const verifiedKept: Array<{ pm: Pymalloc; v: Verified }> = [];

function verifiedOf(pm: Pymalloc): Verified {
  const kept = verifiedKept;
  for (let i = 0; i < kept.length; i++) {
    const entry = kept[i];
    if (entry.pm !== pm) continue;
    if (i > 0) kept.unshift(...kept.splice(i, 1));
    return entry.v;
  }
  const entry = kept.length < VERIFIED_KEPT ? { pm, v: new Verified() } : kept.pop()!;
  entry.pm = pm;
  entry.v.forget();
  kept.unshift(entry);
  return entry.v;
}

/** A list of small integers kept from check to check: the first `n` of `items` (emptied by `n = 0`, no allocation). */
class IntList {
  items = new Int32Array(16);
  n = 0;

  push(x: number): void {
    if (this.n === this.items.length) this.items = grownTo(this.items, this.n * 2);
    this.items[this.n++] = x;
  }

  includes(x: number): boolean {
    for (let i = 0; i < this.n; i++) if (this.items[i] === x) return true;
    return false;
  }
}

/**
 * One walk's state: the allocator, the problems found, and the sets of the module comment as marks.
 * FREE and LIVE are indexed by the granule `(q − FIRST_POOL)·granulesPerPool + g` of pool q (its block
 * handle); EMPTIED, LISTED and WRITTEN (the pools the incremental check re-verifies) by pool number;
 * UNUSED, USABLE and the arenas walked by descriptor.
 */
class Walk {
  pm!: Pymalloc;
  v!: Verified;
  incremental = false;
  problems: string[] = [];
  epoch = 0;
  free = new Uint32Array(0);
  emptied = new Uint32Array(0);
  unused = new Uint32Array(0);
  /** UNUSED descriptors a corrupted list names beyond `unused`. */
  unusedBeyond: Set<number> | null = null;
  /** The caller's live small blocks, at the same index as `free`. */
  live = new Uint32Array(0);
  /** Live addresses given that are not a 16-aligned granule of a pool (raw, misaligned). */
  liveElsewhere: Set<number> | null = null;
  /**
   * Live blocks counted per pool, with the sum of their handles and the xor of the handles' hashes:
   * valid where `poolLiveMark[q]` is the epoch.
   */
  poolLive = new Int32Array(0);
  poolLiveSum = new Float64Array(0);
  poolLiveHash = new Int32Array(0);
  poolLiveMark = new Uint32Array(0);
  usable = new Uint32Array(0);
  /** Descriptors whose header this check walked; those whose carved pools it may walk (header sound). */
  arenaSeen = new Uint32Array(0);
  arenaWalkable = new Uint32Array(0);
  /** WRITTEN, and the same pools as a list; the size classes whose ring the incremental check walks. */
  written = new Uint32Array(0);
  readonly writtenPools = new IntList();
  readonly classMarked = new Uint32Array(NB_SMALL_SIZE_CLASSES);
  readonly classesToWalk = new IntList();
  /** log2 of the granules per pool: a block handle's pool is `(h >> shift) + FIRST_POOL`. */
  poolShift = 0;
  /** LISTED: `usedListed[q]`, with the class of the list it was met on in `usedListClass[q]`. */
  usedListed = new Uint32Array(0);
  usedListClass = new Int32Array(0);
  /** The used pools in walk order, for the messages about missing ones in that order. */
  readonly usedInOrder = new IntList();
  /** usable_arenas as walked, head first. */
  readonly usableInOrder = new IntList();
  /** Pools in the order their first live block came. */
  readonly livePoolsInOrder = new IntList();

  /** Starts a check of `pm`: every set empty, the marks grown (never shrunk) to the largest allocator checked. */
  begin(pm: Pymalloc, v: Verified, incremental: boolean): void {
    const links = pm.pools.link.length;
    const capacity = pm.pools.capacity;
    const descriptors = pm.arenas.maxarenas;
    if (this.free.length < links || this.emptied.length < capacity || this.unused.length < descriptors || this.epoch >= LAST_EPOCH) {
      this.grow(Math.max(links, this.free.length), Math.max(capacity, this.emptied.length), Math.max(descriptors, this.unused.length));
    }
    this.pm = pm;
    this.v = v;
    this.incremental = incremental;
    this.problems = [];
    this.epoch++;
    this.unusedBeyond = null;
    this.liveElsewhere = null;
    this.poolShift = Math.round(Math.log2(pm.geometry.granulesPerPool));
    v.fit(capacity, pm.slots.capacity);
    if (!incremental) v.forgetTallies();
    this.writtenPools.n = 0;
    this.classesToWalk.n = 0;
    this.usedInOrder.n = 0;
    this.usableInOrder.n = 0;
    this.livePoolsInOrder.n = 0;
  }

  private grow(links: number, capacity: number, descriptors: number): void {
    this.epoch = 0;
    this.free = new Uint32Array(links);
    this.live = new Uint32Array(links);
    this.emptied = new Uint32Array(capacity);
    this.poolLive = new Int32Array(capacity);
    this.poolLiveSum = new Float64Array(capacity);
    this.poolLiveHash = new Int32Array(capacity);
    this.poolLiveMark = new Uint32Array(capacity);
    this.written = new Uint32Array(capacity);
    this.classMarked.fill(0);
    this.usedListed = new Uint32Array(capacity);
    this.usedListClass = new Int32Array(capacity);
    this.unused = new Uint32Array(descriptors);
    this.usable = new Uint32Array(descriptors);
    this.arenaSeen = new Uint32Array(descriptors);
    this.arenaWalkable = new Uint32Array(descriptors);
  }
}

// One walk for every allocator: the epoch only grows, so marks left by another allocator's check are
// stale like any other.
const walk = new Walk();

/**
 * The violated invariants of `pm`, checked against the caller's live addresses when given (the list is
 * read, never kept). `{ full: false }`: the incremental check of the module comment, which needs `live`
 * (without it, or with nothing verified yet, the check is full).
 */
export function checkPymalloc(pm: Pymalloc, live?: Iterable<number>, options?: { full?: boolean }): string[] {
  const v = verifiedOf(pm);
  const print = live === undefined ? null : livePrint(live, thisPrint);
  const incremental = options?.full === false && print !== null && v.ok;
  let problems: string[] | null = null;
  if (incremental) problems = nothingWritten(pm, v) && print.equals(v.livePrint) ? [] : checkWritten(walk, pm, v, live!);
  if (problems === null || problems.length > 0) problems = checkEverything(walk, pm, v, live);
  if (print !== null && v.ok) v.livePrint.set(print);
  return problems;
}

/**
 * A set of live addresses in three numbers: how many, and the xor and the 32-bit sum of a hash of each.
 * Two sets a defect makes differ in all three only by a 32-bit coincidence; a repeated address changes
 * the count and the sum.
 */
class LivePrint {
  n = 0;
  xor = 0;
  sum = 0;

  equals(o: LivePrint): boolean {
    return this.n === o.n && this.xor === o.xor && this.sum === o.sum;
  }

  set(o: LivePrint): void {
    this.n = o.n;
    this.xor = o.xor;
    this.sum = o.sum;
  }
}

const thisPrint = new LivePrint();

function livePrint(live: Iterable<number>, into: LivePrint): LivePrint {
  let n = 0;
  let xor = 0;
  let sum = 0;
  for (const address of live) {
    // The address's low and high 32 bits (addresses are below 2^53), mixed into one hash.
    const k = mixed((address >>> 0) ^ Math.imul(Math.floor(address / 4294967296), 0x9e3779b1));
    n++;
    xor ^= k;
    sum = (sum + k) | 0;
  }
  into.n = n;
  into.xor = xor;
  into.sum = sum;
  return into;
}

/**
 * Nothing marked since VERIFIED, and the class counters (which carry no mark) still its sums: every
 * structure is as verified.
 */
function nothingWritten(pm: Pymalloc, v: Verified): boolean {
  const { marks, pools } = pm;
  if (marks.pools.length !== 0 || marks.arenaWrites !== v.arenaWrites || marks.rawWrites !== v.rawWrites) return false;
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    if (pools.classPools[i] !== v.classPools[i] || pools.classFull[i] !== v.classFull[i] || pools.classBlocks[i] !== v.classBlocks[i]) return false;
  }
  return true;
}


function checkEverything(w: Walk, pm: Pymalloc, v: Verified, live: Iterable<number> | undefined): string[] {
  w.begin(pm, v, false);
  checkAddressSpace(w);
  checkUnusedArenaObjects(w);
  checkArenas(w, true);
  checkClassCounters(w);
  checkUsedpools(w);
  checkUsableArenas(w);
  checkRawBlocks(w);
  if (live !== undefined) checkLiveBlocks(w, live);
  v.ok = w.problems.length === 0 && live !== undefined;
  if (v.ok && live !== undefined) {
    v.liveCount.fill(0, 0, v.pools);
    v.liveSum.fill(0, 0, v.pools);
    v.liveHash.fill(0, 0, v.pools);
    for (let i = 0; i < w.livePoolsInOrder.n; i++) keepLive(w, w.livePoolsInOrder.items[i]);
    keepVerified(w, true);
  } else pm.marks.clear();
  return w.problems;
}

/** The incremental check: what was written since the last check, against VERIFIED. */
function checkWritten(w: Walk, pm: Pymalloc, v: Verified, live: Iterable<number>): string[] {
  w.begin(pm, v, true);
  const { marks, pools } = pm;
  for (const p of marks.pools) markWritten(w, p);
  const arenaLevel = marks.arenaWrites !== v.arenaWrites;
  if (arenaLevel) {
    markRecarvedSlots(w);
    checkAddressSpace(w);
    checkUnusedArenaObjects(w);
    checkArenas(w, false);
  }
  for (let i = 0; i < w.writtenPools.n; i++) {
    const p = w.writtenPools.items[i];
    if (p < FIRST_POOL) markClass(w, p);
    else recheckPool(w, p);
  }
  checkClassCounters(w);
  for (let i = 0; i < w.classesToWalk.n; i++) {
    const idx = w.classesToWalk.items[i];
    if (pools.nextpool[idx] === idx && pools.prevpool[idx] === idx && v.classUsed[idx] === 0) continue;
    checkUsedpoolsRing(w, idx);
  }
  if (arenaLevel) checkUsableArenas(w);
  if (marks.rawWrites !== v.rawWrites) checkRawBlocks(w);
  checkLiveBlocks(w, live);
  if (w.problems.length === 0) {
    for (let i = 0; i < w.writtenPools.n; i++) if (w.writtenPools.items[i] >= FIRST_POOL) keepLive(w, w.writtenPools.items[i]);
    keepVerified(w, arenaLevel);
  }
  return w.problems;
}

/** After a check that found nothing: the counters and (when they may have changed) the slots, as verified; no pool marked. */
function keepVerified(w: Walk, slotsToo: boolean): void {
  const { pm, v } = w;
  v.arenaWrites = pm.marks.arenaWrites;
  v.rawWrites = pm.marks.rawWrites;
  if (slotsToo) {
    for (let s = 0; s < v.slots; s++) {
      v.slotArena[s] = arenaOfSlot(w, s);
      v.slotCarved[s] = carvedOfSlot(w, s);
    }
  }
  pm.marks.clear();
}

/** Pool q's live blocks as this check counted them (none if it met none), into VERIFIED. */
function keepLive(w: Walk, q: number): void {
  const met = w.poolLiveMark[q] === w.epoch;
  w.v.liveCount[q] = met ? w.poolLive[q] : 0;
  w.v.liveSum[q] = met ? w.poolLiveSum[q] : 0;
  w.v.liveHash[q] = met ? w.poolLiveHash[q] : 0;
}

/** Pool p in WRITTEN (once); a pool number outside the pools names nothing a write could change. */
function markWritten(w: Walk, p: number): void {
  if (p >= 0 && p < w.pm.pools.capacity && w.written[p] !== w.epoch) {
    w.written[p] = w.epoch;
    w.writtenPools.push(p);
  }
}

function markClass(w: Walk, idx: number): void {
  if (idx >= 0 && idx < NB_SMALL_SIZE_CLASSES && w.classMarked[idx] !== w.epoch) {
    w.classMarked[idx] = w.epoch;
    w.classesToWalk.push(idx);
  }
}

/** The descriptor mapped at `slot` if the two agree on each other, else −1. */
function arenaOfSlot(w: Walk, slot: number): number {
  const { slots, arenas } = w.pm;
  const a = slots.arenaAt(slot);
  return a >= 0 && a < arenas.maxarenas && arenas.slot[a] === slot ? a : -1;
}

/** The carved pools of the arena at `slot` (0 when none is mapped), within 0 … A/P. */
function carvedOfSlot(w: Walk, slot: number): number {
  const a = arenaOfSlot(w, slot);
  if (a < 0) return 0;
  const ppa = w.pm.geometry.poolsPerArena;
  return Math.min(ppa, Math.max(0, w.pm.arenas.poolAddress[a] - (FIRST_POOL + slot * ppa)));
}

/**
 * The pools whose arena changed under them since VERIFIED: every pool carved then or now of a slot
 * mapped to another descriptor (or unmapped), and the pools between the old and the new pool_address
 * of an arena that carved (or, by a defect, uncarved) some.
 */
function markRecarvedSlots(w: Walk): void {
  const { v } = w;
  const ppa = w.pm.geometry.poolsPerArena;
  for (let s = 0; s < w.pm.slots.capacity; s++) {
    const arena = arenaOfSlot(w, s);
    const carved = carvedOfSlot(w, s);
    const oldArena = v.slotArena[s];
    const oldCarved = v.slotCarved[s];
    if (arena === oldArena && carved === oldCarved) continue;
    const first = FIRST_POOL + s * ppa;
    const from = arena === oldArena ? Math.min(carved, oldCarved) : 0;
    const to = Math.max(carved, oldCarved);
    for (let q = first + from; q < first + to; q++) markWritten(w, q);
  }
}

/**
 * A written pool: its old tally out of the class sums, its classes' rings to walk, and, if it is a carved
 * pool of a mapped arena (that arena's header and freepools walked first, for EMPTIED), walked and
 * tallied again as the full check does.
 */
function recheckPool(w: Walk, p: number): void {
  const { v, pm } = w;
  const ppa = pm.geometry.poolsPerArena;
  markClass(w, v.poolClass[p]);
  untallyPool(v, p);
  markClass(w, pm.pools.szidx[p]);
  const slot = Math.floor((p - FIRST_POOL) / ppa);
  const a = arenaOfSlot(w, slot);
  if (a < 0) return;
  if (w.arenaSeen[a] !== w.epoch) checkArena(w, a, slot, false);
  if (w.arenaWalkable[a] !== w.epoch) return;
  const first = FIRST_POOL + slot * ppa;
  const carved = pm.arenas.poolAddress[a] - first;
  if (p < first + carved) checkCarvedPool(w, p, a, first, carved);
}

function fail(w: Walk, problem: string): void {
  if (w.problems.length < MAX_PROBLEMS) w.problems.push(problem);
}

const hex = (n: number): string => '0x' + n.toString(16);

// Formatted only on failure.
function arenaWhere(w: Walk, a: number, slot: number): string {
  return `arena ${a} (slot ${slot}, ${hex(ARENA_REGION_BASE + slot * w.pm.geometry.arenaSize)})`;
}

function poolWhere(w: Walk, q: number): string {
  return `pool ${hex(w.pm.poolAddress(q))}`;
}

function checkAddressSpace(w: Walk): void {
  const { slots, arenas } = w.pm;
  const released = slots.releasedCount === 0 ? NO_SLOTS : slots.releasedSlots();
  const releasedSet = released.length === 0 ? NO_SLOTS_SET : new Set<number>();
  for (const s of released) {
    if (s < 0 || s >= slots.slotsEverMapped) fail(w, `address space: released slot ${s} was never mapped`);
    else if (slots.slotToArena[s] >= 0) fail(w, `address space: released slot ${s} is mapped`);
    if (releasedSet.has(s)) fail(w, `address space: slot ${s} released twice`);
    releasedSet.add(s);
  }
  for (let s = 0; s < slots.capacity; s++) {
    const a = slots.slotToArena[s];
    if (s >= slots.slotsEverMapped) {
      if (a !== -1) fail(w, `address space: slot ${s} mapped beyond slotsEverMapped`);
    } else if (a < 0 && !releasedSet.has(s)) fail(w, `address space: slot ${s} is neither mapped nor released`);
    else if (a >= arenas.maxarenas || (a >= 0 && arenas.slot[a] !== s)) fail(w, `address space: slot ${s} maps to descriptor ${a}, which is not at that slot`);
  }
}

function isUnused(w: Walk, a: number): boolean {
  return a < w.unused.length ? w.unused[a] === w.epoch : w.unusedBeyond !== null && w.unusedBeyond.has(a);
}

function checkUnusedArenaObjects(w: Walk): void {
  const { arenas } = w.pm;
  let listed = 0;
  for (let a = arenas.unusedArenaObjects; a >= 0; a = arenas.nextarena[a]) {
    if (isUnused(w, a) || listed > arenas.maxarenas) {
      fail(w, `unused_arena_objects: cycle at descriptor ${a}`);
      break;
    }
    if (a < w.unused.length) w.unused[a] = w.epoch;
    else (w.unusedBeyond ??= new Set<number>()).add(a);
    listed++;
    if (arenas.slot[a] !== -1) fail(w, `unused_arena_objects: descriptor ${a} has an arena (slot ${arenas.slot[a]})`);
  }
}

/** Every descriptor; with `withPools` each arena's carved pools too (else only headers and freepools). */
function checkArenas(w: Walk, withPools: boolean): void {
  const { arenas } = w.pm;
  let associated = 0;
  let unusedPools = 0;
  for (let a = 0; a < arenas.maxarenas; a++) {
    const slot = arenas.slot[a];
    if (slot === -1) {
      if (!isUnused(w, a)) fail(w, `descriptor ${a}: no arena but not on unused_arena_objects`);
      continue;
    }
    associated++;
    unusedPools += checkArena(w, a, slot, withPools);
  }
  checkArenaCounters(w, associated, unusedPools);
}

/** One arena and (`withPools`) its carved pools; its nfreepools, or 0 when it is too broken to walk. */
function checkArena(w: Walk, a: number, slot: number, withPools: boolean): number {
  const { arenas, slots } = w.pm;
  const ppa = w.pm.geometry.poolsPerArena;
  w.arenaSeen[a] = w.epoch;
  if (slots.arenaAt(slot) !== a) {
    fail(w, `${arenaWhere(w, a, slot)}: its slot is not mapped to it`);
    return 0;
  }
  if (arenas.ntotalpools[a] !== ppa) fail(w, `${arenaWhere(w, a, slot)}: ntotalpools ${arenas.ntotalpools[a]} ≠ ${ppa}`);
  const first = FIRST_POOL + slot * ppa;
  const carved = arenas.poolAddress[a] - first;
  if (carved < 0 || carved > ppa) {
    fail(w, `${arenaWhere(w, a, slot)}: pool_address outside the arena (${carved} pools carved)`);
    return 0;
  }
  w.arenaWalkable[a] = w.epoch;
  const emptied = checkFreepools(w, a, slot, first, carved);
  const nf = arenas.nfreepools[a];
  if (nf !== emptied + (ppa - carved)) fail(w, `${arenaWhere(w, a, slot)}: nfreepools ${nf} ≠ ${emptied} emptied + ${ppa - carved} never-carved`);
  if (nf > 0) w.usable[a] = w.epoch;
  if (withPools) for (let q = first; q < first + carved; q++) checkCarvedPool(w, q, a, first, carved);
  return nf;
}

/** An arena's EMPTIED pools: marked, and within its carved pools (a mark from another arena is not one). */
function isEmptiedIn(w: Walk, q: number, first: number, carved: number): boolean {
  return q >= first && q < first + carved && w.emptied[q] === w.epoch;
}

/** Marks the arena's freepools in EMPTIED; how many it holds (up to a break in the list). */
function checkFreepools(w: Walk, a: number, slot: number, first: number, carved: number): number {
  const { arenas, pools } = w.pm;
  let emptied = 0;
  for (let q = arenas.freepools[a]; q >= 0; q = pools.nextpool[q]) {
    if (isEmptiedIn(w, q, first, carved) || emptied > carved) {
      fail(w, `${arenaWhere(w, a, slot)}: freepools has a cycle`);
      break;
    }
    if (q < first || q >= first + carved) {
      fail(w, `${arenaWhere(w, a, slot)}: freepools holds pool ${q}, not a carved pool of this arena`);
      break;
    }
    w.emptied[q] = w.epoch;
    emptied++;
  }
  return emptied;
}

function checkCarvedPool(w: Walk, q: number, a: number, first: number, carved: number): void {
  const { pools } = w.pm;
  if (pools.arenaindex[q] !== a) fail(w, `${poolWhere(w, q)}: arenaindex ${pools.arenaindex[q]} ≠ ${a}`);
  const count = pools.count[q];
  const emptied = isEmptiedIn(w, q, first, carved);
  if (count === 0 && !emptied) fail(w, `${poolWhere(w, q)}: empty but not on its arena's freepools`);
  if (count !== 0 && emptied) fail(w, `${poolWhere(w, q)}: on freepools with ${count} blocks allocated`);
  const carvedBlocks = checkPoolHeader(w, q);
  if (carvedBlocks < 0) return;
  checkPoolCount(w, q, carvedBlocks, checkPoolFreeList(w, q, carvedBlocks));
  if (count !== 0) tallyPoolInUse(w, q);
}

/** The pool's blocks below nextoffset, or −1 when its header leaves the rest of the pool unreadable. */
function checkPoolHeader(w: Walk, q: number): number {
  const { pools } = w.pm;
  const { poolSize: P, numBlocks } = w.pm.geometry;
  const idx = pools.szidx[q];
  if (idx >= NB_SMALL_SIZE_CLASSES) {
    fail(w, `${poolWhere(w, q)}: carved but szidx ${idx} is no size class`);
    return -1;
  }
  const size = classSize(idx);
  const next = pools.nextoffset[q];
  if (pools.maxnextoffset[q] !== P - size) fail(w, `${poolWhere(w, q)}: maxnextoffset ${pools.maxnextoffset[q]} ≠ ${P - size}`);
  if (next < POOL_OVERHEAD + size || (next - POOL_OVERHEAD) % size !== 0 || next > P - size + size) {
    fail(w, `${poolWhere(w, q)}: nextoffset ${next} is not a block boundary of class ${idx}`);
    return -1;
  }
  const carvedBlocks = (next - POOL_OVERHEAD) / size;
  if (carvedBlocks > numBlocks[idx]) fail(w, `${poolWhere(w, q)}: ${carvedBlocks} blocks carved, more than ${numBlocks[idx]}`);
  return carvedBlocks;
}

/** Marks the pool's free list in FREE; its length (up to a break in the list). */
function checkPoolFreeList(w: Walk, q: number, carvedBlocks: number): number {
  const { pools } = w.pm;
  const gpp = w.pm.geometry.granulesPerPool;
  const idx = pools.szidx[q];
  const size = classSize(idx);
  const next = pools.nextoffset[q];
  const free = w.free;
  const base = (q - FIRST_POOL) * gpp;
  let length = 0;
  for (let g = pools.freeblock[q]; g !== 0; g = pools.link[base + g]) {
    const off = g * 16;
    if ((g >= 0 && g < gpp && free[base + g] === w.epoch) || length > carvedBlocks) {
      fail(w, `${poolWhere(w, q)}: free list has a cycle at offset ${off}`);
      break;
    }
    if (off < POOL_OVERHEAD || off >= next || (off - POOL_OVERHEAD) % size !== 0) {
      fail(w, `${poolWhere(w, q)}: free list holds offset ${off}, not a carved block of class ${idx}`);
      break;
    }
    free[base + g] = w.epoch;
    length++;
  }
  return length;
}

function checkPoolCount(w: Walk, q: number, carvedBlocks: number, free: number): void {
  const { pools } = w.pm;
  const count = pools.count[q];
  if (count < 0 || count + free !== carvedBlocks) fail(w, `${poolWhere(w, q)}: count ${count} + ${free} free ≠ ${carvedBlocks} carved blocks`);
  if (count === 0) return;
  const idx = pools.szidx[q];
  const numBlocks = w.pm.geometry.numBlocks;
  const full = pools.freeblock[q] === 0;
  if (full !== (count === numBlocks[idx])) fail(w, `${poolWhere(w, q)}: ${count}/${numBlocks[idx]} blocks but ${full ? 'no' : 'a'} free list`);
}

/** A pool with blocks allocated: counted for its class (in VERIFIED's tallies), and in USED unless full. */
function tallyPoolInUse(w: Walk, q: number): void {
  const { pools } = w.pm;
  const { v } = w;
  const idx = pools.szidx[q];
  const full = pools.freeblock[q] === 0;
  v.poolClass[q] = idx;
  v.poolBlocks[q] = pools.count[q];
  v.poolFull[q] = full ? 1 : 0;
  v.classPools[idx]++;
  v.classBlocks[idx] += pools.count[q];
  if (full) v.classFull[idx]++;
  else {
    v.classUsed[idx]++;
    w.usedInOrder.push(q);
  }
}

/** The pool's tally taken out of the class sums: counted for no class. */
function untallyPool(v: Verified, q: number): void {
  const idx = v.poolClass[q];
  if (idx < 0) return;
  v.classPools[idx]--;
  v.classBlocks[idx] -= v.poolBlocks[q];
  if (v.poolFull[q] === 1) v.classFull[idx]--;
  else v.classUsed[idx]--;
  v.poolClass[q] = -1;
}

function checkArenaCounters(w: Walk, associated: number, unusedPools: number): void {
  const { arenas } = w.pm;
  if (associated !== arenas.narenasCurrentlyAllocated) fail(w, `counters: ${associated} arenas but narenas_currently_allocated = ${arenas.narenasCurrentlyAllocated}`);
  if (arenas.narenasHighwater < arenas.narenasCurrentlyAllocated) fail(w, `counters: highwater ${arenas.narenasHighwater} < current`);
  if (arenas.ntimesArenaAllocated < arenas.narenasHighwater) fail(w, `counters: allocated total ${arenas.ntimesArenaAllocated} < highwater`);
  if (unusedPools !== arenas.unusedPools) fail(w, `counters: Σ nfreepools = ${unusedPools} but unusedPools = ${arenas.unusedPools}`);
}

function checkClassCounters(w: Walk): void {
  const { pools } = w.pm;
  const { classPools, classFull, classBlocks } = w.v;
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    if (classPools[i] !== pools.classPools[i] || classFull[i] !== pools.classFull[i] || classBlocks[i] !== pools.classBlocks[i]) {
      fail(w, `counters: class ${i} has ${classPools[i]} pools (${classFull[i]} full), ${classBlocks[i]} blocks; counters say ${pools.classPools[i]} (${pools.classFull[i]}), ${pools.classBlocks[i]}`);
    }
  }
}

function isUsedOfClass(w: Walk, q: number, idx: number): boolean {
  const { v } = w;
  return q >= 0 && q < v.poolClass.length && v.poolClass[q] === idx && v.poolFull[q] === 0;
}

function isListedIn(w: Walk, q: number, idx: number): boolean {
  return q >= 0 && q < w.usedListed.length && w.usedListed[q] === w.epoch && w.usedListClass[q] === idx;
}

function checkUsedpools(w: Walk): void {
  const { nextpool, prevpool } = w.pm.pools;
  for (let idx = 0; idx < NB_SMALL_SIZE_CLASSES; idx++) {
    if (nextpool[idx] === idx && prevpool[idx] === idx && w.v.classUsed[idx] === 0) continue; // empty, as it should be
    checkUsedpoolsRing(w, idx);
  }
}

/** usedpools[idx]: the ring's header is pool number idx; its pools go in LISTED with the class. */
function checkUsedpoolsRing(w: Walk, idx: number): void {
  const { pm } = w;
  const { pools } = pm;
  const used = w.v.classUsed[idx];
  let listed = 0;
  let listedUsed = 0;
  let prev = idx;
  for (let q = pools.nextpool[idx]; q !== idx; q = pools.nextpool[q]) {
    if (isListedIn(w, q, idx) || listed > used || q < FIRST_POOL || q >= pools.capacity) {
      fail(w, `usedpools[${idx}]: broken list at pool number ${q}`);
      break;
    }
    if (pools.prevpool[q] !== prev) fail(w, `usedpools[${idx}]: prevpool of ${hex(pm.poolAddress(q))} is wrong`);
    if (!isUsedOfClass(w, q, idx)) {
      fail(w, `usedpools[${idx}]: holds ${hex(pm.poolAddress(q))}, not a used pool of class ${idx}` + (pm.poolOf(pm.poolAddress(q)) < 0 ? ' (in a released arena)' : ''));
    } else listedUsed++;
    w.usedListed[q] = w.epoch;
    w.usedListClass[q] = idx;
    listed++;
    prev = q;
  }
  if (pools.prevpool[idx] !== prev) fail(w, `usedpools[${idx}]: the header's prevpool is not the last pool`);
  if (used === 0) return;
  // The incremental check met only the written pools: which used pool is missing, the full check says.
  if (w.incremental) {
    if (listedUsed < used) fail(w, `usedpools[${idx}]: ${used - listedUsed} used pools missing`);
  } else {
    for (let i = 0; i < w.usedInOrder.n; i++) {
      const q = w.usedInOrder.items[i];
      if (w.v.poolClass[q] === idx && !isListedIn(w, q, idx)) fail(w, `usedpools[${idx}]: used pool ${hex(pm.poolAddress(q))} missing`);
    }
  }
}

function checkUsableArenas(w: Walk): void {
  const { arenas } = w.pm;
  const ppa = w.pm.geometry.poolsPerArena;
  const order = w.usableInOrder;
  let prev = -1;
  for (let a = arenas.usableArenas; a >= 0; a = arenas.nextarena[a]) {
    if (order.includes(a) || order.n > arenas.maxarenas) {
      fail(w, `usable_arenas: cycle at descriptor ${a}`);
      break;
    }
    if (arenas.prevarena[a] !== prev) fail(w, `usable_arenas: prevarena of descriptor ${a} is ${arenas.prevarena[a]}, not ${prev}`);
    if (arenas.slot[a] === -1) fail(w, `usable_arenas: holds descriptor ${a}, whose arena was released`);
    if (!(a >= 0 && a < w.usable.length && w.usable[a] === w.epoch)) fail(w, `usable_arenas: holds descriptor ${a} with ${arenas.nfreepools[a]} free pools`);
    if (prev >= 0 && arenas.nfreepools[prev] > arenas.nfreepools[a]) fail(w, `usable_arenas: not sorted (${arenas.nfreepools[prev]} before ${arenas.nfreepools[a]})`);
    order.push(a);
    prev = a;
  }
  for (let a = 0; a < arenas.maxarenas; a++) if (w.usable[a] === w.epoch && !order.includes(a)) fail(w, `usable_arenas: descriptor ${a} with ${arenas.nfreepools[a]} free pools missing`);
  for (let i = 0; i < order.n; i++) {
    const a = order.items[i];
    if (arenas.nfreepools[a] === ppa && i !== order.n - 1) fail(w, `usable_arenas: the wholly empty arena ${a} is kept but is not the last`);
  }
  checkNfp2lasta(w);
}

function checkNfp2lasta(w: Walk): void {
  const { arenas } = w.pm;
  const ppa = w.pm.geometry.poolsPerArena;
  for (let k = 0; k <= ppa; k++) {
    let expected = -1;
    for (let i = 0; i < w.usableInOrder.n; i++) if (arenas.nfreepools[w.usableInOrder.items[i]] === k) expected = w.usableInOrder.items[i];
    if (arenas.nfp2lasta[k] !== expected) fail(w, `nfp2lasta[${k}] = ${arenas.nfp2lasta[k]}, expected ${expected}`);
  }
}

function checkRawBlocks(w: Walk): void {
  const { raw } = w.pm;
  const blocks = raw.capacityOf.size === 0 ? NO_RAW_BLOCKS
    : [...raw.capacityOf].map(([key, cap]) => [RAW_REGION_BASE + key * 16, cap] as const).sort((x, y) => x[0] - y[0]);
  let bytes = 0;
  let end = RAW_REGION_BASE;
  for (const [address, cap] of blocks) {
    if (address < end || address % 16 !== 0) fail(w, `raw: block ${hex(address)} overlaps the previous one or is misaligned`);
    if (cap < 16 || cap % 16 !== 0) fail(w, `raw: block ${hex(address)} has capacity ${cap}`);
    end = address + cap;
    bytes += cap;
  }
  if (end > raw.top) fail(w, `raw: a block ends above the bump pointer`);
  if (bytes !== raw.bytes) fail(w, `raw: bytes ${raw.bytes} ≠ Σ capacities ${bytes}`);
}

/**
 * The live addresses against the pools. Incrementally, an address in a pool nobody wrote is only counted
 * (with its handle's sum and hash) and its pool's live blocks compared with VERIFIED's; every other address
 * gets checkLiveBlock's checks.
 */
function checkLiveBlocks(w: Walk, live: Iterable<number>): void {
  const { pm, v } = w;
  const { pools } = pm;
  let rawLive = 0;
  if (!w.incremental) for (const address of live) rawLive += checkLiveBlock(w, address);
  else {
    const shift = w.poolShift;
    for (const address of live) {
      const h = pm.handleOf(address);
      const q = h < 0 ? -1 : (h >> shift) + FIRST_POOL;
      if (q < 0 || w.written[q] === w.epoch) rawLive += checkLiveBlock(w, address);
      else countLive(w, q, h);
    }
  }
  let livePools = 0;
  for (let i = 0; i < w.livePoolsInOrder.n; i++) {
    const q = w.livePoolsInOrder.items[i];
    const n = w.poolLive[q];
    if (pools.count[q] !== n) fail(w, `live: pool ${hex(pm.poolAddress(q))} has count ${pools.count[q]} but ${n} live blocks`);
    else if (w.incremental && w.written[q] !== w.epoch && (v.liveCount[q] !== n || v.liveSum[q] !== w.poolLiveSum[q] || v.liveHash[q] !== w.poolLiveHash[q])) {
      fail(w, `live: the live blocks of pool ${hex(pm.poolAddress(q))} changed, but nothing wrote the pool`);
    }
    livePools += n;
  }
  let counted = 0;
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) counted += pools.classBlocks[i];
  if (counted !== livePools) fail(w, `live: ${counted} blocks allocated from pools but ${livePools} live`);
  if (rawLive !== pm.raw.count) fail(w, `live: ${pm.raw.count} raw blocks but ${rawLive} live`);
}

/**
 * One live address: given once, and an allocated block of its pool (then counted for the pool) or a raw
 * block; 1 if it is a live raw block, else 0.
 */
function checkLiveBlock(w: Walk, address: number): number {
  const { pm } = w;
  const { pools } = pm;
  // A 16-aligned address inside a mapped arena has a block handle, its granule in the arena region, and
  // is marked there (one address per granule); any other (raw, misaligned) goes in a Set. The two never
  // hold the same address.
  const granule = pm.handleOf(address);
  const q = granule < 0 ? -1 : (granule >> w.poolShift) + FIRST_POOL;
  // The offset in its pool, a small integer (no floating-point remainder of a 47-bit address).
  const off = q < 0 ? 0 : (granule - (q - FIRST_POOL) * pm.geometry.granulesPerPool) * 16;
  const inPool = granule >= 0 && granule < w.live.length;
  if (inPool ? w.live[granule] === w.epoch : w.liveElsewhere !== null && w.liveElsewhere.has(address)) fail(w, `live: ${hex(address)} given twice (two live blocks at one address)`);
  if (inPool) w.live[granule] = w.epoch;
  else (w.liveElsewhere ??= new Set<number>()).add(address);
  if (q < 0) {
    if (pm.raw.capacity(address) !== 0) return 1;
    fail(w, `live: ${hex(address)} is neither in an arena nor a raw block`);
    return 0;
  }
  const size = classSize(pools.szidx[q]);
  if (pools.count[q] <= 0 || off < POOL_OVERHEAD || off >= pools.nextoffset[q] || (off - POOL_OVERHEAD) % size !== 0) {
    fail(w, `live: ${hex(address)} is not an allocated block of its pool`);
    return 0;
  }
  if (w.free[granule] === w.epoch) fail(w, `live: ${hex(address)} is on its pool's free list`);
  countLive(w, q, granule);
  return 0;
}

/** One live block of pool q, handle h: counted, summed and hashed for the pool. */
function countLive(w: Walk, q: number, h: number): void {
  if (w.poolLiveMark[q] !== w.epoch) {
    w.poolLiveMark[q] = w.epoch;
    w.poolLive[q] = 0;
    w.poolLiveSum[q] = 0;
    w.poolLiveHash[q] = 0;
    w.livePoolsInOrder.push(q);
  }
  w.poolLive[q]++;
  w.poolLiveSum[q] += h;
  w.poolLiveHash[q] ^= mixed(h);
}

/** A 32-bit mix of a handle (murmur3's finaliser), so that an xor of them tells most sets apart. */
function mixed(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** usable_arenas head first, as (slot, nfreepools): for tests of the arena order. */
export function usableArenasOrder(pm: Pymalloc): Array<{ slot: number; nfreepools: number }> {
  const out: Array<{ slot: number; nfreepools: number }> = [];
  const { arenas } = pm;
  for (let a = arenas.usableArenas; a >= 0 && out.length <= arenas.maxarenas; a = arenas.nextarena[a]) {
    out.push({ slot: arenas.slot[a], nfreepools: arenas.nfreepools[a] });
  }
  return out;
}
