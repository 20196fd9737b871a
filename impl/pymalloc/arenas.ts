/*
 * Arena descriptors, usable_arenas and nfp2lasta (obmalloc.c: struct arena_object, new_arena, the
 * arena half of allocate_from_new_pool, insert_to_freepool).
 *
 * Layout (structure of arrays indexed by descriptor a; length maxarenas = 16, 32, 64, … doubled
 * only when unused_arena_objects is empty, like CPython's `arenas` vector):
 *   slot         Int32Array  mmap slot of the arena (addressSpace.ts); −1 = no arena (CPython address 0)
 *   poolAddress  Int32Array  pool number of the next never-carved pool (pool_address)
 *   nfreepools   Int32Array  emptied pools + never-carved pools
 *   ntotalpools  Int32Array  A / P
 *   freepools    Int32Array  head of the emptied pools, linked through Pools.nextpool; −1 = NULL
 *   nextarena    Int32Array  usable_arenas link, or unused_arena_objects link when slot = −1
 *   prevarena    Int32Array  usable_arenas link
 *   nfp2lasta    Int32Array[A/P + 1]  rightmost arena of usable_arenas with k free pools, or −1
 *
 * Arena states: unassociated (slot −1, on unused_arena_objects, LIFO); usable (nfreepools > 0, on
 * usable_arenas, kept sorted by nfreepools ascending, head = fewest); full (nfreepools = 0, on no
 * list). nfp2lasta makes every re-sort O(1): a new pool always comes from the head, whose count
 * drops to a value nobody else has; an emptied pool raises its arena's count by one, and the arena
 * moves right just past nfp2lasta[old count], i.e. to the LEFT end of its new group.
 * An arena whose pools are all empty is released (munmap) unless it is the last of usable_arenas
 * (bpo-37257), so at most one empty arena is ever kept.
 */
import { INITIAL_ARENA_OBJECTS, type Geometry } from './geometry.js';
import type { ArenaSlots } from './addressSpace.js';
import { FIRST_POOL, type Pools } from './pools.js';
import {
  ARENA_EMPTY_KEPT, ARENA_FULL, ARENA_FULL_TO_USABLE, ARENA_NEW, ARENA_RELEASED, ARENA_RESORTED, POOL_CARVED, POOL_EMPTIED,
  POOL_FROM_FREEPOOLS, AT_ARENA_CAPACITY, AT_ARENA_RELEASE, eventAtBoundary,
} from './events.js';
import { grownTo } from '../typedArrays.js';

export class Arenas {
  slot: Int32Array = new Int32Array(0);
  poolAddress: Int32Array = new Int32Array(0);
  nfreepools: Int32Array = new Int32Array(0);
  ntotalpools: Int32Array = new Int32Array(0);
  freepools: Int32Array = new Int32Array(0);
  nextarena: Int32Array = new Int32Array(0);
  prevarena: Int32Array = new Int32Array(0);
  maxarenas = 0;
  readonly nfp2lasta: Int32Array;
  usableArenas = -1;
  unusedArenaObjects = -1;
  /** ntimes_arena_allocated, narenas_currently_allocated, narenas_highwater */
  ntimesArenaAllocated = 0;
  narenasCurrentlyAllocated = 0;
  narenasHighwater = 0;
  /** Sum of nfreepools over the allocated arenas ("unused pools" in the stats). */
  unusedPools = 0;

  constructor(
    readonly geometry: Geometry,
    readonly slots: ArenaSlots,
    readonly pools: Pools,
  ) {
    this.nfp2lasta = new Int32Array(geometry.poolsPerArena + 1).fill(-1);
  }

  /** new_arena: a descriptor from unused_arena_objects (growing the vector), mmapped at the lowest free slot. */
  newArena(): number {
    this.pools.marks.arena();
    if (this.unusedArenaObjects < 0) this.growDescriptors();
    const a = this.unusedArenaObjects;
    this.unusedArenaObjects = this.nextarena[a];
    if (this.slots.slotsEverMapped >= this.geometry.maxArenaSlots && this.slots.releasedCount === 0) {
      throw new RangeError(`pymalloc: the simulated arena region is full (${this.geometry.maxArenaSlots} arenas, 32 GiB)`);
    }
    const slot = this.slots.mmap(a);
    this.pools.ensureSlots(this.slots.slotsEverMapped);
    this.slot[a] = slot;
    this.narenasCurrentlyAllocated++;
    this.ntimesArenaAllocated++;
    this.pools.events[ARENA_NEW]++;
    if (this.narenasCurrentlyAllocated > this.narenasHighwater) this.narenasHighwater = this.narenasCurrentlyAllocated;
    const n = this.geometry.poolsPerArena;
    this.freepools[a] = -1;
    this.poolAddress[a] = FIRST_POOL + slot * n;
    this.nfreepools[a] = n;
    this.ntotalpools[a] = n;
    this.unusedPools += n;
    return a;
  }

  private growDescriptors(): void {
    const old = this.maxarenas;
    const n = old === 0 ? INITIAL_ARENA_OBJECTS : old * 2;
    this.pools.marks.arena();
    const grow = (from: Int32Array): Int32Array => grownTo(from, n);
    this.slot = grow(this.slot);
    this.poolAddress = grow(this.poolAddress);
    this.nfreepools = grow(this.nfreepools);
    this.ntotalpools = grow(this.ntotalpools);
    this.freepools = grow(this.freepools);
    this.nextarena = grow(this.nextarena);
    this.prevarena = grow(this.prevarena);
    for (let i = old; i < n; i++) {
      this.slot[i] = -1;
      this.nextarena[i] = i < n - 1 ? i + 1 : -1;
      this.prevarena[i] = -1;
    }
    this.unusedArenaObjects = old;
    this.maxarenas = n;
  }

