/*
 * A debug walk over every structure of impl/pymalloc, returning each violated invariant as a
 * string (empty array = consistent). O(arenas · pools · blocks): for tests and the lockstep runner
 * at checkpoints, never on the hot path. Every walk is bounded, so a corrupted (cyclic) list is
 * reported, not followed forever.
 *
 * Checked:
 *   address space   mapped slots ↔ associated descriptors; released slots unmapped, once each.
 *   descriptors     unused_arena_objects = exactly the unassociated descriptors.
 *   arenas          ntotalpools = A/P; pool_address inside the arena; freepools acyclic, inside
 *                   the arena, carved, empty, distinct; nfreepools = emptied + never-carved pools;
 *                   every carved pool names its arena; counters (current, highwater, total, unused
 *                   pools) agree with the walk.
 *   pools           szidx a real class; maxnextoffset = P − size; nextoffset on a block boundary;
 *                   free list acyclic, at valid block offsets below nextoffset, distinct;
 *                   count + free-list length = carved blocks (the ref count is the allocated
 *                   blocks); full ⇔ empty free list ⇔ count = NUMBLOCKS; per-class counters.
 *   usedpools[idx]  a consistent circular list holding exactly the used pools of class idx.
 *   usable_arenas   consistent links, exactly the associated arenas with nfreepools > 0, sorted
 *                   ascending; nfp2lasta[k] = its rightmost arena with k (−1 if none); an arena
 *                   with every pool empty only as the last entry; no released arena referenced.
 *   raw blocks      inside the raw region below the bump pointer, 16-aligned, disjoint; bytes.
 *   live (optional) the caller's live addresses: each a valid block not on a free list, per-pool
 *                   counts equal to the live blocks in the pool, raw blocks exactly the live ones.
 */
import type { Pymalloc } from '../pymalloc/pymalloc.js';
import { ARENA_REGION_BASE, RAW_REGION_BASE } from '../pymalloc/addressSpace.js';
import { NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, classSize } from '../pymalloc/geometry.js';
import { FIRST_POOL } from '../pymalloc/pools.js';

const MAX_PROBLEMS = 50;
const NO_RAW_BLOCKS: ReadonlyArray<readonly [number, number]> = [];
const NO_SLOTS: readonly number[] = [];
/** The used pools of the current check in walk order (reused from check to check). */
const usedPoolsInWalkOrder: number[] = [];
/** Never added to: stands for the released slots' set when there are none. */
const NO_SLOTS_SET: Set<number> = new Set<number>();

/**
 * Membership marks reused from check to check (no Set per pool or arena): an index is in this check's
 * set iff its mark equals this check's epoch. `free[(q − FIRST_POOL)·gpp + g]` marks the free-list
 * entries, `emptied[q]` the pools on their arena's freepools.
 */
interface Marks {
  epoch: number;
  free: Uint32Array;
  emptied: Uint32Array;
  /** unused_arena_objects: `unused[a]`. */
  unused: Uint32Array;
  /** The caller's live small blocks, at the same index as `free`. */
  live: Uint32Array;
  /** Live blocks counted per pool: `poolLive[q]`, valid where `poolLiveMark[q]` is the epoch. */
  poolLive: Int32Array;
  poolLiveMark: Uint32Array;
  /** Descriptors with nfreepools > 0 (shouldBeUsable): `usable[a]`. */
  usable: Uint32Array;
  /** Used (not full, not empty) pools: `usedPool[q]`, their class in `usedClass[q]`; per class, how many. */
  usedPool: Uint32Array;
  usedClass: Int32Array;
  classUsed: Int32Array;
  /** Pools met on usedpools[usedListClass[q]]: `usedListed[q]`. */
  usedListed: Uint32Array;
  usedListClass: Int32Array;
  /** Per size class: pools, full pools and blocks counted by the walk (zeroed at each check). */
  classPools: Int32Array;
  classFull: Int32Array;
  classBlocks: Int32Array;
}
// One set of marks for every allocator: the epoch only grows, so marks left by another allocator's check
// are stale like any other. Grown (never shrunk) to the largest allocator checked.
let shared: Marks | null = null;

