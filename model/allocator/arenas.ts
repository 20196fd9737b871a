/*
 * Arenas and the order of `usable_arenas` (obmalloc.c: new_arena, the arena half of
 * allocate_from_new_pool, insert_to_freepool). Written as rules over a plain sorted array; CPython's
 * nfp2lasta[] is an O(1) way to reach the same order and is deliberately not reproduced.
 *
 * usable_arenas = the arenas with at least one free pool (emptied or never carved), sorted by
 * nfreepools ascending, so the most-used arena comes first and nearly empty arenas can drain.
 *
 * Taking a pool (a class has no used pool):
 *   1. If usable_arenas is empty, map a new arena; it becomes the only entry.
 *   2. Use the HEAD arena (fewest free pools). Pop its most recently emptied pool (LIFO); if it has
 *      none, carve its next never-carved pool (pools are carved in ascending address order).
 *   3. If the arena has no free pool left, it leaves usable_arenas (it is on no list while full).
 *      Otherwise it stays the head: it had the fewest and now has one fewer.
 *
 * Giving back a pool that became empty (checked in this order, as insert_to_freepool does):
 *   the pool is pushed on the head of its arena's freePools; nf := the arena's new nfreepools.
 *   Case 1  nf = all its pools AND the arena is not the last entry of usable_arenas:
 *           unlink it and release it (munmap). The last entry is kept even when empty (bpo-37257).
 *   Case 2  nf = 1 (the arena was full, so on no list): insert it at the HEAD.
 *   Case 3/4 otherwise: move it to the LEFT END of its new group, i.e. just right of the last arena
 *           with fewer than nf free pools (it stays put when it already is there).
 *   Case 2 is the same left-end rule for group 1; it is kept separate to follow the source.
 *
 * Invariants: usable_arenas sorted ascending by nfreepools; it holds exactly the mapped arenas with
 * nfreepools > 0; a completely empty arena is kept only as the last entry of usable_arenas.
 */
import type { AllocatorState, Arena, Pool } from './state.js';
import { nfreepools } from './state.js';
import { mapArena, unmapArena } from './addressSpace.js';
import { carvedPool } from './pools.js';

/** new_arena: map an arena and count it. */
export function newArena(state: AllocatorState): Arena {
  const arena = mapArena(state);
  const c = state.counters;
  c.arenasAllocatedTotal++;
  c.arenasCurrent++;
  if (c.arenasCurrent > c.arenasHighwater) c.arenasHighwater = c.arenasCurrent;
  return arena;
}

/** Pick the pool a class without used pools will use next (steps 1–3 above). */
export function takePoolFromArenas(state: AllocatorState): Pool {
  if (state.usableArenas.length === 0) {
    state.usableArenas = [newArena(state)];
  }
  const head = state.usableArenas[0];
  let pool = head.freePools.pop();
  if (pool === undefined) {
    const index = head.pools.length;
    pool = carvedPool(head, index, head.address + index * state.geometry.poolSize);
    head.pools.push(pool);
  }
  if (nfreepools(head) === 0) {
    state.usableArenas.shift();
  }
  return pool;
}

/** Put an emptied pool back into its arena and fix the arena's place (Cases 1–4 above). */
export function returnPoolToArena(state: AllocatorState, pool: Pool): void {
  const arena = pool.arena;
  arena.freePools.push(pool);
  const nf = nfreepools(arena);
  const usable = state.usableArenas;
  const position = usable.indexOf(arena);
  if ((position === -1) !== (nf === 1)) {
    throw new Error(`internal: arena at 0x${arena.address.toString(16)} (${nf} free pools) misplaced`);
  }

  if (nf === arena.totalPools && position !== usable.length - 1) {
    usable.splice(position, 1);
    releaseArena(state, arena);
    return;
  }
  if (nf === 1) {
    usable.unshift(arena);
    return;
  }
  usable.splice(position, 1);
  placeAtLeftEndOfGroup(usable, arena);
}

/** Insert an arena just right of every arena that has fewer free pools. */
function placeAtLeftEndOfGroup(usable: Arena[], arena: Arena): void {
  const nf = nfreepools(arena);
  let i = 0;
  while (i < usable.length && nfreepools(usable[i]) < nf) i++;
  usable.splice(i, 0, arena);
}

/** Give a completely empty arena back to the system. */
function releaseArena(state: AllocatorState, arena: Arena): void {
  unmapArena(state, arena);
  state.counters.arenasCurrent--;
}