  /**
   * The arena half of allocate_from_new_pool: take a pool from the head of usable_arenas (a new
   * arena when there is none), popping its freepools (LIFO) before carving a never-used pool.
   * Returns the pool number; a carved pool has szidx = DUMMY_SIZE_IDX.
   */
  takePool(): number {
    const nfp2lasta = this.nfp2lasta;
    let a = this.usableArenas;
    this.pools.marks.arena();
    if (a < 0) {
      a = this.newArena();
      this.usableArenas = a;
      this.nextarena[a] = -1;
      this.prevarena[a] = -1;
      nfp2lasta[this.nfreepools[a]] = a;
    }
    const nf = this.nfreepools[a];
    // The head has the fewest free pools, so after the decrement it is alone in group nf − 1.
    if (nfp2lasta[nf] === a) nfp2lasta[nf] = -1;
    if (nf > 1) nfp2lasta[nf - 1] = a;
    let p = this.freepools[a];
    if (p >= 0) {
      this.pools.marks.pool(p);
      this.freepools[a] = this.pools.nextpool[p];
      this.pools.events[POOL_FROM_FREEPOOLS]++;
    } else {
      p = this.poolAddress[a]++;
      this.pools.carve(p, a);
      this.pools.events[POOL_CARVED]++;
    }
    this.nfreepools[a] = nf - 1;
    eventAtBoundary(this.pools.events, AT_ARENA_CAPACITY, 1 - nf); // pools in use − pools = −(nf − 1)
    this.unusedPools--;
    if (nf === 1) {
      // Wholly allocated: it leaves usable_arenas (its links become meaningless; we clear them).
      const next = this.nextarena[a];
      this.usableArenas = next;
      if (next >= 0) this.prevarena[next] = -1;
      this.nextarena[a] = -1;
      this.pools.events[ARENA_FULL]++;
    }
    return p;
  }

  /**
   * insert_to_freepool without its first step (unlinking the pool from usedpools, done by the
   * caller because a one-block pool goes from full, on no list, straight to empty): push the pool
   * on its arena's freepools and restore the order of usable_arenas (CPython's Cases 1–4).
   */
  insertToFreepool(p: number): void {
    const pools = this.pools;
    const nfp2lasta = this.nfp2lasta;
    const a = pools.arenaindex[p];
    pools.marks.pool(p);
    pools.marks.arena();
    pools.nextpool[p] = this.freepools[a];
    pools.prevpool[p] = -1;
    this.freepools[a] = p;
    let nf = this.nfreepools[a];
    const lastnf = nfp2lasta[nf];
    if (lastnf === a) {
      const prev = this.prevarena[a];
      nfp2lasta[nf] = prev >= 0 && this.nfreepools[prev] === nf ? prev : -1;
    }
    this.nfreepools[a] = ++nf;
    eventAtBoundary(this.pools.events, AT_ARENA_RELEASE, nf - this.ntotalpools[a]);
    this.unusedPools++;
    this.pools.events[POOL_EMPTIED]++;

    if (nf === this.ntotalpools[a] && this.nextarena[a] >= 0) {
      // Case 1: wholly free and not the last usable arena: unlink and release it.
      this.unlinkUsable(a);
      this.freeArena(a);
      return;
    }
    if (nf === this.ntotalpools[a]) this.pools.events[ARENA_EMPTY_KEPT]++;
    if (nf === 1) {
      // Case 2: the arena was full (on no list): it goes to the head.
      const head = this.usableArenas;
      this.nextarena[a] = head;
      this.prevarena[a] = -1;
      if (head >= 0) this.prevarena[head] = a;
      this.usableArenas = a;
      if (nfp2lasta[1] < 0) nfp2lasta[1] = a;
      this.pools.events[ARENA_FULL_TO_USABLE]++;
      return;
    }
    if (nfp2lasta[nf] < 0) nfp2lasta[nf] = a;
    // Case 4: it was the rightmost of its old group, so it is already in place.
    if (a === lastnf) return;
    // Case 3: move it right, just after lastnf (the rightmost arena still having nf − 1).
    this.unlinkUsable(a);
    const after = this.nextarena[lastnf];
    this.prevarena[a] = lastnf;
    this.nextarena[a] = after;
    if (after >= 0) this.prevarena[after] = a;
    this.nextarena[lastnf] = a;
    this.pools.events[ARENA_RESORTED]++;
  }

  private unlinkUsable(a: number): void {
    const prev = this.prevarena[a];
    const next = this.nextarena[a];
    this.pools.marks.arena();
    if (prev >= 0) this.nextarena[prev] = next;
    else this.usableArenas = next;
    if (next >= 0) this.prevarena[next] = prev;
  }

  /** Case 1's end: the descriptor goes back on unused_arena_objects and the arena is munmapped. */
  private freeArena(a: number): void {
    this.pools.marks.arena();
    this.nextarena[a] = this.unusedArenaObjects;
    this.prevarena[a] = -1;
    this.unusedArenaObjects = a;
    this.slots.munmap(this.slot[a]);
    this.slot[a] = -1;
    this.narenasCurrentlyAllocated--;
    this.unusedPools -= this.nfreepools[a];
    this.pools.events[ARENA_RELEASED]++;
  }
}