function nextMarks(pm: Pymalloc): Marks {
  let m = shared;
  let links = pm.pools.link.length;
  let capacity = pm.pools.capacity;
  let descriptors = pm.arenas.maxarenas;
  if (!m || m.free.length < links || m.emptied.length < capacity || m.unused.length < descriptors || m.epoch >= 0xfffffffe) {
    const grow = (n: number, had: number | undefined) => Math.max(n, had ?? 0);
    links = grow(links, m?.free.length);
    capacity = grow(capacity, m?.emptied.length);
    descriptors = grow(descriptors, m?.unused.length);
    m = {
      epoch: 0, free: new Uint32Array(links), emptied: new Uint32Array(capacity), unused: new Uint32Array(descriptors),
      live: new Uint32Array(links), poolLive: new Int32Array(capacity), poolLiveMark: new Uint32Array(capacity),
      usable: new Uint32Array(descriptors), usedPool: new Uint32Array(capacity), usedClass: new Int32Array(capacity),
      classUsed: new Int32Array(NB_SMALL_SIZE_CLASSES), usedListed: new Uint32Array(capacity), usedListClass: new Int32Array(capacity),
      classPools: new Int32Array(NB_SMALL_SIZE_CLASSES), classFull: new Int32Array(NB_SMALL_SIZE_CLASSES),
      classBlocks: new Int32Array(NB_SMALL_SIZE_CLASSES),
    };
    shared = m;
  }
  m.epoch++;
  m.classPools.fill(0);
  m.classFull.fill(0);
  m.classBlocks.fill(0);
  m.classUsed.fill(0);
  return m;
}

export function checkPymalloc(pm: Pymalloc, live?: Iterable<number>): string[] {
  const out: string[] = [];
  const fail = (m: string): void => {
    if (out.length < MAX_PROBLEMS) out.push(m);
  };
  const { poolSize: P, arenaSize: A, poolsPerArena: ppa, granulesPerPool: gpp, numBlocks } = pm.geometry;
  const { pools, arenas, slots } = pm;
  const hex = (n: number): string => '0x' + n.toString(16);
  const marks = nextMarks(pm);
  const epoch = marks.epoch;
  const freeMark = marks.free;
  const emptiedMark = marks.emptied;

  // Address space.
  const released = slots.releasedCount === 0 ? NO_SLOTS : slots.releasedSlots();
  const releasedSet = released.length === 0 ? NO_SLOTS_SET : new Set<number>();
  for (const s of released) {
    if (s < 0 || s >= slots.slotsEverMapped) fail(`address space: released slot ${s} was never mapped`);
    else if (slots.slotToArena[s] >= 0) fail(`address space: released slot ${s} is mapped`);
    if (releasedSet.has(s)) fail(`address space: slot ${s} released twice`);
    releasedSet.add(s);
  }
  for (let s = 0; s < slots.capacity; s++) {
    const a = slots.slotToArena[s];
    if (s >= slots.slotsEverMapped) {
      if (a !== -1) fail(`address space: slot ${s} mapped beyond slotsEverMapped`);
    } else if (a < 0 && !releasedSet.has(s)) fail(`address space: slot ${s} is neither mapped nor released`);
    else if (a >= arenas.maxarenas || (a >= 0 && arenas.slot[a] !== s)) fail(`address space: slot ${s} maps to descriptor ${a}, which is not at that slot`);
  }

  // unused_arena_objects.
  const unusedMark = marks.unused;
  // A corrupted list can name any descriptor number: those the marks do not cover go in a Set.
  let unusedBeyond: Set<number> | null = null;
  const isUnused = (a: number) => (a < unusedMark.length ? unusedMark[a] === epoch : unusedBeyond !== null && unusedBeyond.has(a));
  let unusedSize = 0;
  for (let a = arenas.unusedArenaObjects; a >= 0; a = arenas.nextarena[a]) {
    if (isUnused(a) || unusedSize > arenas.maxarenas) {
      fail(`unused_arena_objects: cycle at descriptor ${a}`);
      break;
    }
    if (a < unusedMark.length) unusedMark[a] = epoch;
    else (unusedBeyond ??= new Set<number>()).add(a);
    unusedSize++;
    if (arenas.slot[a] !== -1) fail(`unused_arena_objects: descriptor ${a} has an arena (slot ${arenas.slot[a]})`);
  }

  // Arenas and their pools.
  // The used pools of each class (usedOfClass): marked in usedPool/usedClass, counted in classUsed, and
  // listed in walk order (for the messages about missing ones, in that order).
  const { usedPool, usedClass, classUsed, usedListed, usedListClass, usable } = marks;
  const usedInOrder = usedPoolsInWalkOrder;
  usedInOrder.length = 0;
  const isUsedOfClass = (q: number, idx: number) => q >= 0 && q < usedPool.length && usedPool[q] === epoch && usedClass[q] === idx;
  const arenaWhere = (a: number, slot: number) => `arena ${a} (slot ${slot}, ${hex(ARENA_REGION_BASE + slot * A)})`; // formatted only on failure
  const poolWhere = (q: number) => `pool ${hex(pm.poolAddress(q))}`;
  // An arena's emptied pools: marked, and within its carved pools (a mark from another arena is not one).
  const isEmptiedIn = (q: number, first: number, carved: number) => q >= first && q < first + carved && emptiedMark[q] === epoch;
  const { classPools, classFull, classBlocks } = marks;
  /** (p − FIRST_POOL)·gpp + granule of every free-list entry, for the live check: freeMark[·] === epoch. */
  let associated = 0;
  let unusedPools = 0;
  // shouldBeUsable: descriptors marked in `usable`.
  for (let a = 0; a < arenas.maxarenas; a++) {
    const slot = arenas.slot[a];
    if (slot === -1) {
      if (!isUnused(a)) fail(`descriptor ${a}: no arena but not on unused_arena_objects`);
      continue;
    }
    associated++;
    if (slots.arenaAt(slot) !== a) {
      fail(`${arenaWhere(a, slot)}: its slot is not mapped to it`);
      continue;
    }
    if (arenas.ntotalpools[a] !== ppa) fail(`${arenaWhere(a, slot)}: ntotalpools ${arenas.ntotalpools[a]} ≠ ${ppa}`);
    const first = FIRST_POOL + slot * ppa;
    const carved = arenas.poolAddress[a] - first;
    if (carved < 0 || carved > ppa) {
      fail(`${arenaWhere(a, slot)}: pool_address outside the arena (${carved} pools carved)`);
      continue;
    }
    let emptiedSize = 0;
    for (let q = arenas.freepools[a]; q >= 0; q = pools.nextpool[q]) {
      if (isEmptiedIn(q, first, carved) || emptiedSize > carved) {
        fail(`${arenaWhere(a, slot)}: freepools has a cycle`);
        break;
      }
      if (q < first || q >= first + carved) {
        fail(`${arenaWhere(a, slot)}: freepools holds pool ${q}, not a carved pool of this arena`);
        break;
      }
      emptiedMark[q] = epoch;
      emptiedSize++;
    }
    const nf = arenas.nfreepools[a];
    if (nf !== emptiedSize + (ppa - carved)) fail(`${arenaWhere(a, slot)}: nfreepools ${nf} ≠ ${emptiedSize} emptied + ${ppa - carved} never-carved`);
    unusedPools += nf;
    if (nf > 0) usable[a] = epoch;
    for (let q = first; q < first + carved; q++) {
      if (pools.arenaindex[q] !== a) fail(`${poolWhere(q)}: arenaindex ${pools.arenaindex[q]} ≠ ${a}`);
      const count = pools.count[q];
      if (count === 0 && !isEmptiedIn(q, first, carved)) fail(`${poolWhere(q)}: empty but not on its arena's freepools`);
      if (count !== 0 && isEmptiedIn(q, first, carved)) fail(`${poolWhere(q)}: on freepools with ${count} blocks allocated`);
      checkPool(q);
    }
  }
  if (associated !== arenas.narenasCurrentlyAllocated) fail(`counters: ${associated} arenas but narenas_currently_allocated = ${arenas.narenasCurrentlyAllocated}`);
  if (arenas.narenasHighwater < arenas.narenasCurrentlyAllocated) fail(`counters: highwater ${arenas.narenasHighwater} < current`);
  if (arenas.ntimesArenaAllocated < arenas.narenasHighwater) fail(`counters: allocated total ${arenas.ntimesArenaAllocated} < highwater`);
  if (unusedPools !== arenas.unusedPools) fail(`counters: Σ nfreepools = ${unusedPools} but unusedPools = ${arenas.unusedPools}`);
  const counterPools = pools.classPools;
  const counterFull = pools.classFull;
  const counterBlocks = pools.classBlocks;
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    if (classPools[i] !== counterPools[i] || classFull[i] !== counterFull[i] || classBlocks[i] !== counterBlocks[i]) {
      fail(`counters: class ${i} has ${classPools[i]} pools (${classFull[i]} full), ${classBlocks[i]} blocks; counters say ${pools.classPools[i]} (${pools.classFull[i]}), ${pools.classBlocks[i]}`);
    }
  }

  function checkPool(q: number): void {
    const idx = pools.szidx[q];
    if (idx >= NB_SMALL_SIZE_CLASSES) {
      fail(`${poolWhere(q)}: carved but szidx ${idx} is no size class`);
      return;
    }
    const size = classSize(idx);
    const next = pools.nextoffset[q];
    if (pools.maxnextoffset[q] !== P - size) fail(`${poolWhere(q)}: maxnextoffset ${pools.maxnextoffset[q]} ≠ ${P - size}`);
    if (next < POOL_OVERHEAD + size || (next - POOL_OVERHEAD) % size !== 0 || next > P - size + size) {
      fail(`${poolWhere(q)}: nextoffset ${next} is not a block boundary of class ${idx}`);
      return;
    }
    const carvedBlocks = (next - POOL_OVERHEAD) / size;
    if (carvedBlocks > numBlocks[idx]) fail(`${poolWhere(q)}: ${carvedBlocks} blocks carved, more than ${numBlocks[idx]}`);
    // This pool's free-list granules: marked at base + g, g a granule of this pool.
    let seenSize = 0;
    const base = (q - FIRST_POOL) * gpp;
    for (let g = pools.freeblock[q]; g !== 0; g = pools.link[base + g]) {
      const off = g * 16;
      if ((g >= 0 && g < gpp && freeMark[base + g] === epoch) || seenSize > carvedBlocks) {
        fail(`${poolWhere(q)}: free list has a cycle at offset ${off}`);
        break;
      }
      if (off < POOL_OVERHEAD || off >= next || (off - POOL_OVERHEAD) % size !== 0) {
        fail(`${poolWhere(q)}: free list holds offset ${off}, not a carved block of class ${idx}`);
        break;
      }
      freeMark[base + g] = epoch;
      seenSize++;
    }
    const count = pools.count[q];
    if (count < 0 || count + seenSize !== carvedBlocks) {
      fail(`${poolWhere(q)}: count ${count} + ${seenSize} free ≠ ${carvedBlocks} carved blocks`);
    }
    if (count === 0) return;
    const full = pools.freeblock[q] === 0;
    if (full !== (count === numBlocks[idx])) fail(`${poolWhere(q)}: ${count}/${numBlocks[idx]} blocks but ${full ? 'no' : 'a'} free list`);
    classPools[idx]++;
    classBlocks[idx] += count;
    if (full) classFull[idx]++;
    else if (usedPool[q] !== epoch || usedClass[q] !== idx) {
      usedPool[q] = epoch;
      usedClass[q] = idx;
      classUsed[idx]++;
      usedInOrder.push(q);
    }
  }

  // usedpools.
  const { nextpool, prevpool } = pools;
  for (let idx = 0; idx < NB_SMALL_SIZE_CLASSES; idx++) {
    if (nextpool[idx] === idx && prevpool[idx] === idx && classUsed[idx] === 0) continue; // empty, as it should be
    // The pools met on this list: marked in usedListed with the class (no Set per class).
    const isListed = (q: number) => q >= 0 && q < usedListed.length && usedListed[q] === epoch && usedListClass[q] === idx;
    let listedSize = 0;
    let prev = idx;
    for (let q = pools.nextpool[idx]; q !== idx; q = pools.nextpool[q]) {
      if (isListed(q) || listedSize > classUsed[idx] || q < FIRST_POOL || q >= pools.capacity) {
        fail(`usedpools[${idx}]: broken list at pool number ${q}`);
        break;
      }
      if (pools.prevpool[q] !== prev) fail(`usedpools[${idx}]: prevpool of ${hex(pm.poolAddress(q))} is wrong`);
      if (!isUsedOfClass(q, idx)) {
        fail(`usedpools[${idx}]: holds ${hex(pm.poolAddress(q))}, not a used pool of class ${idx}` + (pm.poolOf(pm.poolAddress(q)) < 0 ? ' (in a released arena)' : ''));
      }
      usedListed[q] = epoch;
      usedListClass[q] = idx;
      listedSize++;
      prev = q;
    }
    if (pools.prevpool[idx] !== prev) fail(`usedpools[${idx}]: the header's prevpool is not the last pool`);
    if (classUsed[idx] > 0) for (const q of usedInOrder) if (usedClass[q] === idx && !isListed(q)) fail(`usedpools[${idx}]: used pool ${hex(pm.poolAddress(q))} missing`);
  }

  // usable_arenas and nfp2lasta.
  const order: number[] = [];
  let prev = -1;
  for (let a = arenas.usableArenas; a >= 0; a = arenas.nextarena[a]) {
    if (order.includes(a) || order.length > arenas.maxarenas) {
      fail(`usable_arenas: cycle at descriptor ${a}`);
      break;
    }
    if (arenas.prevarena[a] !== prev) fail(`usable_arenas: prevarena of descriptor ${a} is ${arenas.prevarena[a]}, not ${prev}`);
    if (arenas.slot[a] === -1) fail(`usable_arenas: holds descriptor ${a}, whose arena was released`);
    if (!(a >= 0 && a < usable.length && usable[a] === epoch)) fail(`usable_arenas: holds descriptor ${a} with ${arenas.nfreepools[a]} free pools`);
    if (prev >= 0 && arenas.nfreepools[prev] > arenas.nfreepools[a]) fail(`usable_arenas: not sorted (${arenas.nfreepools[prev]} before ${arenas.nfreepools[a]})`);
    order.push(a);
    prev = a;
  }
  for (let a = 0; a < arenas.maxarenas; a++) if (usable[a] === epoch && !order.includes(a)) fail(`usable_arenas: descriptor ${a} with ${arenas.nfreepools[a]} free pools missing`);
  order.forEach((a, i) => {
    if (arenas.nfreepools[a] === ppa && i !== order.length - 1) fail(`usable_arenas: the wholly empty arena ${a} is kept but is not the last`);
  });
  for (let k = 0; k <= ppa; k++) {
    let expected = -1;
    for (const a of order) if (arenas.nfreepools[a] === k) expected = a;
    if (arenas.nfp2lasta[k] !== expected) fail(`nfp2lasta[${k}] = ${arenas.nfp2lasta[k]}, expected ${expected}`);
  }

  // Raw blocks.
  const raw = pm.raw.capacityOf.size === 0 ? NO_RAW_BLOCKS
    : [...pm.raw.capacityOf].map(([key, cap]) => [RAW_REGION_BASE + key * 16, cap] as const).sort((x, y) => x[0] - y[0]);
  let rawBytes = 0;
  let end = RAW_REGION_BASE;
  for (const [address, cap] of raw) {
    if (address < end || address % 16 !== 0) fail(`raw: block ${hex(address)} overlaps the previous one or is misaligned`);
    if (cap < 16 || cap % 16 !== 0) fail(`raw: block ${hex(address)} has capacity ${cap}`);
    end = address + cap;
    rawBytes += cap;
  }
  if (end > pm.raw.top) fail(`raw: a block ends above the bump pointer`);
  if (rawBytes !== pm.raw.bytes) fail(`raw: bytes ${pm.raw.bytes} ≠ Σ capacities ${rawBytes}`);

  // The caller's live blocks.
  if (live !== undefined) {
    // Pools in the order their first live block came, with their count in poolLive.
    const perPoolOrder: number[] = [];
    const { poolLive, poolLiveMark, live: liveMark } = marks;
    // Seen addresses: a 16-aligned address inside a pool is marked at its granule (one address per
    // granule); any other address (raw, misaligned) goes in a Set. The two never hold the same address.
    let seenElsewhere: Set<number> | null = null;
    let rawLive = 0;
    for (const address of live) {
      const q = pm.poolOf(address);
      // The offset in its pool, a small integer: `offset % 16` is `address % 16` (pools are 16-aligned)
      // without a floating-point remainder of a 47-bit address.
      const inPoolOffset = q >= 0 ? address - pm.poolAddress(q) : 0;
      const granule = q >= 0 && inPoolOffset % 16 === 0 ? (q - FIRST_POOL) * gpp + inPoolOffset / 16 : -1;
      const inPool = granule >= 0 && granule < liveMark.length && inPoolOffset < P;
      if (inPool ? liveMark[granule] === epoch : seenElsewhere !== null && seenElsewhere.has(address)) fail(`live: ${hex(address)} given twice (two live blocks at one address)`);
      if (inPool) liveMark[granule] = epoch;
      else (seenElsewhere ??= new Set<number>()).add(address);
      if (q < 0) {
        if (pm.raw.capacity(address) === 0) fail(`live: ${hex(address)} is neither in an arena nor a raw block`);
        else rawLive++;
        continue;
      }
      const off = inPoolOffset;
      const size = classSize(pools.szidx[q]);
      if (pools.count[q] <= 0 || off < POOL_OVERHEAD || off >= pools.nextoffset[q] || (off - POOL_OVERHEAD) % size !== 0) {
        fail(`live: ${hex(address)} is not an allocated block of its pool`);
        continue;
      }
      if (freeMark[(q - FIRST_POOL) * gpp + off / 16] === epoch) fail(`live: ${hex(address)} is on its pool's free list`);
      if (poolLiveMark[q] !== epoch) {
        poolLiveMark[q] = epoch;
        poolLive[q] = 0;
        perPoolOrder.push(q);
      }
      poolLive[q]++;
    }
    let livePools = 0;
    for (const q of perPoolOrder) {
      const n = poolLive[q];
      if (pools.count[q] !== n) fail(`live: pool ${hex(pm.poolAddress(q))} has count ${pools.count[q]} but ${n} live blocks`);
      livePools += n;
    }
    let counted = 0;
    for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) counted += pools.classBlocks[i];
    if (counted !== livePools) fail(`live: ${counted} blocks allocated from pools but ${livePools} live`);
    if (rawLive !== pm.raw.count) fail(`live: ${pm.raw.count} raw blocks but ${rawLive} live`);
  }
  return out;
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
